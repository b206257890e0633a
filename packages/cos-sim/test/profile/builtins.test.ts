import { describe, expect, it } from 'vitest';
import { formatAccessRule } from '../../src/image/access-rule.js';
import type { CardImage, DedicatedFile, ElementaryFile, RecordFile } from '../../src/image/types.js';
import { buildImage, builtinProfileNames, loadProfile, testMasterKey } from '../../src/profile/index.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();
const hex2 = (n: number): string => n.toString(16).toUpperCase().padStart(2, '0');

function child(df: DedicatedFile, fid: number): DedicatedFile | ElementaryFile {
  const c = df.children.find((x) => x.fid === fid);
  if (c === undefined) throw new Error(`no ${fid.toString(16)}`);
  return c;
}
const dfOf = (image: CardImage, fid: number) => child(image.mf, fid) as DedicatedFile;
const tags = (ef: RecordFile) => ef.records.map((r) => hex2(r[0]!));

describe('built-in profiles', () => {
  it('README: the card profiles (issue 10 adds ssc-3g-des) and the five PSAM profiles exist, and every one loads and builds', () => {
    expect(builtinProfileNames()).toEqual([
      'psam-employment',
      'psam-hospital',
      'psam-issuer',
      'psam-pension',
      'psam-window',
      'ssc-2g-des',
      'ssc-3g-des',
      'ssc-3g-sm4',
    ]);
    for (const name of builtinProfileNames()) {
      const image = buildImage(loadProfile(name));
      expect(image.profile).toBe(name);
      expect(image.format).toBe('ssc-cos-image');
    }
  });

  describe.each([
    ['ssc-2g-des', '2g', '3des'],
    ['ssc-3g-sm4', '3g', 'sm4'],
    // issue 10 item 4: the 3rd-generation layout with 3DES keys and 8-byte challenges
    ['ssc-3g-des', '3g', '3des'],
  ] as const)('%s', (name, gen, alg) => {
    const image = buildImage(loadProfile(name));
    const g3 = gen === '3g';
    const sm4 = alg === 'sm4';

    it('01-card ATR and README: algorithm, challenge lengths, spec version', () => {
      expect(hex(image.atr)).toBe('3B6D000000905431168660261122000001');
      expect(image.algorithm).toBe(alg);
      expect(image.options.challengeLengths).toEqual(sm4 ? [4, 8, 16] : [4, 8]);
      expect(image.options.transport).toBe('T0');
      const ef05 = child(image.mf, 0xef05) as RecordFile;
      expect(Buffer.from(ef05.records[2]!).toString('latin1')).toBe(`\x03\x04${g3 ? '3.00' : '2.00'}`);
    });

    it('issue 9 item 8: with "transport": "T1" the card answers an ATR offering T=1 (same history); the card factor stays the T=0 ATR\'s last 8 bytes', () => {
      const profile = loadProfile(name);
      const t1 = buildImage({ ...profile, options: { ...profile.options, transport: 'T1' } });
      expect(hex(t1.atr)).toBe('3BED00008131FE4500905431168660261122000001F7');
      // same keys: diversification reads the ATR without the T=1 interface bytes and TCK
      expect(JSON.stringify(t1.mf.children.map((c) => c.fid))).toBe(
        JSON.stringify(image.mf.children.map((c) => c.fid)),
      );
      const keysOf = (i: CardImage) =>
        JSON.stringify(i.mf, (_k, v) => (v instanceof Uint8Array ? hex(v) : v));
      expect(keysOf(t1)).toBe(keysOf(image));
    });

    it('01-card: MF name, FCI algorithm byte 86 01 alg', () => {
      expect(hex(image.mf.name!)).toBe('7378312E73682EC9E7BBE1B1A3D5CF');
      expect(hex(image.mf.fciProprietary)).toBe(`9F0C038601${sm4 ? '03' : '01'}`);
    });

    it('01-card: SSSE files, SFIs and access rules', () => {
      const rules = (fid: number) => {
        const ef = child(image.mf, fid) as ElementaryFile;
        return [ef.type, ef.sfi, formatAccessRule(ef.read), formatAccessRule(ef.write)];
      };
      expect(rules(0xef05)).toEqual(['variable', 0x05, 'FREE', 'KEY 04']);
      expect(rules(0xef06)).toEqual(['variable', 0x06, 'FREE', 'KEY 04']);
      expect(rules(0xef07)).toEqual(['transparent', 0x07, 'KEY 07', 'KEY 04']);
      expect(rules(0xef08)).toEqual(['transparent', 0x08, 'KEY 07', 'KEY 04']);
      expect((child(image.mf, 0xef07) as { size: number }).size).toBe(1024);
      expect((child(image.mf, 0xef08) as { size: number }).size).toBe(4096);
      if (g3) expect(rules(0xef0d)).toEqual(['variable', 0x0d, 'FREE', 'KEY 0D']);
      else expect(image.mf.children.some((c) => c.fid === 0xef0d)).toBe(false);
    });

    it('01-card: issuer data and the test cardholder, byte for byte', () => {
      const ef05 = child(image.mf, 0xef05) as RecordFile;
      expect(ef05.records.map(hex)).toEqual([
        '0110110100D1560000052611220000010000',
        '020133',
        g3 ? '0304332E3030' : '0304322E3030',
        '040C110100000000000000000001',
        '050420261122',
        '060420361121',
        '0709413030303030303031',
      ]);
      const ef06 = child(image.mf, 0xef06) as RecordFile;
      expect(tags(ef06)).toEqual(
        g3 ? ['08', '09', '4E', '0A', '0B', '0C', '0D'] : ['08', '09', '0A', '0B', '0C', '0D'],
      );
      expect(hex(ef06.records[0]!)).toBe(`0812${hex(Buffer.from('11010119900307001X'))}`);
      expect(hex(ef06.records[1]!)).toBe(`091ED5C5C8FD${'00'.repeat(26)}`);
      if (g3) expect(hex(ef06.records[2]!)).toBe(`4E14${'FF'.repeat(20)}`);
      expect(ef06.records.slice(g3 ? 3 : 2).map(hex)).toEqual([
        '0A0131',
        '0B0101',
        '0C03110100',
        '0D0419900307',
      ]);
      if (g3) {
        const ef0d = child(image.mf, 0xef0d) as RecordFile;
        expect(ef0d.records.map(hex)).toEqual([`EA0C${hex(Buffer.from('P00000000001'))}`, 'EB03110100']);
      }
    });

    it('06-keys: SSSE key table (PIN 123456 with 5 tries; external-auth keys follow-up 1, 8 tries)', () => {
      const keys = image.mf.keys.map((k) => `${hex2(k.id)} ${k.type}`);
      expect(keys).toEqual([
        '00 pin',
        '01 pin-unblock',
        '02 pin-reload',
        '03 line-protection',
        '04 external-auth',
        '05 internal-auth',
        '07 external-auth',
        '0D external-auth',
        '0F external-auth',
      ]);
      const pin = image.mf.keys[0]!;
      expect([hex(pin.value), pin.maxTries, pin.triesLeft]).toEqual(['123456', 5, 5]);
      for (const k of image.mf.keys.filter((x) => x.type === 'external-auth')) {
        expect([k.followUpState, k.maxTries, k.triesLeft, k.algorithm]).toEqual([1, 8, 8, image.algorithm]);
      }
    });

    it('01-card/06-keys: zones DF01..DF04 with keys 01 02 03 0F, rules, records; DF04 issued temporarily blocked', () => {
      for (const fid of [0xdf01, 0xdf02, 0xdf03, 0xdf04]) {
        const df = dfOf(image, fid);
        expect(df.lifecycle).toBe(fid === 0xdf04 ? 'temporarily-blocked' : 'active');
        // 12-payment: DF04 also holds the passbook's DTK (34), DPK (3E) and DLK (3F), key index 01.
        const passbook = fid === 0xdf04 ? ['01 tac'] : [];
        const passbookAfter = fid === 0xdf04 ? ['01 purchase', '01 load'] : [];
        expect(df.keys.map((k) => `${hex2(k.id)} ${k.type}`)).toEqual([
          ...passbook,
          '01 external-auth',
          ...passbookAfter,
          '02 external-auth',
          '03 line-protection',
          '0F external-auth',
        ]);
        // The files of 01-card.md's zone table; the v2 catalogue (issue 10) is test/zone-catalogue.test.ts.
        // DF04 EF08 became the card-written log of 12-payment (checked below).
        const specFiles = { 57089: [5, 6], 57090: [5, 7], 57091: [5, 7], 57092: [5, 6] }[fid]!;
        for (const ef of (df.children as RecordFile[]).filter((c) => specFiles.includes(c.fid & 0xff))) {
          expect(ef.sfi).toBe(ef.fid & 0xff);
          expect(ef.records.length).toBeGreaterThan(0);
          const read = fid === 0xdf04 && ef.fid === 0xef06 ? 'PIN+KEY 01' : 'PIN|KEY 01';
          expect([formatAccessRule(ef.read), formatAccessRule(ef.write)]).toEqual([read, 'KEY 02']);
        }
      }
      expect(tags(child(dfOf(image, 0xdf01), 0xef05) as RecordFile)).toEqual(['20', '21', '0E']);
      expect(tags(child(dfOf(image, 0xdf04), 0xef06) as RecordFile)).toEqual(['90', '92', '93']);
      const log = child(dfOf(image, 0xdf04), 0xef08) as RecordFile;
      // 12-payment: 30 × 28 bytes, empty at issue, written by the card only.
      expect([log.type, log.maxRecords, log.recordLength, log.records.length]).toEqual(['cyclic', 30, 28, 0]);
      expect([formatAccessRule(log.read), formatAccessRule(log.write)]).toEqual(['PIN|KEY 01', 'NEVER']);
      expect(dfOf(image, 0xdf04).passbook).toEqual({
        balance: 10000,
        onlineCounter: 0,
        offlineCounter: 0,
        overdraftLimit: 0,
        lastProof: null,
      });
      const employment = child(dfOf(image, 0xdf02), 0xef07) as RecordFile;
      expect([employment.type, employment.maxRecords, employment.recordLength]).toEqual(['cyclic', 4, 23]);
      // 01-card value lengths: address GBK 80, region cn 3, phone an 15.
      expect((child(dfOf(image, 0xdf01), 0xef06) as RecordFile).records.map((r) => r[1])).toEqual([
        80, 3, 15,
      ]);
    });
  });

  describe('PSAM profiles (05-psam, 06-keys)', () => {
    const slots: Record<string, string[]> = {
      'psam-window': ['47/15', '23/01', '24/02', '25/03', '48/12', '28/11', '28/21'],
      'psam-hospital': ['47/15', '28/14', '28/24', '25/34', '22/01'],
      'psam-pension': ['47/15', '28/13', '28/23'],
      'psam-employment': ['47/15', '28/12', '28/22'],
    };
    const terminal: Record<string, string> = {
      'psam-issuer': '110100000000',
      'psam-window': '110100000004',
      'psam-hospital': '110100000001',
      'psam-pension': '110100000002',
      'psam-employment': '110100000003',
    };

    it.each(Object.keys(terminal))('05-psam: %s ATR, MF name, EF16 terminal number, DF01 AID', (name) => {
      const image = buildImage(loadProfile(name));
      expect(image.kind).toBe('psam');
      expect(hex(image.atr)).toBe('3B6C000000905053414D000000000001');
      expect(hex(image.terminalNumber!)).toBe(terminal[name]);
      expect(hex(image.mf.name!)).toBe('7378312E73682EC9E7BBE1B1A3D5CF');
      // 05-psam v2: the terminal number file is EF 0016 (FID 0016, SFI 16h).
      const ef16 = child(image.mf, 0x0016) as ElementaryFile;
      expect([ef16.sfi, ef16.type, formatAccessRule(ef16.read)]).toEqual([0x16, 'transparent', 'FREE']);
      expect(hex((ef16 as { data: Uint8Array }).data)).toBe(terminal[name]);
      expect(hex(dfOf(image, 0xdf01).name!)).toBe('D15600000590');
      // 05-psam v2: EF 0015 public information — serial cn 10 ending in the ATR's serial,
      // version, key-card type, command-set version, 3 reserved bytes; read FREE.
      const ef15 = child(image.mf, 0x0015) as ElementaryFile & { data: Uint8Array };
      expect([ef15.sfi, ef15.type, formatAccessRule(ef15.read), formatAccessRule(ef15.write)]).toEqual([
        0x15,
        'transparent',
        'FREE',
        'NEVER',
      ]);
      expect(hex(ef15.data)).toBe('11010000000000000001010101000000');
      expect(hex(ef15.data.subarray(4, 10))).toBe(hex(image.atr.subarray(-6)));
      // An (empty) key file closes the MF: under FMCOS's fresh-DF rule a DF without one is open.
      expect(image.mf.keyFile).toEqual({ fid: 0, space: 0, addRight: 0xf1 });
    });

    it.each(Object.entries(slots))('06-keys: %s holds exactly its rooms’ master keys', (name, expected) => {
      const keys = dfOf(buildImage(loadProfile(name)), 0xdf01).psamKeys!;
      expect(keys.map((k) => `${hex2(k.usage)}/${hex2(k.id)}`)).toEqual(expected);
      const hospital = keys.find((k) => k.usage === 0x28 && k.id === 0x14);
      if (hospital) expect(hospital.value).toEqual(testMasterKey('MP-RK-DF04'));
    });

    it('06-keys: psam-issuer holds all 28 master keys (DF07 of the issue 10 catalogue included) and the purchase key 22/01, values = the test masters', () => {
      const keys = dfOf(buildImage(loadProfile('psam-issuer')), 0xdf01).psamKeys!;
      expect(keys).toHaveLength(8 + 5 * 4 + 1);
      const purchase = keys.find((k) => k.usage === 0x22 && k.id === 0x01)!;
      expect(purchase.value).toEqual(testMasterKey('MP-DPK-DF04'));
      const df07 = keys.filter((k) =>
        ['28/17', '28/27', '25/37', '20/47'].includes(`${hex2(k.usage)}/${hex2(k.id)}`),
      );
      expect(df07.map((k) => hex(k.value))).toEqual(
        ['RK', 'UK', 'STK', 'MK'].map((m) => hex(testMasterKey(`MP-${m}-DF07`))),
      );
      const ub = keys.find((k) => k.usage === 0x48 && k.id === 0x12)!;
      expect([hex(ub.value), ub.algorithm, ub.version]).toEqual([hex(testMasterKey('MM-UB')), '3des', 1]);
    });

    it('[decision] NAME@sm4 serves 3rd-generation cards: every key-table entry under SM4', () => {
      const image = buildImage(loadProfile('psam-hospital@sm4'));
      expect(image.algorithm).toBe('sm4');
      expect(image.profile).toBe('psam-hospital@sm4');
      expect(dfOf(image, 0xdf01).psamKeys!.every((k) => k.algorithm === 'sm4')).toBe(true);
      expect(() => loadProfile('ssc-2g-des@sm4')).toThrow('algorithm: ssc-2g-des is a card profile');
    });
  });

  it('loadProfile: a path loads too; an unknown name lists the built-ins', () => {
    const byPath = loadProfile(
      new URL('../../../../vectors/profiles/ssc-2g-des.json', import.meta.url).pathname,
    );
    expect(byPath.name).toBe('ssc-2g-des');
    expect(() => loadProfile('no-such-profile')).toThrow(
      /cannot read profile "no-such-profile" \(built-in profiles: psam-employment/,
    );
  });
});
