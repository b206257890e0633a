/**
 * A trace: the command/response pairs of a session, in order. The card's --trace and the
 * conformance reports keep one and print it with formatTrace; `pnpm apdu decode --file`
 * reads the text form ("> cmd" / "< resp" lines).
 */

import { formatExchange } from './decoder.js';
import { ApduError } from './errors.js';
import { fromHex, toHex } from './hex.js';

export interface TraceEntry {
  command: Uint8Array;
  /** Absent when the command got no answer (e.g. the transport failed). */
  response?: Uint8Array;
  /** Milliseconds since the epoch. */
  timestamp?: number;
  /** Which device or step, e.g. "card", "psam". */
  label?: string;
}

export type Trace = TraceEntry[];

export interface TraceFormatOptions {
  /** Prefix each line with the raw hex of command and response. Default true. */
  hex?: boolean;
}

/** One line: "[label] [time] CMD → RESP  SELECT … → 9000 success". */
export function formatTraceEntry(entry: TraceEntry, options: TraceFormatOptions = {}): string {
  const parts: string[] = [];
  if (entry.timestamp !== undefined) parts.push(new Date(entry.timestamp).toISOString());
  if (entry.label) parts.push(`[${entry.label}]`);
  if (options.hex ?? true) {
    parts.push(
      entry.response ? `${toHex(entry.command)} → ${toHex(entry.response)}:` : `${toHex(entry.command)}:`,
    );
  }
  parts.push(formatExchange(entry.command, entry.response));
  return parts.join(' ');
}

/** The whole trace, one line per entry. */
export function formatTrace(trace: readonly TraceEntry[], options: TraceFormatOptions = {}): string {
  return trace.map((e) => formatTraceEntry(e, options)).join('\n');
}

/**
 * Reads the text form: `> hex` is a command, `< hex` the response to the command before it;
 * `# …` and blank lines are ignored; `@label` before a line labels the next command. Throws
 * ApduError('bad-trace') naming the line on anything else.
 */
export function parseTraceText(text: string): Trace {
  const trace: Trace = [];
  let label: string | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `trace line ${i + 1}`;
    if (line.startsWith('@')) {
      label = line.slice(1).trim();
      return;
    }
    const dir = line[0];
    if (dir !== '>' && dir !== '<')
      throw new ApduError('bad-trace', `${where}: expected "> command" or "< response"`);
    let bytes: Uint8Array;
    try {
      bytes = fromHex(line.slice(1));
    } catch (e) {
      throw new ApduError('bad-trace', `${where}: ${(e as Error).message}`);
    }
    if (dir === '>') {
      const entry: TraceEntry = { command: bytes };
      if (label !== undefined) entry.label = label;
      label = undefined;
      trace.push(entry);
    } else {
      const last = trace[trace.length - 1];
      if (!last || last.response) throw new ApduError('bad-trace', `${where}: response without a command`);
      last.response = bytes;
    }
  });
  return trace;
}
