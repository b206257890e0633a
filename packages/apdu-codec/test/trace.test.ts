/** Traces: the text form read by `pnpm apdu decode --file` and the formatter used by --trace. */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import {
  formatTrace,
  formatTraceEntry,
  fromHex,
  parsePcscdApduLog,
  parseScriptorLog,
  parseTraceText,
  readTrace,
  TRACE_HEADER,
  type Trace,
  toHex,
  traceSource,
  writeTraceText,
} from '../src/index.js';

const TEXT = `# SELECT the SSSE, fetch its FCI, read EF05 record 1
> 00A404000F7378312E73682EC9E7BBE1B1A3D5CF00
< 6105
@card
> 00C0000005
< 6F03840100 9000

> 00B2012C00
`;

describe('parseTraceText', () => {
  test('"> command" / "< response" lines, comments, blank lines and @labels', () => {
    const trace = parseTraceText(TEXT);
    expect(trace).toHaveLength(3);
    expect(toHex(trace[0]!.response!)).toBe('6105');
    expect(trace[1]!.device).toBe('card');
    expect(toHex(trace[1]!.response!)).toBe('6F038401009000');
    expect(trace[2]!.response).toBeUndefined();
  });

  test.each([
    ['< 9000', 'line 1: response without a command'],
    ['> 00B2012C00\n< 9000\n< 9000', 'line 3: response without a command'],
    ['> 00B2zz', 'line 1'],
    ['00B2012C00', 'line 1: expected'],
  ])('bad text %j is ApduError naming the line', (text, message) => {
    expect(() => parseTraceText(text)).toThrow(expect.objectContaining({ code: 'bad-trace' }));
    expect(() => parseTraceText(text)).toThrow(message);
  });
});

describe('formatTrace', () => {
  test('one line per pair, with hex, decoded command and SW meaning', () => {
    const lines = formatTrace(parseTraceText(TEXT)).split('\n');
    expect(lines).toHaveLength(3);
    expect(lines[0]).toContain('SELECT by DF name');
    expect(lines[0]).toContain('61xx'.replace('xx', '05'));
    expect(lines[1]).toMatch(/^\[card\] 00C0000005 → 6F038401009000: GET RESPONSE/);
    expect(lines[2]).toBe('00B2012C00: READ RECORD record 1, SFI 05 (case 2S, Nc=0, Ne=256)');
  });

  test('timestamps print as ISO time; hex can be left out', () => {
    const line = formatTraceEntry(
      { command: fromHex('0084000008'), response: fromHex('11223344556677889000'), timestamp: 0 },
      { hex: false },
    );
    expect(line).toBe(
      '1970-01-01T00:00:00.000Z GET CHALLENGE (case 2S, Nc=0, Ne=8) → 9000 success [8 bytes: 1122334455667788]',
    );
  });
});

describe('issue 9 item 10: the one trace format, and the logs of other tools', () => {
  const sample = (name: string) =>
    readFileSync(fileURLToPath(new URL(`../../../vectors/samples/${name}`, import.meta.url)), 'utf8');
  const pairs = (t: Trace) =>
    t.filter((e) => e.command !== null).map((e) => `${toHex(e.command!)}>${toHex(e.response!)}`);

  test('written and read back: time, device, reset with its ATR, the answer time; decoded comments are ignored', () => {
    const trace: Trace = [
      {
        device: 'card',
        command: null,
        response: fromHex('3B6D000000905431168660261122000001'),
        timestamp: 1000,
      },
      {
        device: 'psam',
        command: fromHex('00B0960006'),
        response: fromHex('1101000000019000'),
        timestamp: 2000,
        answeredAt: 2005,
      },
    ];
    const text = writeTraceText(trace);
    expect(text.split('\n')[0]).toBe(TRACE_HEADER);
    expect(text).toContain(
      '1970-01-01T00:00:02.000Z @psam > 00B0960006\n1970-01-01T00:00:02.005Z @psam < 1101000000019000\n# READ BINARY',
    );
    expect(parseTraceText(text)).toEqual([{ ...trace[0], answeredAt: 1000 }, trace[1]]);
    expect(traceSource(text)).toBe('trace');
  });

  test('one session captured three ways (scriptor output, pcscd --apdu, cos-sim serve --trace-file) reads as the same exchanges', () => {
    const scriptor = readTrace(sample('session.scriptor.log'));
    const pcscd = readTrace(sample('session.pcscd-apdu.log'));
    const served = readTrace(sample('session.serve.trace'));
    expect(traceSource(sample('session.scriptor.log'))).toBe('scriptor');
    expect(traceSource(sample('session.pcscd-apdu.log'))).toBe('pcscd');
    expect(pairs(scriptor)).toHaveLength(6);
    // a response that scriptor wrapped over two lines is joined
    expect(pairs(scriptor)[1]).toBe('00C000001B>6F19840F7378312E73682EC9E7BBE1B1A3D5CFA5069F0C038601019000');
    expect(pairs(pcscd)).toEqual(pairs(scriptor));
    expect(pairs(served)).toEqual(pairs(scriptor));
    // scriptor shows its reset and the ATR ("> RESET" / "< OK: …"); the served trace has every power-on
    const reset = scriptor.find((e) => e.command === null)!;
    expect(toHex(reset.response!)).toBe('3B6D000000905431168660261122000001');
    expect(served.filter((e) => e.command === null).length).toBeGreaterThanOrEqual(2);
    expect(served.every((e) => e.device === '35963' && e.timestamp !== undefined)).toBe(true);
  });

  test('a pcscd SW line without its APDU, or a scriptor response without a command, is bad-trace', () => {
    expect(() => parsePcscdApduLog('00000001 SW: 90 00')).toThrow(
      expect.objectContaining({ code: 'bad-trace' }),
    );
    expect(() => parseScriptorLog('< 90 00 : Normal processing.')).toThrow(
      expect.objectContaining({ code: 'bad-trace' }),
    );
  });
});
