/** 04-crypto.md line protection; 08-conformance §secure messaging (flipped bit → 6988, no change). */

import { macInput, macIv } from '@ssc-cos/apdu-codec/crypto';
import fc from 'fast-check';
import { readRecord, selectFid } from '../apdus.js';
import { concatBytes, hexWord } from '../bytes.js';
import { allDfs, type DfDescription, type EfDescription, pinBytes } from '../description/card-description.js';
import type { ConformanceCase } from '../kit/case.js';
import { NotApplicable } from '../kit/case-errors.js';
import type { Kit } from '../kit/kit.js';
import { checkProperty } from './property.js';

const K = '04-crypto';

export const smCases: ConformanceCase[] = [
  {
    id: `${K}/sm/flipped-bit`,
    clause: `${K} §Line-protection MAC; 08-conformance §secure messaging (flipped bit → 6988, no state change)`,
    title: 'APPLICATION BLOCK with any bit of P2 or the MAC flipped answers 6988 and blocks nothing',
    tags: ['destructive'],
    async run(k) {
      const df = k.df(0xdf01);
      const ef = df.efs.find((e) => e.read.kind === 'PIN|KEY' && !e.read.sm && e.records.length > 0);
      await k.selectMf();
      await k.verifyPin();
      await k.selectDf(df);
      await k.restoreLineKey(df, true);
      // The flipped bit is either P2 bit 1 (00 ↔ 01, both valid P2) or one of the 32 MAC bits.
      // Each wrong MAC spends a try of line key 03 (03-security §v2): a right MAC refills it.
      await checkProperty(
        fc.asyncProperty(fc.integer({ min: -1, max: 31 }), async (bit) => {
          const apdu = await k.protectedApdu(df, 0x03, [0x84, 0x1e, 0x00, 0x00]);
          const at = bit < 0 ? 3 : 5 + (bit >> 3);
          apdu[at] = apdu[at]! ^ (bit < 0 ? 0x01 : 1 << (bit & 7));
          const r = await k.card.send(apdu);
          if (r.sw !== 0x6988)
            k.fail(`flipped ${bit < 0 ? 'P2 bit' : `MAC bit ${bit}`}: expected 6988, got ${hexWord(r.sw)}`);
          if (ef) {
            const read = await k.card.send(readRecord(1, ef.sfi));
            if (read.sw !== 0x9000) k.fail(`after the rejected block, read answered ${hexWord(read.sw)}`);
          }
          await k.restoreLineKey(df);
        }),
        { numRuns: 12, seed: 0x5eed },
      );
    },
  },
  {
    id: `${K}/sm/flipped-data-bit`,
    clause: `${K} §Encrypted data, §Line-protection MAC; 08-conformance §secure messaging (data bit → 6988, no change)`,
    title:
      'PIN UNBLOCK with any bit of its encrypted data flipped answers 6988 and changes neither PIN nor counter',
    tags: ['destructive'],
    async run(k) {
      const puk = k.key(k.mf, 0x01);
      await k.provePinRestorable();
      await k.selectMf();
      const alg = k.description.algorithm;
      const pin = pinBytes('9999');
      const block = new Uint8Array(Math.ceil((1 + pin.length) / k.blockSize) * k.blockSize);
      block[0] = pin.length;
      block.set(pin, 1);
      if (1 + pin.length < block.length) block[1 + pin.length] = 0x80;
      // 03-security §v2: each flipped bit (a wrong MAC) spends a try of the unblock key; a
      // right PIN UNBLOCK with the card's own PIN refills it and changes nothing else. Done
      // first, it also proves the way back before any try is spent.
      const unblockWithOwnPin = async (what: string, proving = false): Promise<void> => {
        const own = pinBytes(k.description.pin.digits);
        const plain = new Uint8Array(Math.ceil((1 + own.length) / k.blockSize) * k.blockSize);
        plain[0] = own.length;
        plain.set(own, 1);
        if (1 + own.length < plain.length) plain[1 + own.length] = 0x80;
        const enc = await k.keys.encrypt(puk, plain);
        const r = await k.challenge();
        const mac = await k.keys.lineMac(puk, macIv(alg, r), macInput(0x84, 0x24, 0x00, 0x00, enc));
        const data = concatBytes(enc, mac);
        const reply = await k.card.send(
          concatBytes(Uint8Array.of(0x84, 0x24, 0x00, 0x00, data.length), data),
        );
        if (reply.sw === 0x9000) return;
        if (proving)
          throw new NotApplicable(`PIN UNBLOCK with the card's own PIN answered ${hexWord(reply.sw)}`);
        k.fail(`${what}: expected 9000, got ${hexWord(reply.sw)}`);
      };
      await unblockWithOwnPin('the way back', true);
      await checkProperty(
        fc.asyncProperty(fc.nat(8 * block.length - 1), async (bit) => {
          await k.expect(
            k.verifyApdu(k.wrongPin()),
            '63C?',
            'one wrong PIN first, so a counter reset would show',
          );
          const enc = await k.keys.encrypt(puk, block);
          const r = await k.challenge();
          const mac = await k.keys.lineMac(puk, macIv(alg, r), macInput(0x84, 0x24, 0x00, 0x00, enc));
          enc[bit >> 3] = enc[bit >> 3]! ^ (1 << (bit & 7));
          const data = concatBytes(enc, mac);
          const reply = await k.card.send(
            concatBytes(Uint8Array.of(0x84, 0x24, 0x00, 0x00, data.length), data),
          );
          if (reply.sw !== 0x6988) k.fail(`flipped data bit ${bit}: expected 6988, got ${hexWord(reply.sw)}`);
          const left = await k.card.send('00200000');
          const expected = 0x63c0 | (k.description.pin.tries - 1);
          if (left.sw !== expected)
            k.fail(`after the rejected PIN UNBLOCK, VERIFY without data answered ${hexWord(left.sw)}`);
          await unblockWithOwnPin('right PIN UNBLOCK with the own PIN (refills both counters)');
        }),
        { numRuns: 8, seed: 0xda7a },
      );
      await k.expect(k.verifyApdu(k.description.pin.digits), '9000', 'the old PIN still verifies');
    },
  },
  {
    id: `${K}/sm/replayed-mac`,
    clause: `${K} §Challenge and IV; 08-conformance §keys (replayed MAC fails)`,
    title: 'a line-protected command cannot be replayed',
    tags: ['destructive'],
    async run(k) {
      const df = k.df(0xdf01);
      await k.selectDf(df);
      const block = await k.protectedApdu(df, 0x03, [0x84, 0x1e, 0x00, 0x00]);
      await k.expect(block, '9000', 'APPLICATION BLOCK');
      const sw = await k.applicationUnblock(df);
      k.check(sw === 0x9000, `APPLICATION UNBLOCK answered ${hexWord(sw)}`);
      await k.expect(block, '6984', 'replay without a challenge');
      await k.challenge();
      await k.expect(block, '6988', 'replay after a new challenge');
      await k.restoreLineKey(df); // the replay's wrong MAC spent a try (03-security §v2)
      await k.expect(selectFid(df.fid), ['9000', '61??'], 'DF01 still usable');
    },
  },
  {
    id: `${K}/sm/wrong-key`,
    clause: `${K} §Line-protection MAC (MAC with the DF's key 03)`,
    title: "a MAC made with another DF's line key is rejected with 6988",
    tags: ['destructive'],
    async run(k) {
      const df01 = k.df(0xdf01);
      const df02 = k.df(0xdf02);
      await k.selectDf(0xdf02);
      await k.restoreLineKey(df02, true);
      const apdu = await k.protectedApdu(df01, 0x03, [0x84, 0x1e, 0x00, 0x00]);
      await k.expect(apdu, '6988', "block DF02 with DF01's key");
      await k.restoreLineKey(df02); // the wrong MAC spent a try of DF02's key (03-security §v2)
    },
  },
];

