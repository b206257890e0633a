/**
 * The terminal flows of 05-psam.md and the lifecycle of 03-security.md, written once against
 * the Kit: run as cases they check the card; recorded on a seeded simulator they become the
 * golden vectors (vectors/golden/<profile>/<flow>.json). Keys come from the kit's key source,
 * so with a PSAM its APDUs are part of the flow and of the vector.
 */

import { readBinary, readRecord, selectFid } from '../apdus.js';
import { concatBytes, hexWord } from '../bytes.js';
import type { KitFlow } from './kit-flow.js';
import { PAYMENT_FLOWS } from './payment-flows.js';

function zoneFlow(fid: number): KitFlow {
  const name = `read-zone-${hexWord(fid).toLowerCase()}`;
  return {
    name,
    clause: '05-psam §Terminal flow: open a zone and read it',
    title: `open zone ${hexWord(fid)} with its read key and read every record of its first file`,
    async run(k) {
      const df = k.df(fid);
      if (df.lifecycle === 'temporarily-blocked') await k.activate(df);
      await k.selectMf();
      await k.ok(readRecord(1, 5), 'READ RECORD 1 of SSSE EF05 (region code)');
      await k.expect(selectFid(fid), ['9000', '61??'], `SELECT ${hexWord(fid)}`);
      if (k.capabilities.transport === 'T0')
        await k.ok(Uint8Array.of(0x00, 0xc0, 0x00, 0x00, 0x00), 'GET RESPONSE (FCI)');
      await k.authenticateOk(df, 0x01);
      const ef = df.efs.find(
        (e) => e.kind === 'variable' && e.records.length > 0 && !e.read.sm && !e.write.sm,
      );
      if (!ef) return;
      for (let i = 0; i < ef.records.length; i++) {
        k.expectBytes(
          await k.ok(readRecord(i + 1, ef.sfi), `READ RECORD ${i + 1}`),
          ef.records[i]!,
          `record ${i + 1}`,
        );
      }
    },
  };
}

