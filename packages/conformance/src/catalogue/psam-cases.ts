/** 05-psam.md: the PSAM's commands and the terminal flow that opens a zone with it. */
import { macIv } from '@ssc-cos/apdu-codec/crypto';
import { readRecord } from '../apdus.js';
import { concatBytes, hexWord } from '../bytes.js';
import { isMissingPsamKey, type SuiteKeys, suiteKeysOverPsam } from '../keys/suite-keys.js';
import type { ConformanceCase } from '../kit/case.js';
import { NotApplicable } from '../kit/case-errors.js';
import type { Kit } from '../kit/kit.js';

const P = '05-psam';

function psamOf(k: Kit): SuiteKeys {
  if (k.psam === null) throw new NotApplicable('no PSAM');
  return suiteKeysOverPsam(k.psam, k.description);
}

export const psamCases: ConformanceCase[] = [
  {
    id: `${P}/flow/open-zones`,
    clause: `${P} §Terminal flow: open a zone and read it; 06-keys §PSAM profiles`,
    title: 'the PSAM opens exactly the zones whose read key it holds, and the zone reads',
    tags: ['needs-psam'],
    async run(k) {
      const psam = psamOf(k);
      let opened = 0;
      for (const df of k.mf.dfs) {
        const key = df.keys.find((x) => x.id === 0x01);
        const ef = df.efs.find((e) => e.read.kind === 'PIN|KEY' && !e.read.sm && e.records.length > 0);
        if (!key || !ef) continue;
        await k.activate(df);
        await k.selectDf(df);
        const r = await k.challenge();
        let c: Uint8Array;
        try {
          c = await psam.sessionCryptogram(key, r, k.x);
        } catch (e) {
          // 06-keys: a PSAM without the zone's key fails in its own PSAM with 6A88.
          if (isMissingPsamKey(e)) continue;
          throw e;
        }
        await k.expect(
          concatBytes(Uint8Array.of(0x00, 0x82, 0x00, 0x01, c.length + k.x.length), c, k.x),
          '9000',
          `EXTERNAL AUTHENTICATE ${hexWord(df.fid)} KEY 01 via PSAM`,
        );
        const data = await k.ok(readRecord(1, ef.sfi), `READ RECORD ${hexWord(df.fid)}/${hexWord(ef.fid)}`);
        k.expectBytes(data, ef.records[0]!, 'record 1');
        opened++;
      }
      k.check(opened > 0, 'the PSAM opened no zone at all');
    },
  },
  {
    id: `${P}/internal-authentication`,
    clause: `${P} §Terminal flow (internal authentication: genuine iff A = A')`,
    title: "the card's INTERNAL AUTHENTICATE answer equals the PSAM's",
    tags: ['needs-psam'],
    async run(k) {
      const psam = psamOf(k);
      await k.selectMf();
      const key = k.mf.keys.find((x) => x.id === 0x05);
      if (!key) throw new NotApplicable('no internal-auth key 05');
      const n = new Uint8Array(k.blockSize).map((_, i) => (i * 13 + 5) & 0xff);
      const a = await k.ok(
        concatBytes(Uint8Array.of(0x00, 0x88, 0x00, 0x05, n.length), n),
        'INTERNAL AUTHENTICATE',
      );
      k.expectBytes(await psam.encrypt(key, n), a, "PSAM's A'");
    },
  },
  {
    id: `${P}/diversification`,
    clause: `${P} §Commands; 04-crypto §Diversification, session keys, MAC`,
    title: 'PSAM session cryptograms and MACs equal the host computation from the master keys',
    tags: ['needs-psam', 'needs-master-keys'],
    async run(k) {
      const psam = psamOf(k);
      const host = k.keys;
      const r = new Uint8Array(k.challengeLength()).map((_, i) => (i * 7 + 1) & 0xff);
      let compared = 0;
      for (const df of [k.mf, ...k.mf.dfs]) {
        for (const key of df.keys) {
          if (key.psam === null || key.value === null) continue;
          try {
            if (key.role === 'external-auth')
              k.expectBytes(
                await psam.sessionCryptogram(key, r, k.x),
                await host.sessionCryptogram(key, r, k.x),
                `session cryptogram ${hexWord(df.fid)}/${key.id}`,
              );
            if (key.role === 'line-protection') {
              const msg = Uint8Array.of(0x84, 0x1e, 0x00, 0x00, 0x04);
              const iv = macIv(k.description.algorithm, r);
              k.expectBytes(
                await psam.lineMac(key, iv, msg),
                await host.lineMac(key, iv, msg),
                `line MAC ${hexWord(df.fid)}/${key.id}`,
              );
            }
            compared++;
          } catch (e) {
            if (isMissingPsamKey(e)) continue;
            throw e;
          }
        }
      }
      k.check(compared > 0, 'the PSAM holds none of the card keys');
    },
  },
  {
    id: `${P}/errors`,
    clause: `${P} §Commands (Lc ≠ 8×levels → 6700; unknown key → 6A88; no working key → 6985)`,
    title: 'the PSAM rejects bad factor lengths, unknown keys and CIPHER DATA without a key',
    tags: ['needs-psam'],
    async run(k) {
      const psam = k.psam;
      if (psam === null) throw new NotApplicable('no PSAM');
      await psam.reset();
      const sel = await psam.exchange('00A4040006D15600000590');
      k.check(sel.sw === 0x9000, `SELECT PSAM DF01 answered ${hexWord(sel.sw)}`);
      const cipher = await psam.send('80FA0000080102030405060708');
      k.check(
        cipher.sw === 0x6985,
        `CIPHER DATA without a working key answered ${hexWord(cipher.sw)}, expected 6985`,
      );
      const unknown = await psam.send('801A287F081122334455667788');
      k.check(
        unknown.sw === 0x6a88,
        `INIT FOR DESCRYPT of key 28/7F answered ${hexWord(unknown.sw)}, expected 6A88`,
      );
      const shortLc = await psam.send('801A471508 1122334455667788'.replace(/\s/g, ''));
      k.check(
        shortLc.sw === 0x6700 || shortLc.sw === 0x6a88,
        `2-level key with one factor answered ${hexWord(shortLc.sw)}, expected 6700`,
      );
    },
  },
];
