/**
 * Properties of the PSAM commands over their whole input space (05-psam.md, 02-commands.md):
 * the order Lc (6700) → key (6A88) for INIT FOR DESCRYPT and SESSION INIT, and a valid status
 * word for any bytes sent.
 */
import { fc, test as propTest } from '@fast-check/vitest';
import { expect } from 'vitest';
import { apdu, exchange, psam, SELECT_DF01, send } from './psam-fixture.js';

/** psam-hospital's key table (06-keys.md). */
const HOSPITAL = new Set(['47/15', '28/14', '28/24', '25/34']);
const h = (n: number) => n.toString(16).toUpperCase().padStart(2, '0');

/** 02-commands.md "Status words the card may answer". */
const VALID_SW =
  /^(9000|61..|6281|6283|63C.|6581|6700|6881|6981|6982|6983|6984|6985|6986|6987|6988|6A80|6A81|6A82|6A83|6A84|6A86|6A88|6B00|6C..|6D00|6E00|9303)$/;

propTest.prop(
  [fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 255 }), fc.integer({ min: 0, max: 40 })],
  { numRuns: 300 },
)(
  '05-psam INIT FOR DESCRYPT: Lc ≠ 8 × levels → 6700, else unknown (usage, id) → 6A88, else 9000',
  (usage, id, lc) => {
    const p = psam('psam-hospital', '3des');
    exchange(p, SELECT_DF01);
    const header = `801A${h(usage)}${h(id)}`;
    const { sw } = send(p, lc === 0 ? header : apdu(header, new Uint8Array(lc)));
    const expected =
      lc !== 8 * (usage >> 5) ? '6700' : HOSPITAL.has(`${h(usage)}/${h(id)}`) ? '9000' : '6A88';
    expect(sw).toBe(expected);
  },
);

propTest.prop(
  [
    fc.constantFrom(0x28, 0x48, 0x25, 0x20),
    fc.constantFrom(0x13, 0x14, 0x24, 0x34),
    fc.integer({ min: 1, max: 40 }),
  ],
  { numRuns: 200 },
)(
  '05-psam SESSION INIT: Lc ≠ 8 × levels + |R| (R of 4, 8, 16) → 6700, else 6A88 / 9000 (a MAC key 25/34 → 6985)',
  (usage, id, lc) => {
    const p = psam('psam-hospital', 'sm4');
    exchange(p, SELECT_DF01);
    const { sw } = send(p, apdu(`BFDE${h(usage)}${h(id)}`, new Uint8Array(lc)));
    const r = lc - 8 * (usage >> 5);
    const known = HOSPITAL.has(`${h(usage)}/${h(id)}`);
    const expected = ![4, 8, 16].includes(r) ? '6700' : !known ? '6A88' : usage === 0x25 ? '6985' : '9000';
    expect(sw).toBe(expected);
  },
);

propTest.prop(
  [
    fc.array(
      fc.tuple(
        fc.constantFrom(0x00, 0x80, 0xbf, 0x84, 0x10),
        fc.constantFrom(0x1a, 0xde, 0xfa, 0xa4, 0xb0, 0xc0, 0x84, 0x20),
        fc.uint8Array({ minLength: 2, maxLength: 2 }),
        fc.uint8Array({ maxLength: 40 }),
        fc.option(fc.integer({ min: 0, max: 255 })),
      ),
      { minLength: 1, maxLength: 12 },
    ),
  ],
  { numRuns: 150 },
)(
  '02-commands: the PSAM answers any command sequence with a status word of the spec, never a fault',
  (commands) => {
    const p = psam('psam-issuer', '3des');
    exchange(p, SELECT_DF01);
    for (const [cla, ins, p1p2, data, le] of commands) {
      const bytes = [cla, ins, p1p2[0]!, p1p2[1]!];
      if (data.length > 0) bytes.push(data.length, ...data);
      if (le !== null) bytes.push(le);
      const { sw } = send(p, Uint8Array.from(bytes));
      expect(sw).toMatch(VALID_SW);
    }
  },
);
