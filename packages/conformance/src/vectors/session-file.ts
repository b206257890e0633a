/**
 * Any session file a user has → a vector: a vector (JSON); a trace in the one format
 * (docs/trace.md), a scriptor output log or a pcscd --apdu log — recordings whose responses
 * become the expected values (challenge data as `??`: it cannot repeat); or a scriptor script
 * (commands only: a recording without expected values, "recorded, not checked" on replay).
 */
import { readFileSync } from 'node:fs';
import { basename } from 'node:path';
import { readTrace, type TraceEntry, toHex, traceSource } from '@ssc-cos/apdu-codec';
import { exchangeName } from '../channel/apdu-names.js';
import { recordingVector, type Vector, type VectorStep } from './format.js';
import { expectedResponse } from './record.js';
import { importScriptor } from './scriptor.js';
import { readVectorFile, VectorError } from './vector-file.js';

/** A text with "> command" / "< response" lines (after an optional time and @device) is a trace. */
const TRACE_LINE = /^\s*(?:\d{4}-\d\d-\d\dT\S+Z\s+)?(?:@\S+\s+)?(?:[<>]|reset\s*$)/im;

export function traceToVector(
  trace: readonly TraceEntry[],
  name: string,
  profile: string,
  source: string,
): Vector {
  const steps = trace.map((e): VectorStep => {
    const to = e.device === 'psam' ? ('psam' as const) : ('card' as const);
    const expect = e.response === undefined ? undefined : expectedResponse(e.command, e.response, true);
    if (e.command === null) return { reset: to, ...(expect ? { expect } : {}) };
    return {
      ...(to === 'psam' ? { to } : {}),
      command: toHex(e.command),
      ...(expect ? { expect } : {}),
      note: exchangeName(e.command),
    };
  });
  return recordingVector(
    name,
    profile,
    `imported from ${source}: the recorded responses are the expected values, challenge data masked`,
    steps,
  );
}

/** Reads `path` as whichever of the session formats it is. */
export function readSessionFile(path: string, profile: string | null): Vector {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch {
    throw new VectorError(`cannot read ${path}`);
  }
  if (text.trimStart().startsWith('{')) return readVectorFile(path);
  if (profile === null) throw new VectorError(`${path}: not a vector; give --profile for a trace or log`);
  const kind = traceSource(text);
  if (kind === 'trace' && !TRACE_LINE.test(text)) return importScriptor(text, path, profile);
  const what = {
    trace: 'a trace (docs/trace.md)',
    scriptor: 'a scriptor output log',
    pcscd: 'a pcscd --apdu log',
  }[kind];
  let trace: TraceEntry[];
  try {
    trace = readTrace(text);
  } catch (e) {
    throw new VectorError(`${path}: ${(e as Error).message}`);
  }
  return traceToVector(trace, basename(path), profile, `${what} (${path})`);
}
