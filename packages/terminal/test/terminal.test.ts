/**
 * Terminal operations beyond the flow table: `+SM` reads and writes (03-security.md, 04-crypto.md
 * line protection), READ BINARY under a ministry key, the algorithm from the MF FCI, and the
 * typed errors.
 */
import { fromHex } from '@ssc-cos/apdu-codec';
import { type Algorithm, lineMac, macIv } from '@ssc-cos/apdu-codec/crypto';
import {
  buildImage,
  Card,
  type CardImage,
  CardTransport,
  type DedicatedFile,
  loadProfile,
  type TransportProtocol,
} from '@ssc-cos/cos-sim';
import { describe, expect, test } from 'vitest';
import {
  MasterKeySource,
  PsamKeySource,
  ResponseMacError,
  Terminal,
  TerminalError,
  testMasterKeys,
} from '../src/index.js';
import { algorithmFromFci } from '../src/terminal.js';
import { inProcessTarget } from './in-process-target.js';

const PROFILES = [
  ['ssc-2g-des', '3des'],
  ['ssc-3g-sm4', 'sm4'],
] as const;

/** The card with DF01 EF05 made `PIN|KEY 01 +SM` to read and `KEY 02 +SM` to update. */
function smImage(profile: string, transport: TransportProtocol): CardImage {
  const image = buildImage(loadProfile(profile));
  const mf = image.mf;
  const children = mf.children.map((c) => {
    if (c.type !== 'df' || c.fid !== 0xdf01) return c;
    const df: DedicatedFile = {
      ...c,
      children: c.children.map((e) =>
        e.type !== 'df' && e.fid === 0xef05
          ? { ...e, read: { ...e.read, sm: true }, write: { ...e.write, sm: true } }
          : e,
      ),
    };
    return df;
  });
  return { ...image, mf: { ...mf, children }, options: { ...image.options, transport } };
}

/** A transport that, once armed, flips a bit in the last data byte of every long response (not a challenge). */
function corruptingResponses(card: Card): CardTransport & { armed: boolean } {
  const t = Object.assign(new CardTransport(card), { armed: false });
  const transmit = t.transmit.bind(t);
  t.transmit = async (c) => {
    const r = await transmit(c);
    if (t.armed && r.length > 2 + 16) r[r.length - 3] = r[r.length - 3]! ^ 0x01;
    return r;
  };
  return t;
}

