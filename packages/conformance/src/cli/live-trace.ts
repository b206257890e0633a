/**
 * `--trace FILE` of `conformance run` and `record`: every exchange appended to FILE in the one
 * trace format (docs/trace.md) as soon as it completes, with its decoded meaning as a comment,
 * so `tail -f FILE` follows a run on a real card live. A `# <what>` comment opens each case
 * (or each differential sequence side).
 */
import { appendFileSync } from 'node:fs';
import { TRACE_HEADER, traceLines } from '@ssc-cos/apdu-codec';
import type { Exchange } from '../channel/trace.js';
import { writeOut } from './common.js';

/** Writes one exchange; `section` starts a comment line when it changes; `prefix` prefixes the device. */
export type LiveTrace = (entry: Exchange, section: string, prefix?: string) => void;

export function openLiveTrace(path: string): LiveTrace {
  writeOut(path, `${TRACE_HEADER}\n`);
  let current: string | null = null;
  return (entry, section, prefix) => {
    const head = section === current ? '' : `# ${section}\n`;
    current = section;
    const device = prefix ? `${prefix}-${entry.device}` : entry.device;
    appendFileSync(path, head + traceLines({ ...entry, device }));
  };
}
