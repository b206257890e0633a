/**
 * Logs of other PC/SC tools read as traces (docs/trace.md §Imports): the output of pcsc-tools
 * `scriptor` ("> 00 A4 …" / "< 61 1B : Normal processing."), and pcscd's `--apdu` log
 * ("APDU: 00 A4 …" / "SW: 61 1B"). readTrace tells the three apart by their lines.
 */
import { ApduError } from './errors.js';
import { fromHex } from './hex.js';
import { parseTraceText, type Trace, type TraceEntry } from './trace.js';

export type TraceSource = 'trace' | 'scriptor' | 'pcscd';

const HEX_BYTES = /^(?:[0-9A-Fa-f]{2}(?:\s+|$))+$/;

/**
 * scriptor's output: "> HEX" per command (bytes spaced), "< HEX : text" per response — a long
 * response wraps over several lines, only the last carrying " : text"; "> RESET" (or "reset")
 * then "< OK: ATR" for a reset. Its own messages ("Using T=0 protocol", "Reading commands from
 * …") and the script's comments are skipped.
 */
export function parseScriptorLog(text: string): Trace {
  const trace: Trace = [];
  let open: { entry: TraceEntry; hex: string } | null = null;
  const lines = text.split(/\r?\n/);
  const close = () => {
    if (open !== null && open.hex !== '') open.entry.response = fromHex(open.hex);
    open = null;
  };
  lines.forEach((raw, i) => {
    const line = raw.trimEnd();
    const where = `scriptor log line ${i + 1}`;
    if (line.startsWith('> ')) {
      close();
      const body = line.slice(2).trim();
      if (/^reset$/i.test(body)) {
        trace.push({ command: null });
        return;
      }
      if (!HEX_BYTES.test(body)) return; // "> exit", a script line scriptor echoes
      trace.push({ command: fromHex(body) });
      return;
    }
    if (line.startsWith('< ')) {
      const last = trace[trace.length - 1];
      if (last === undefined || last.response !== undefined)
        throw new ApduError('bad-trace', `${where}: response without a command`);
      let body = line.slice(2);
      body = body.replace(/^OK:\s*/i, '');
      const cut = body.indexOf(' : ');
      open = { entry: last, hex: '' };
      open.hex += (cut >= 0 ? body.slice(0, cut) : body).replace(/\s/g, '');
      if (cut >= 0) close();
      return;
    }
    if (open !== null) {
      // continuation of a wrapped response
      const cut = line.indexOf(' : ');
      const part = (cut >= 0 ? line.slice(0, cut) : line).trim();
      if (HEX_BYTES.test(part)) (open as { hex: string }).hex += part.replace(/\s/g, '');
      if (cut >= 0 || !HEX_BYTES.test(part)) close();
    }
  });
  close();
  return trace;
}

/** pcscd --apdu: "… APDU: HEX" is a command, the next "… SW: HEX" its whole response. */
export function parsePcscdApduLog(text: string): Trace {
  const trace: Trace = [];
  text.split(/\r?\n/).forEach((raw, i) => {
    const line = raw.replace(/\x1b\[[0-9;]*m/g, '');
    const m = /\b(APDU|SW): ((?:[0-9A-Fa-f]{2} ?)*)\s*$/.exec(line);
    if (!m) return;
    const bytes = fromHex(m[2]!);
    if (m[1] === 'APDU') {
      trace.push({ command: bytes });
      return;
    }
    const last = trace[trace.length - 1];
    if (last === undefined || last.response !== undefined)
      throw new ApduError('bad-trace', `pcscd log line ${i + 1}: SW without an APDU`);
    last.response = bytes;
  });
  return trace;
}

/** Which of the three a text is. */
export function traceSource(text: string): TraceSource {
  if (/^\S*\s*(?:\[\d+\]\s*)?(?:[\w.]+:\d+:\w+\(\)\s*)?APDU: /m.test(text)) return 'pcscd';
  if (/^< .* : /m.test(text) || /^Using (?:given card reader|T=\d protocol)/m.test(text)) return 'scriptor';
  return 'trace';
}

/** Any of the three as a trace; ApduError('bad-trace') when it is none of them. */
export function readTrace(text: string): Trace {
  switch (traceSource(text)) {
    case 'pcscd':
      return parsePcscdApduLog(text);
    case 'scriptor':
      return parseScriptorLog(text);
    case 'trace':
      return parseTraceText(text);
  }
}
