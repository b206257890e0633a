/** Traces: the text form read by `pnpm apdu decode --file` and the formatter used by --trace. */
import { describe, expect, test } from 'vitest';
import { formatTrace, formatTraceEntry, fromHex, parseTraceText, toHex } from '../src/index.js';

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
    expect(trace[1]!.label).toBe('card');
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