describe.each(PROFILES)('%s', (profile, alg) => {
  describe.each(['T0', 'T1'] as const)('%s', (transport) => {
    test('03-security +SM: plain CLA → 6987; with the line MAC the read works and its response MAC verifies', async () => {
      const card = new Card(smImage(profile, transport));
      card.powerOn();
      const psam = await inProcessTarget(profile, transport).psam('psam-issuer');
      const t = await Terminal.open(new CardTransport(card), new PsamKeySource(psam));
      await t.openZone(0xdf01);
      const plain = await t.readRecord(5, { record: 1 }).catch((e: unknown) => e);
      expect(plain).toMatchObject({ device: 'card', sw: 0x6987 });
      await t.openZone(0xdf01);
      const record = await t.readRecord(5, { record: 1 }, { sm: true });
      expect(record[0]).toBe(0x20); // DF01 EF05: tag 20, household address
      expect(record.length).toBe(82);
    });

    test('03-security +SM: UPDATE RECORD with the line MAC; a plain one → 6987', async () => {
      const card = new Card(smImage(profile, transport));
      card.powerOn();
      const t = await Terminal.open(new CardTransport(card), new MasterKeySource(testMasterKeys()));
      await t.openZone(0xdf01);
      const record = await t.readRecord(5, { tag: 0x21 }, { sm: true });
      const changed = Uint8Array.of(0x21, 0x01, 0x39);
      expect(record.length).toBe(3);
      await t.openZone(0xdf01, 'update');
      await expect(t.updateRecord(5, { tag: 0x21 }, changed)).rejects.toMatchObject({ sw: 0x6987 });
      await t.updateRecord(5, { tag: 0x21 }, changed, { sm: true });
      await t.openZone(0xdf01);
      expect(await t.readRecord(5, { tag: 0x21 }, { sm: true })).toEqual(changed);
    });

    test('04-crypto response MAC: a read whose response MAC is wrong is a ResponseMacError', async () => {
      const card = new Card(smImage(profile, transport));
      card.powerOn();
      const link = corruptingResponses(card);
      const t = await Terminal.open(link, new MasterKeySource(testMasterKeys()));
      await t.openZone(0xdf01);
      link.armed = true;
      await expect(t.readRecord(5, { record: 1 }, { sm: true })).rejects.toBeInstanceOf(ResponseMacError);
    });

    test('01-card EF07: READ BINARY by SFI needs the ministry key 07 (48/5D, city then card)', async () => {
      const target = inProcessTarget(profile, transport);
      const t = await Terminal.open(
        await target.freshCard(),
        new PsamKeySource(await target.psam('psam-issuer')),
      );
      await expect(t.readBinary(7, 0, 16)).rejects.toMatchObject({ device: 'card', sw: 0x6982 });
      await t.authenticate(0x3f00, 0x07);
      expect((await t.readBinary(7, 0, 16)).length).toBe(16);
    });
  });

  test('01-card SELECT answer: the terminal reads the algorithm from the MF FCI', async () => {
    const target = inProcessTarget(profile, 'T1');
    const t = await Terminal.open(await target.freshCard(), new MasterKeySource(testMasterKeys()));
    expect(t.algorithm).toBe(alg);
  });

  test('03-security lifecycle: a blocked SSSE under T=0 gives no FCI; the terminal then needs options.algorithm', async () => {
    const target = inProcessTarget(profile, 'T0');
    const card = await target.freshCard();
    const keys = new PsamKeySource(await target.psam('psam-window'));
    await (await Terminal.open(card, keys)).reportLoss();
    await card.reset();
    await expect(Terminal.open(card, keys)).rejects.toMatchObject({ device: 'card', sw: 0x6283 });
    const t = await Terminal.open(card, keys, { algorithm: alg as Algorithm });
    await t.cancelLoss();
    expect((await t.readBasicInfo()).name).toBe('张三');
  });
});

test('01-card FCI: 6F / A5 / 9F0C 03 86 01 alg; anything else gives no algorithm', () => {
  expect(algorithmFromFci(fromHex('6F08A5069F0C03860103'))).toBe('sm4');
  expect(algorithmFromFci(fromHex('6F08A5069F0C03860101'))).toBe('3des');
  expect(algorithmFromFci(fromHex('6F08A5069F0C03860102'))).toBeUndefined();
  expect(algorithmFromFci(fromHex('6F02A500'))).toBeUndefined();
  expect(algorithmFromFci(fromHex('6F0A'))).toBeUndefined();
  expect(algorithmFromFci(new Uint8Array(0))).toBeUndefined();
});

test('TerminalError: device, step, status word and tries left', () => {
  const e = new TerminalError('card', 'VERIFY', 0x63c2);
  expect(e.message).toBe('card VERIFY: answered 63C2');
  expect(e.triesLeft).toBe(2);
  expect(new TerminalError('psam', 'SESSION INIT 28/13', 0x6a88).triesLeft).toBeNull();
});

test('04-crypto line MAC as the terminal sends it: MAC of 04 B2 01 2C 04 under the card key with R as IV', () => {
  // The terminal's +SM read MAC is the crypto module's lineMac over macInput (cross-check of the IV rule).
  const k = fromHex('000102030405060708090A0B0C0D0E0F');
  const r = fromHex('0102030405060708');
  expect(lineMac('3des', k, macIv('3des', r), fromHex('8416000004'))).toEqual(fromHex('CF65234E'));
});