/** Files whose read rule carries +SM (03-security §Access rules), with the DF holding them. */
function smReadFiles(k: Kit): Array<{ df: DfDescription; ef: EfDescription }> {
  return allDfs(k.description).flatMap((df) =>
    df.efs.filter((ef) => ef.read.sm && ef.sfi !== null && ef.records.length > 0).map((ef) => ({ df, ef })),
  );
}

smCases.push({
  id: `${K}/sm/protected-read`,
  clause: '03-security §Access rules (+SM: plain CLA → 6987; reads return a MAC); 04-crypto §response MAC',
  title: 'a +SM file refuses a plain read with 6987 and answers a MACed read with data ‖ a valid MAC',
  tags: [],
  async run(k) {
    const files = smReadFiles(k);
    if (files.length === 0) throw new NotApplicable('the profile has no record file with a +SM read rule');
    const alg = k.description.algorithm;
    for (const { df, ef } of files) {
      await k.selectDf(df);
      if (ef.read.kind === 'PIN' || ef.read.kind === 'PIN|KEY' || ef.read.kind === 'PIN+KEY')
        await k.verifyPin();
      if (ef.read.key !== undefined && ef.read.kind !== 'PIN|KEY') await k.authenticateOk(df, ef.read.key);
      const p2 = (ef.sfi! << 3) | 0b100;
      await k.expect(
        Uint8Array.of(0x00, 0xb2, 0x01, p2, 0x00),
        '6987',
        `plain READ RECORD of ${hexWord(ef.fid)}`,
      );
      const key = k.key(df, 0x03);
      const r = await k.challenge();
      const iv = macIv(alg, r);
      const mac = await k.keys.lineMac(key, iv, macInput(0x04, 0xb2, 0x01, p2, new Uint8Array(0)));
      const reply = await k.card.exchange(
        concatBytes(Uint8Array.of(0x04, 0xb2, 0x01, p2, 0x04), mac, Uint8Array.of(0x00)),
      );
      k.check(reply.sw === 0x9000, `MACed READ RECORD of ${hexWord(ef.fid)} answered ${hexWord(reply.sw)}`);
      const data = reply.data.subarray(0, reply.data.length - 4);
      k.expectBytes(data, ef.records[0]!, `record 1 of ${hexWord(ef.fid)}`);
      k.expectBytes(
        reply.data.subarray(reply.data.length - 4),
        await k.keys.lineMac(key, iv, data),
        'response MAC',
      );
    }
  },
});