export const FLOWS: KitFlow[] = [
  zoneFlow(0xdf01),
  zoneFlow(0xdf02),
  zoneFlow(0xdf03),
  zoneFlow(0xdf04),
  {
    name: 'read-biometrics-ministry-key',
    clause: '05-psam §Terminal flow (2-level ministry key); 01-card EF07',
    title: 'authenticate SSSE KEY 07 (ministry, 2 levels) and read the fingerprint file',
    async run(k) {
      await k.selectMf();
      await k.ok(readRecord(1, 5), 'READ RECORD 1 of SSSE EF05 (region code → city factor)');
      await k.authenticateOk(k.mf, 0x07);
      const data = await k.ok(readBinary(7, 0, 0x10), 'READ BINARY EF07');
      k.check(data.length === 0x10, 'EF07 returned 16 bytes');
    },
  },
  {
    name: 'internal-authentication',
    clause: '05-psam §Terminal flow (internal authentication)',
    title: 'the card proves it is genuine: A = E(K_int, N)',
    async run(k) {
      await k.selectMf();
      const key = k.key(k.mf, 0x05);
      const n = new Uint8Array(k.blockSize).map((_, i) => (0x10 + i * 9) & 0xff);
      const a = await k.ok(
        concatBytes(Uint8Array.of(0x00, 0x88, 0x00, 0x05, n.length), n),
        'INTERNAL AUTHENTICATE',
      );
      k.expectBytes(a, await k.keys.encrypt(key, n), "A'");
    },
  },
  {
    name: 'set-service-pin',
    clause: '03-security §Lifecycle (set service PIN: CHANGE PIN from the initial PIN)',
    title: 'verify the initial PIN and change it',
    async run(k) {
      await k.selectMf();
      await k.expect(k.verifyApdu(k.description.pin.digits), '9000', 'VERIFY initial PIN');
      const data = concatBytes(
        k.verifyApdu(k.description.pin.digits).subarray(5),
        Uint8Array.of(0xff),
        Uint8Array.of(0x97, 0x53, 0x10),
      );
      await k.expect(
        concatBytes(Uint8Array.of(0x80, 0x5e, 0x01, 0x00, data.length), data),
        '9000',
        'CHANGE PIN',
      );
      await k.expect('0020000003975310', '9000', 'VERIFY new PIN');
      // A real card keeps its PIN: change it back after the case (the simulator gets a fresh card).
      k.cleanups.push(async () => {
        await k.card.reset();
        await k.selectMf();
        const back = concatBytes(
          Uint8Array.of(0x97, 0x53, 0x10, 0xff),
          k.verifyApdu(k.description.pin.digits).subarray(5),
        );
        await k.expect(
          concatBytes(Uint8Array.of(0x80, 0x5e, 0x01, 0x00, back.length), back),
          '9000',
          'change the PIN back',
        );
      });
    },
  },
  {
    name: 'activation',
    clause: '03-security §Lifecycle (activation of DF04 with its line key)',
    title: 'a pharmacy activates the medical zone',
    async run(k) {
      const df = k.df(0xdf04);
      await k.selectMf();
      await k.expect(selectFid(0xdf04), '6283', 'SELECT DF04 (issued blocked)');
      await k.expect(readRecord(1, 5), '6A81', 'READ RECORD before activation');
      const sw = await k.applicationUnblock(df);
      k.check(sw === 0x9000, `APPLICATION UNBLOCK answered ${hexWord(sw)}`);
      k.reblockAfter(df);
      await k.expect(selectFid(0xdf04), ['9000', '61??'], 'SELECT DF04 after activation');
    },
  },
  {
    name: 'temporary-loss-and-cancel',
    clause: '03-security §Lifecycle (临时挂失 / 解挂)',
    title: 'report the card lost (APPLICATION BLOCK P2=00 on the SSSE) and cancel the report',
    async run(k) {
      await k.selectMf();
      await k.expect(
        await k.protectedApdu(k.mf, 0x03, [0x84, 0x1e, 0x00, 0x00]),
        '9000',
        'APPLICATION BLOCK (temporary)',
      );
      await k.expect(readRecord(1, 5), '6A81', 'READ RECORD while reported lost');
      await k.expect(selectFid(0x3f00), '6283', 'SELECT MF while reported lost');
      const sw = await k.applicationUnblock(k.mf);
      k.check(sw === 0x9000, `APPLICATION UNBLOCK answered ${hexWord(sw)}`);
      await k.expect(readRecord(1, 5), '9000', 'READ RECORD after the report is cancelled');
    },
  },
  {
    name: 'replacement-permanent-block',
    clause: '03-security §Lifecycle (补卡: APPLICATION BLOCK P2=01; UNBLOCK → 9303)',
    title: 'the old card of a replaced one is blocked for good',
    irreversible: true,
    async run(k) {
      await k.selectMf();
      await k.expect(
        await k.protectedApdu(k.mf, 0x03, [0x84, 0x1e, 0x00, 0x01]),
        '9000',
        'APPLICATION BLOCK (permanent)',
      );
      k.check((await k.applicationUnblock(k.mf)) === 0x9303, 'APPLICATION UNBLOCK answers 9303');
      await k.expect(readRecord(1, 5), '6A81', 'READ RECORD');
    },
  },
  {
    name: 'card-block',
    clause: '03-security §Lifecycle (card destroyed: CARD BLOCK)',
    title: 'the card is blocked for ever',
    irreversible: true,
    async run(k) {
      await k.selectMf();
      await k.expect(await k.protectedApdu(k.mf, 0x03, [0x84, 0x16, 0x00, 0x00]), '9000', 'CARD BLOCK');
      await k.expect(selectFid(0x3f00), '6A81', 'SELECT MF after CARD BLOCK');
    },
  },
  ...PAYMENT_FLOWS,
];
