/**
 * The v2 rules of 03-security.md and 09-perso.md (holes found by attacking the simulator,
 * issue 15), as cases a real card can be checked with. Non-destructive where the rule allows
 * it: a case that spends a try proves first that it can refill it and does so before it ends;
 * a case that locks a key, blocks an application for good or erases a DF is irreversible
 * (08-conformance §Against a real card: n/a unless --irreversible).
 */

import { readRecord, selectFid } from '../apdus.js';
import { hexWord } from '../bytes.js';
import type { DfDescription } from '../description/card-description.js';
import type { ConformanceCase } from '../kit/case.js';
import { NotApplicable } from '../kit/case-errors.js';
import type { Kit } from '../kit/kit.js';

const S = '03-security';
const P = '09-perso';
/** Master key of a DF (09-perso.md): EXTERNAL AUTHENTICATE 0F opens its management. */
const MASTER_KEY_ID = 0x0f;

/** APPLICATION BLOCK P2=00 of the current DF under its line key 03, one MAC bit flipped. */
async function wrongMacBlock(k: Kit, df: DfDescription): Promise<Uint8Array> {
  const apdu = await k.protectedApdu(df, 0x03, [0x84, 0x1e, 0x00, 0x00]);
  apdu[apdu.length - 1] = apdu[apdu.length - 1]! ^ 0x01;
  return apdu;
}

function lineKeyTries(k: Kit, df: DfDescription): number {
  const tries = k.key(df, 0x03).tries;
  if (tries < 2) throw new NotApplicable(`line key 03 of ${hexWord(df.fid)} has no retry counter to check`);
  return tries;
}

