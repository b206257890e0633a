/**
 * The one trace format of the project (docs/trace.md): the exchanges of a session, in order,
 * with when they happened and which device they went to. Written by `cos-sim serve --trace`,
 * `conformance run --trace` and `conformance record --trace`; read by `apdu decode --file`,
 * `conformance replay` and `conformance import-scriptor` (which also read scriptor output and
 * pcscd --apdu logs, trace-import.ts).
 *
 * Text form, one exchange half per line:
 *   [ISO-8601 time] [@device] > COMMAND-HEX
 *   [ISO-8601 time] [@device] < RESPONSE-HEX
 *   [ISO-8601 time] [@device] reset            (its "< ATR" line follows)
 * `#` starts a comment (the writers put the decoded exchange there), blank lines are ignored,
 * and an `@device` line on its own labels the next command.
 */

import { formatExchange } from './decoder.js';
import { ApduError } from './errors.js';
import { fromHex, toHex } from './hex.js';

export interface TraceEntry {
  /** Which device, e.g. "card", "psam", a vpcd port; absent in a bare trace. */
  device?: string;
  /** Command APDU, or null for a reset (the response is then the ATR). */
  command: Uint8Array | null;
  /** Absent when the command got no answer (e.g. the transport failed). */
  response?: Uint8Array;
  /** When the command was sent, milliseconds since the epoch. */
  timestamp?: number;
  /** When the answer came back, milliseconds since the epoch. */
  answeredAt?: number;
}

export type Trace = TraceEntry[];

export interface TraceFormatOptions {
  /** Prefix each line with the raw hex of command and response. Default true. */
  hex?: boolean;
}

/** The decoded exchange: "SELECT … → 9000 success", or "RESET → ATR …". */
export function describeTraceEntry(entry: TraceEntry): string {
  if (entry.command === null) return `RESET → ATR ${entry.response ? toHex(entry.response) : '(none)'}`;
  return formatExchange(entry.command, entry.response);
}

/** One human line: "[time] [device] CMD → RESP: SELECT … → 9000 success". */
export function formatTraceEntry(entry: TraceEntry, options: TraceFormatOptions = {}): string {
  const parts: string[] = [];
  if (entry.timestamp !== undefined) parts.push(new Date(entry.timestamp).toISOString());
  if (entry.device) parts.push(`[${entry.device}]`);
  if ((options.hex ?? true) && entry.command !== null) {
    parts.push(
      entry.response ? `${toHex(entry.command)} → ${toHex(entry.response)}:` : `${toHex(entry.command)}:`,
    );
  }
  parts.push(describeTraceEntry(entry));
  return parts.join(' ');
}

/** The whole trace for humans, one line per entry. */
export function formatTrace(trace: readonly TraceEntry[], options: TraceFormatOptions = {}): string {
  return trace.map((e) => formatTraceEntry(e, options)).join('\n');
}

/** First line of a trace file. */
export const TRACE_HEADER = '# ssc-cos trace 1 (docs/trace.md)';

/**
 * One entry in the text form: its command (or reset) line, its response line, and the decoded
 * exchange as a comment — what the writers append as each exchange completes.
 */
export function traceLines(entry: TraceEntry, options: { decode?: boolean } = {}): string {
  const prefix = (at: number | undefined) =>
    `${at === undefined ? '' : `${new Date(at).toISOString()} `}${entry.device ? `@${entry.device} ` : ''}`;
  const lines = [
    `${prefix(entry.timestamp)}${entry.command === null ? 'reset' : `> ${toHex(entry.command)}`}`,
  ];
  if (entry.response !== undefined)
    lines.push(`${prefix(entry.answeredAt ?? entry.timestamp)}< ${toHex(entry.response)}`);
  if (options.decode ?? true) lines.push(`# ${describeTraceEntry(entry)}`);
  return `${lines.join('\n')}\n`;
}

/** A whole trace in the text form, header first. */
export function writeTraceText(trace: readonly TraceEntry[], options: { decode?: boolean } = {}): string {
  return `${TRACE_HEADER}\n${trace.map((e) => traceLines(e, options)).join('')}`;
}

const LINE = /^(?:(\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z)\s+)?(?:@(\S+)\s*)?(.*)$/;

/**
 * Reads the text form. Throws ApduError('bad-trace') naming the line on anything that is not
 * a comment, a blank, an `@device` line, a command, a reset or the response to the entry
 * before it.
 */
export function parseTraceText(text: string): Trace {
  const trace: Trace = [];
  let label: string | undefined;
  const lines = text.split(/\r?\n/);
  lines.forEach((raw, i) => {
    const line = raw.trim();
    if (line === '' || line.startsWith('#')) return;
    const where = `trace line ${i + 1}`;
    const [, time, device, rest = ''] = LINE.exec(line)!;
    const at = time === undefined ? undefined : Date.parse(time);
    if (rest === '') {
      if (device === undefined)
        throw new ApduError('bad-trace', `${where}: expected "> command" or "< response"`);
      label = device;
      return;
    }
    const dir = rest[0];
    const isReset = /^reset$/i.test(rest);
    if (!isReset && dir !== '>' && dir !== '<')
      throw new ApduError('bad-trace', `${where}: expected "> command", "< response" or "reset"`);
    let bytes: Uint8Array | null = null;
    if (!isReset) {
      try {
        bytes = fromHex(rest.slice(1));
      } catch (e) {
        throw new ApduError('bad-trace', `${where}: ${(e as Error).message}`);
      }
    }
    if (isReset || dir === '>') {
      const entry: TraceEntry = { command: bytes };
      const who = device ?? label;
      if (who !== undefined) entry.device = who;
      if (at !== undefined) entry.timestamp = at;
      label = undefined;
      trace.push(entry);
      return;
    }
    const last = trace[trace.length - 1];
    if (!last || last.response) throw new ApduError('bad-trace', `${where}: response without a command`);
    last.response = bytes!;
    if (at !== undefined) last.answeredAt = at;
  });
  return trace;
}
