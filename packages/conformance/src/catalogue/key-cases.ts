/** 03-security.md §Keys, 04-crypto.md §External/Internal authentication. */

import { readBinary, readRecord, selectFid } from '../apdus.js';
import { concatBytes, containsBytes, hexWord } from '../bytes.js';
import { allDfs } from '../description/card-description.js';
import type { ConformanceCase } from '../kit/case.js';
import { triesSw } from '../patterns.js';

const S = '03-security';
const K = '04-crypto';

export const keyCases: ConformanceCase[] = [
  {
    id: `${S}/keys/wrong-cryptogram-spends-a-try`,
    clause: `${S} §Keys (wrong cryptogram → 63Cx; a right one restores the counter)`,
    title: 'a wrong cryptogram spends a try, a right one restores the counter',
    tags: ['destructive'],
    async run(k) {
      const df = k.df(0xdf01);
      const key = await k.proveKeyRestorable(df, 0x01);
      await k.selectDf(df);
      await k.challenge();
      const bad = new Uint8Array(2 * k.blockSize).fill(0x33);
      const wrongCryptogram = (triesLeft: number, what: string) =>
        k.expect(
          concatBytes(Uint8Array.of(0x00, 0x82, 0x00, key.id, bad.length), bad),
          triesSw(triesLeft),
          what,
        );
      await wrongCryptogram(key.tries - 1, 'wrong cryptogram');
      await k.challenge();
      await wrongCryptogram(key.tries - 2, 'second wrong cryptogram');
      await k.authenticateOk(df, key.id);
      await k.challenge();
      await wrongCryptogram(key.tries - 1, 'wrong after a right one');
      await k.authenticateOk(df, key.id);
    },
  },
  {
    id: `${S}/keys/lock`,
    clause: `${S} §Keys (0 left → 6983 forever)`,
    title: 'a key with no tries left answers 6983 even to the right cryptogram',
    tags: ['destructive', 'irreversible'],
    async run(k) {
      const df = k.df(0xdf03);
      const key = k.key(df, 0x01);
      await k.selectDf(df);
      const bad = new Uint8Array(2 * k.blockSize).fill(0x44);
      for (let left = key.tries - 1; left >= 0; left--) {
        await k.challenge();
        await k.expect(
          concatBytes(Uint8Array.of(0x00, 0x82, 0x00, key.id, bad.length), bad),
          triesSw(left),
          'wrong cryptogram',
        );
      }
      const sw = await k.authenticate(df, key.id);
      k.check(sw === 0x6983, `right cryptogram on a locked key answered ${hexWord(sw)}, expected 6983`);
    },
  },
  {
    id: `${S}/keys/challenge-single-use`,
    clause: `02-commands §GET CHALLENGE (valid for the next command only)`,
    title: 'a challenge followed by any other command cannot be used',
    tags: [],
    async run(k) {
      const df = k.df(0xdf01);
      const key = k.key(df, 0x01);
      await k.selectDf(df);
      const r = await k.challenge();
      await k.expect('00200000', '63C?', 'another command (VERIFY without data)');
      await k.expect(
        await k.externalAuthApdu(key, r),
        '6984',
        'EXTERNAL AUTHENTICATE with the consumed challenge',
      );
    },
  },
  {
    id: `${S}/keys/replayed-cryptogram`,
    clause: `08-conformance §keys (replayed cryptogram fails)`,
    title: 'replaying a successful EXTERNAL AUTHENTICATE fails',
    tags: ['destructive'],
    async run(k) {
      const df = k.df(0xdf01);
      const key = await k.proveKeyRestorable(df, 0x01);
      await k.selectDf(df);
      const r = await k.challenge();
      const apdu = await k.externalAuthApdu(key, r);
      await k.expect(apdu, '9000', 'first use');
      await k.expect(apdu, '6984', 'replay without a challenge');
      await k.challenge();
      await k.expect(apdu, triesSw(key.tries - 1), 'replay after a new challenge');
      await k.authenticateOk(df, key.id);
    },
  },
  {
    id: `${S}/keys/second-challenge-replaces`,
    clause: `02-commands §GET CHALLENGE (a second GET CHALLENGE replaces it)`,
    title: 'only the latest challenge counts',
    tags: ['destructive'],
    async run(k) {
      const df = k.df(0xdf01);
      const key = await k.proveKeyRestorable(df, 0x01);
      await k.selectDf(df);
      const r1 = await k.challenge();
      const r2 = await k.challenge();
      await k.expect(await k.externalAuthApdu(key, r2), '9000', 'cryptogram for the second challenge');
      if (Buffer.compare(r1, r2) === 0) return;
      await k.challenge();
      await k.expect(
        await k.externalAuthApdu(key, r1),
        triesSw(key.tries - 1),
        'cryptogram for an old challenge',
      );
      await k.authenticateOk(df, key.id);
    },
  },
  {
    id: `${K}/internal-authenticate`,
    clause: `${K} §Internal authentication (answer = E(K_int, data))`,
    title: 'INTERNAL AUTHENTICATE answers E(K_int, data) and changes no state',
    tags: [],
    async run(k) {
      await k.selectMf();
      const key = k.key(k.mf, 0x05);
      const n = new Uint8Array(k.blockSize).map((_, i) => (i * 37 + 11) & 0xff);
      const answer = await k.ok(
        concatBytes(Uint8Array.of(0x00, 0x88, 0x00, key.id, n.length), n),
        'INTERNAL AUTHENTICATE',
      );
      k.expectBytes(answer, await k.keys.encrypt(key, n), 'E(K_int, N)');
    },
  },
  {
    id: `${S}/keys/never-in-a-response`,
    clause: `${S} §Keys (no response may contain key bytes)`,
    title: 'no FCI, record, binary or authentication answer contains 8 bytes of a card key',
    tags: ['needs-master-keys'],
    async run(k) {
      const keys = allDfs(k.description).flatMap((df) =>
        df.keys.map((key) => key.value).filter((v): v is Uint8Array => v !== null),
      );
      const responses: Uint8Array[] = [];
      await k.selectMf();
      await k.verifyPin();
      for (const df of allDfs(k.description)) {
        // Down the DF's path: by bare FID from the MF, DDF1/DF01 would be the zone DF01 again.
        const sel = df === k.mf ? await k.select(df.fid) : await k.selectDown(df);
        responses.push(sel.data);
        for (const ef of df.efs) {
          if (ef.sfi === null) continue;
          const sel2 = await k.card.exchange(selectFid(ef.fid, 0x02));
          responses.push(sel2.data);
          if (ef.kind === 'transparent') responses.push((await k.card.send(readBinary(ef.sfi, 0, 0))).data);
          else
            for (let i = 1; i <= ef.records.length; i++)
              responses.push((await k.card.send(readRecord(i, ef.sfi))).data);
        }
      }
      for (const data of responses) {
        for (const key of keys) {
          for (let i = 0; i + 8 <= key.length; i += 8) {
            if (containsBytes(data, key.subarray(i, i + 8)))
              k.fail(`a response contains key bytes ${Buffer.from(key.subarray(i, i + 8)).toString('hex')}`);
          }
        }
      }
    },
  },
];
