/**
 * 08-conformance §codec: every APDU case round-trips through the codec the suite uses, and a
 * malformed length is rejected — by the codec with an ApduError, by the card with 6700.
 */
import {
  ApduError,
  apduCase,
  type CommandApdu,
  encodeCommandApdu,
  parseCommandApdu,
} from '@ssc-cos/apdu-codec';
import fc from 'fast-check';
import { hexWord, sameBytes } from '../bytes.js';
import type { ConformanceCase } from '../kit/case.js';
import { CaseFailure } from '../kit/case-errors.js';
import { checkProperty } from './property.js';

const commandArb: fc.Arbitrary<CommandApdu> = fc
  .record({
    header: fc.tuple(
      fc.constantFrom(0x00, 0x80, 0x04, 0x84),
      fc.integer({ min: 0, max: 255 }),
      fc.nat(255),
      fc.nat(255),
    ),
    extended: fc.boolean(),
    hasData: fc.boolean(),
    hasLe: fc.boolean(),
    data: fc.uint8Array({ minLength: 1, maxLength: 300 }),
    ne: fc.integer({ min: 1, max: 65536 }),
  })
  .map(({ header: [cla, ins, p1, p2], extended, hasData, hasLe, data, ne }) => {
    const needsExtended = (hasData && data.length > 255) || (hasLe && ne > 256);
    const ext = (hasData || hasLe) && (extended || needsExtended);
    return {
      cla,
      ins,
      p1,
      p2,
      data: hasData ? data : new Uint8Array(0),
      ne: hasLe ? (ext ? ne : Math.min(ne, 256)) : null,
      extended: ext,
    };
  });

function same(a: CommandApdu, b: CommandApdu): boolean {
  return (
    a.cla === b.cla &&
    a.ins === b.ins &&
    a.p1 === b.p1 &&
    a.p2 === b.p2 &&
    a.ne === b.ne &&
    a.extended === b.extended &&
    sameBytes(a.data, b.data)
  );
}

export const codecCases: ConformanceCase[] = [
  {
    id: '08-conformance/codec/round-trip',
    clause: '08-conformance §codec (cases 1, 2S, 3S, 4S, 2E, 3E, 4E round-trip)',
    title: 'every APDU case encodes and parses back to the same command',
    tags: [],
    async run() {
      const seen = new Set<string>();
      await checkProperty(
        fc.asyncProperty(commandArb, async (cmd) => {
          const back = parseCommandApdu(encodeCommandApdu(cmd));
          seen.add(apduCase(cmd));
          if (!same(back, cmd)) throw new CaseFailure(`case ${apduCase(cmd)} did not round-trip`);
        }),
        { numRuns: 300, seed: 0xc0dec },
      );
      for (const c of ['1', '2S', '3S', '4S', '2E', '3E', '4E'])
        if (!seen.has(c)) throw new CaseFailure(`case ${c} never generated`);
    },
  },
  {
    id: '08-conformance/codec/malformed-lengths',
    clause: '08-conformance §codec (malformed lengths rejected); 02-commands §Order of checks 5',
    title: 'an Lc that disagrees with the data is rejected by the codec and answered 6700 by the card',
    tags: [],
    async run(k) {
      for (const hex of [
        '00A40000053F00',
        '00B2012C0000',
        '00A400',
        '00A40000023F00FFFF',
        '00A40000033F00',
      ]) {
        const apdu = Uint8Array.from(Buffer.from(hex, 'hex'));
        let rejected = false;
        try {
          parseCommandApdu(apdu);
        } catch (e) {
          rejected = e instanceof ApduError;
        }
        k.check(rejected, `the codec accepted the malformed ${hex}`);
        const r = await k.card.send(apdu);
        k.check(r.sw === 0x6700, `the card answered ${hexWord(r.sw)} to the malformed ${hex}, expected 6700`);
      }
    },
  },
];
