/** 03-security.md §Lifecycle and 04-crypto.md header-only MACs (block, unblock, card block). */

import { readRecord, selectFid } from '../apdus.js';
import { hexWord } from '../bytes.js';
import type { ConformanceCase } from '../kit/case.js';
import type { Kit } from '../kit/kit.js';

const S = '03-security';

async function blockCurrent(k: Kit, dfFid: number, p2: 0 | 1): Promise<void> {
  const df = k.df(dfFid);
  const apdu = await k.protectedApdu(df, 0x03, [0x84, 0x1e, 0x00, p2]);
  await k.expect(apdu, '9000', `APPLICATION BLOCK P2=${p2} of ${hexWord(dfFid)}`);
}

export const lifecycleCases: ConformanceCase[] = [
  {
    id: `${S}/lifecycle/issued-df04-blocked`,
    clause: `${S} §Lifecycle (issue: DF04 temporarily blocked → 6A81; SELECT → 6283)`,
    title: 'at issue the medical zone answers 6283 to SELECT and 6A81 to reads',
    tags: [],
    async run(k) {
      const df = k.df(0xdf04);
      if (df.lifecycle !== 'temporarily-blocked') return k.fail('the profile issues DF04 active');
      await k.selectMf();
      const r = await k.expect(selectFid(0xdf04), '6283', 'SELECT DF04');
      if (k.capabilities.transport === 'T0') k.check(r.data.length === 0, 'T0: 6283 carries no data');
      await k.expect(readRecord(1, 5), '6A81', 'READ RECORD in DF04');
      await k.expect('00200000', '6A81', 'VERIFY in DF04');
      await k.challenge();
    },
  },
  {
    id: `${S}/lifecycle/activation`,
    clause: `${S} §Lifecycle (activation: APPLICATION UNBLOCK of DF04 with its line key)`,
    title: 'activation opens the medical zone; a new APPLICATION BLOCK closes it again',
    tags: ['destructive'],
    async run(k) {
      const df = k.df(0xdf04);
      await k.activate(df);
      await k.selectMf();
      await k.verifyPin();
      await k.expect(selectFid(0xdf04), ['9000', '61??'], 'SELECT DF04 after activation');
      await k.card.send(Uint8Array.of(0x00, 0xc0, 0x00, 0x00, 0x00));
      const ef = df.efs.find((e) => e.read.kind === 'PIN|KEY' && !e.read.sm && e.records.length > 0);
      if (ef) await k.expect(readRecord(1, ef.sfi), '9000', 'read with the PIN after activation');
      await blockCurrent(k, 0xdf04, 0);
      await k.expect(readRecord(1, ef?.sfi ?? 5), '6A81', 'read after blocking again');
    },
  },
  {
    id: `${S}/lifecycle/temporary-loss`,
    clause: `${S} §Lifecycle (temporary loss: only SELECT, GET CHALLENGE, APPLICATION UNBLOCK)`,
    title: 'a temporarily blocked SSSE answers 6A81 except to SELECT (6283), GET CHALLENGE and UNBLOCK',
    tags: ['destructive'],
    async run(k) {
      await k.selectMf();
      await blockCurrent(k, 0x3f00, 0);
      await k.expect(readRecord(1, 5), '6A81', 'READ RECORD while blocked');
      await k.expect(k.verifyApdu(k.description.pin.digits), '6A81', 'VERIFY while blocked');
      await k.expect(selectFid(0xdf01), '6283', 'SELECT DF01 under a blocked SSSE');
      await k.expect(readRecord(1, 5), '6A81', 'READ in DF01 under a blocked SSSE');
      await k.expect(selectFid(0x3f00), '6283', 'SELECT MF while blocked');
      await k.challenge();
      const sw = await k.applicationUnblock(k.mf);
      k.check(sw === 0x9000, `APPLICATION UNBLOCK answered ${hexWord(sw)}`);
      await k.expect(readRecord(1, 5), '9000', 'READ RECORD after the loss is cancelled');
    },
  },
  {
    id: `${S}/lifecycle/permanent-block`,
    clause: `${S} §Lifecycle (replacement: APPLICATION BLOCK P2=01, UNBLOCK → 9303)`,
    title: 'a permanently blocked SSSE cannot be unblocked',
    tags: ['destructive', 'irreversible'],
    async run(k) {
      await k.selectMf();
      await blockCurrent(k, 0x3f00, 1);
      const sw = await k.applicationUnblock(k.mf);
      k.check(sw === 0x9303, `APPLICATION UNBLOCK answered ${hexWord(sw)}, expected 9303`);
      await k.expect(readRecord(1, 5), '6A81', 'READ RECORD after the failed unblock');
      await k.expect(selectFid(0x3f00), '6283', 'SELECT MF');
    },
  },
  {
    id: `${S}/lifecycle/card-block`,
    clause: `${S} §Lifecycle (CARD BLOCK: every command → 6A81); 02-commands §Order of checks 1`,
    title: 'after CARD BLOCK everything answers 6A81, across resets',
    tags: ['destructive', 'irreversible'],
    async run(k) {
      await k.selectMf();
      const apdu = await k.protectedApdu(k.mf, 0x03, [0x84, 0x16, 0x00, 0x00]);
      await k.expect(apdu, '9000', 'CARD BLOCK');
      await k.expect(selectFid(0x3f00), '6A81', 'SELECT MF');
      await k.expect('0084000008', '6A81', 'GET CHALLENGE');
      await k.expect('00FF0000', '6A81', 'unknown INS (check 1 comes first)');
      await k.card.reset();
      await k.expect(selectFid(0x3f00), '6A81', 'SELECT MF after reset');
    },
  },
];