export const securityV2Cases: ConformanceCase[] = [
  {
    id: `${S}/v2/auth-needs-8-byte-challenge`,
    clause: `${S} §v2 (EXTERNAL AUTHENTICATE needs a challenge of 8 bytes or more; after 4 → 6984)`,
    title: 'a right cryptogram over a 4-byte challenge answers 6984; over an 8-byte one 9000',
    tags: ['destructive'],
    async run(k) {
      if (!k.description.challengeLengths.includes(4))
        throw new NotApplicable('the card gives no 4-byte challenge');
      const df = k.df(0xdf01);
      const key = await k.proveKeyRestorable(df, 0x01);
      await k.selectDf(df);
      const r = await k.challenge(4);
      await k.expect(await k.externalAuthApdu(key, r), '6984', 'EXTERNAL AUTHENTICATE after GET CHALLENGE 4');
      const ef = df.efs.find(
        (e) => e.read.kind === 'KEY' && e.read.key === 0x01 && !e.read.sm && e.sfi !== null,
      );
      if (ef)
        await k.expect(
          readRecord(1, ef.sfi!),
          '6982',
          `READ RECORD of ${hexWord(ef.fid)}: key 01 not opened`,
        );
      // A right cryptogram over a long enough challenge: 9000, and any try a card spent is back.
      await k.authenticateOk(df, 0x01);
    },
  },
  {
    id: `${S}/v2/right-mac-refills`,
    clause: `${S} §v2 (a wrong MAC spends a try of its key; a right MAC restores the counter)`,
    title: 'tries − 1 wrong MACs, a right MAC, then tries − 1 wrong MACs again all answer 6988',
    tags: ['destructive'],
    async run(k) {
      const df = k.df(0xdf01);
      const tries = lineKeyTries(k, df);
      await k.selectDf(df);
      await k.restoreLineKey(df, true);
      for (const round of [1, 2]) {
        for (let i = 1; i < tries; i++)
          await k.expect(
            await wrongMacBlock(k, df),
            '6988',
            `round ${round}: wrong MAC ${i} of ${tries - 1}`,
          );
        await k.restoreLineKey(df);
      }
      await k.expect(selectFid(df.fid), ['9000', '61??'], `${hexWord(df.fid)} still usable`);
    },
  },
  {
    id: `${S}/v2/wrong-macs-lock`,
    clause: `${S} §v2 (a wrong MAC spends a try; 0 left → 6983 for every command that needs the key)`,
    title: "as many wrong MACs as the line key's tries lock it: a right MAC then answers 6983",
    tags: ['destructive', 'irreversible'],
    async run(k) {
      k.requireIrreversible('locking a line key');
      const df = k.df(0xdf01);
      const tries = lineKeyTries(k, df);
      await k.selectDf(df);
      for (let i = 1; i <= tries; i++)
        await k.expect(await wrongMacBlock(k, df), '6988', `wrong MAC ${i} of ${tries}`);
      const right = await k.protectedApdu(df, 0x03, [0x84, 0x18, 0x00, 0x00]);
      await k.expect(right, '6983', 'right MAC with the key locked');
      await k.expect(selectFid(df.fid), ['9000', '61??'], `${hexWord(df.fid)} not blocked by the wrong MACs`);
    },
  },
  {
    id: `${P}/v2/issue-form-after-perso`,
    clause: `${P} §v2 (the "end of creation" form of CREATE FILE only in the creation phase → 6985)`,
    title: "after issue, the SSSE master key's CREATE FILE issue form does not activate DF04 (6985)",
    tags: ['needs-master-keys'],
    async run(k) {
      const df04 = k.df(0xdf04);
      if (df04.lifecycle !== 'temporarily-blocked') throw new NotApplicable('the profile issues DF04 active');
      await k.proveKeyRestorable(k.mf, MASTER_KEY_ID);
      await k.selectMf();
      await k.authenticateOk(k.mf, MASTER_KEY_ID);
      const reply = await k.card.send('80E0DF0403E20100');
      if (reply.sw === 0x9000) k.reblockAfter(df04);
      k.check(
        reply.sw === 0x6985,
        `CREATE FILE DF04 issue form answered ${hexWord(reply.sw)}, expected 6985`,
      );
      await k.expect(selectFid(0xdf04), '6283', 'SELECT DF04 (still temporarily blocked)');
    },
  },
  {
    id: `${S}/v2/permanent-block-forever`,
    clause: `${S} §v2, ${P} §v2 (no command makes a permanently blocked application usable: 9303 / 6985)`,
    title:
      'a permanently blocked DF03 stays blocked: UNBLOCK 9303, the issue form and ERASE DF above it 6985',
    tags: ['destructive', 'irreversible', 'needs-master-keys'],
    async run(k) {
      k.requireIrreversible('a permanent block');
      const df03 = k.df(0xdf03);
      await k.selectDf(df03);
      await k.expect(
        await k.protectedApdu(df03, 0x03, [0x84, 0x1e, 0x00, 0x01]),
        '9000',
        'APPLICATION BLOCK P2=01',
      );
      const sw = await k.applicationUnblock(df03);
      k.check(sw === 0x9303, `APPLICATION UNBLOCK answered ${hexWord(sw)}, expected 9303`);
      await k.selectMf();
      await k.authenticateOk(k.mf, MASTER_KEY_ID);
      await k.expect('80E0DF0303E20100', '6985', 'CREATE FILE issue form of DF03');
      await k.expect('800E0000', '6985', 'ERASE DF of the MF above DF03');
      await k.expect(selectFid(df03.fid), ['6283', '6A81'], 'SELECT DF03 (still blocked)');
    },
  },
  {
    id: `${S}/v2/zone-pin-stays-in-zone`,
    clause: `${S} §v2 (the PIN of an access rule is the SSSE's; a DF's own PIN opens only that DF)`,
    title: "a PIN key written into DF03 and verified does not open DF01's PIN|KEY records",
    tags: ['destructive', 'irreversible', 'needs-master-keys'],
    async run(k) {
      k.requireIrreversible('erasing and re-personalising DF03');
      const df01 = k.df(0xdf01);
      const ef = df01.efs.find((e) => e.read.kind === 'PIN|KEY' && !e.read.sm && e.sfi !== null);
      if (!ef) throw new NotApplicable('DF01 has no record file under PIN|KEY');
      const df03 = k.df(0xdf03);
      await k.selectDf(df03);
      await k.authenticateOk(df03, MASTER_KEY_ID);
      await k.expect('800E0000', '9000', 'ERASE DF of DF03 with its master key');
      await k.expect('80E00000073F01950000FFFF', '9000', 'CREATE FILE key file in DF03');
      await k.expect('80D40100083AF0EF0155123456', '9000', 'WRITE KEY: a PIN 123456 in DF03');
      await k.expect('0020000003123456', '9000', "VERIFY DF03's own PIN");
      await k.selectDf(df01);
      await k.expect(readRecord(1, ef.sfi!), '6982', `READ RECORD of ${hexWord(ef.fid)} in DF01`);
    },
  },
];
