/** 02-commands.md: the order of checks and each status word from its documented cause. */
import { hexByte } from '@ssc-cos/apdu-codec';
import { GET_RESPONSE, readBinary, readRecord, selectFid } from '../apdus.js';
import { concatBytes, hexWord } from '../bytes.js';
import { SSSE_NAME } from '../description/card-description.js';
import type { ConformanceCase } from '../kit/case.js';
import { triesSw } from '../patterns.js';

const C = '02-commands';

export const commandCases: ConformanceCase[] = [
  {
    id: `${C}/order/cla`,
    clause: `${C} §Order of checks 2`,
    title: 'a CLA other than 00/80/04/84 answers 6E00',
    tags: [],
    async run(k) {
      await k.expect('A0A4000002 3F00', '6E00', 'SELECT with CLA A0');
      await k.expect('20B2012C00', '6E00', 'READ RECORD with CLA 20');
    },
  },
  {
    id: `${C}/order/channel`,
    clause: `${C} §Order of checks 2 (logical channels)`,
    title: 'CLA channel bits ≠ 0 answer 6881',
    tags: [],
    async run(k) {
      await k.expect('01A40000023F00', '6881', 'SELECT on channel 1');
      await k.expect('03B2012C00', '6881', 'READ RECORD on channel 3');
    },
  },
  {
    id: `${C}/order/ins`,
    clause: `${C} §Order of checks 3`,
    title: 'an unknown INS answers 6D00, even with bad P1/P2 and lengths',
    tags: [],
    async run(k) {
      await k.expect('0002000000', '6D00', 'INS 02');
      await k.expect('00FFFFFF', '6D00', 'INS FF, case 1');
    },
  },
  {
    id: `${C}/order/p1p2`,
    clause: `${C} §Order of checks 4`,
    title: 'P1/P2 not valid for the INS answer 6A86 before the length is checked',
    tags: [],
    async run(k) {
      await k.expect('00A4050000', '6A86', 'SELECT P1=05 without data');
      await k.expect('00840001 08', '6A86', 'GET CHALLENGE P2=01');
    },
  },
  {
    id: `${C}/order/lc-le`,
    clause: `${C} §Order of checks 5`,
    title: 'a Lc/Le shape not valid for the INS answers 6700',
    tags: [],
    async run(k) {
      // 02 §v2: SELECT P1=00 without data selects the MF; by name it still needs 1–16 bytes.
      await k.expect('00A4040000', '6700', 'SELECT by name without data');
      await k.expect('00A40000013F', '6700', 'SELECT with a 1-byte FID');
      await k.expect('0084000005', '6700', 'GET CHALLENGE of 5 bytes');
    },
  },
  {
    id: `${C}/extended-length`,
    clause: `${C} §intro (short APDUs only on the card)`,
    title: 'an extended-length APDU answers 6700',
    tags: [],
    async run(k) {
      await k.expect('00B2012C000000', '6700', 'READ RECORD with extended Le');
      await k.expect('00A40000000002 3F00', '6700', 'SELECT with extended Lc');
    },
  },
  {
    id: `${C}/order/file-not-found`,
    clause: `${C} §Order of checks 7 (file → 6A82)`,
    title: 'SELECT of an absent FID and READ of an absent SFI answer 6A82',
    tags: [],
    async run(k) {
      await k.selectMf();
      await k.expect(selectFid(0x1234), '6A82', 'SELECT 1234');
      await k.expect(readRecord(1, 0x1e), '6A82', 'READ RECORD SFI 1E');
    },
  },
  {
    id: `${C}/order/no-current-ef`,
    clause: `${C} §Order of checks 7 (no current EF → 6986)`,
    title: 'READ BINARY / READ RECORD without a current EF answer 6986',
    tags: [],
    async run(k) {
      await k.selectMf();
      await k.expect(readBinary(null, 0, 1), '6986', 'READ BINARY by offset after SELECT MF');
      await k.expect(readRecord(1, null), '6986', 'READ RECORD P2=04 after SELECT MF');
    },
  },
  {
    id: `${C}/order/record-not-found`,
    clause: `${C} §Order of checks 7 (record → 6A83)`,
    title: 'a record number beyond the last record answers 6A83',
    tags: [],
    async run(k) {
      await k.selectMf();
      const ef05 = k.ef(k.mf, 0xef05);
      await k.expect(readRecord(ef05.records.length + 1, 5), '6A83', 'READ RECORD past the last');
      await k.expect(readRecord(0x7e, 5, 'first'), '6A83', 'READ RECORD of an absent tag');
    },
  },
  {
    id: `${C}/order/key-not-found`,
    clause: `${C} §Order of checks 7 (key → 6A88)`,
    title: 'EXTERNAL AUTHENTICATE of an absent key id answers 6A88',
    tags: [],
    async run(k) {
      await k.selectMf();
      await k.challenge();
      const fake = new Uint8Array(2 * k.blockSize).fill(0x11);
      await k.expect(concatBytes(Uint8Array.of(0x00, 0x82, 0x00, 0x0a, fake.length), fake), '6A88', 'key 0A');
    },
  },
  {
    id: `${C}/order/wrong-structure`,
    clause: `${C} §Order of checks 7 (structure → 6981), before 8`,
    title: 'READ BINARY of a record file and READ RECORD of a transparent file answer 6981',
    tags: [],
    async run(k) {
      await k.selectMf();
      await k.expect(readBinary(5, 0, 1), '6981', 'READ BINARY SFI 05 (records)');
      // EF07 needs KEY 07 to be read: 6981 must win over 6982.
      await k.expect(readRecord(1, 7), '6981', 'READ RECORD SFI 07 (transparent, key-protected)');
    },
  },
  {
    id: `${C}/order/security`,
    clause: `${C} §Order of checks 8`,
    title: 'an unsatisfied read rule answers 6982',
    tags: [],
    async run(k) {
      await k.selectMf();
      await k.expect(readBinary(7, 0, 16), '6982', 'READ BINARY EF07 without KEY 07');
      await k.selectDf(0xdf01);
      await k.expect(readRecord(1, 5), '6982', 'READ RECORD DF01 EF05 without PIN or KEY 01');
    },
  },
  {
    id: `${C}/no-challenge`,
    clause: `${C} §Order of checks 9 (6984)`,
    title: 'EXTERNAL AUTHENTICATE without a pending challenge answers 6984',
    tags: ['needs-master-keys'],
    async run(k) {
      await k.selectMf();
      const c = new Uint8Array(2 * k.blockSize).fill(0x22);
      await k.expect(
        concatBytes(Uint8Array.of(0x00, 0x82, 0x00, 0x04, c.length), c),
        '6984',
        'key 04 without challenge',
      );
    },
  },
  {
    id: `${C}/data-invalid`,
    clause: `${C} §Order of checks 10 (6A80)`,
    title: 'a PIN with a non-digit nibble answers 6A80 and spends no try',
    tags: [],
    async run(k) {
      await k.selectMf();
      await k.expect('00200000 03 12A456', '6A80', 'VERIFY 12A456');
      await k.expect('00200000', triesSw(k.description.pin.tries), 'tries left after 6A80');
    },
  },
  {
    id: `${C}/read-binary/offset-beyond`,
    clause: `${C} §READ/UPDATE BINARY (offset ≥ size → 6B00)`,
    title: 'READ BINARY at or beyond the end answers 6B00',
    tags: [],
    async run(k) {
      await k.selectMf();
      const ef = k.ef(k.mf, 0xef07);
      await k.authenticateOk(k.mf, ef.read.key ?? 0x07);
      await k.expect(selectFid(0xef07), ['9000', '61??'], 'SELECT EF07');
      await k.expect(readBinary(null, ef.size, 1), '6B00', `READ BINARY at offset ${ef.size}`);
      await k.expect(readBinary(null, 0x7fff, 1), '6B00', 'READ BINARY at offset 7FFF');
    },
  },
  {
    id: `${C}/read-binary/6cxx`,
    clause: `${C} §READ/UPDATE BINARY (offset + Le > size → 6Cxx)`,
    title: 'READ BINARY with Le past the end answers 6C and the bytes left; Le=00 reads to the end',
    tags: [],
    async run(k) {
      await k.selectMf();
      const ef = k.ef(k.mf, 0xef07);
      await k.authenticateOk(k.mf, ef.read.key ?? 0x07);
      // Offsets past 255 need P1P2 addressing of the current EF (SFI addressing has a 1-byte offset).
      await k.expect(selectFid(ef.fid), ['9000', '61??'], `SELECT ${hexWord(ef.fid)}`);
      const offset = ef.size - 5;
      const r = await k.expect(
        readBinary(null, offset, 0x10),
        '6C05',
        `READ BINARY ${offset}+16 of ${ef.size}`,
      );
      k.check(r.data.length === 0, '6Cxx carries no data');
      const all = await k.expect(readBinary(null, offset, 0x00), '9000', 'READ BINARY Le=00');
      k.check(all.data.length === 5, `Le=00 returned ${all.data.length} bytes, expected 5`);
      const first = await k.expect(readBinary(null, 0, 0x00), '9000', 'READ BINARY from 0, Le=00');
      k.check(
        first.data.length === Math.min(256, ef.size),
        `Le=00 from 0 returned ${first.data.length} bytes`,
      );
    },
  },
  {
    id: `${C}/read-record/6cxx`,
    clause: `${C} §READ RECORD (Le ≠ record length → 6Cxx)`,
    title: 'READ RECORD with a short or long Le answers 6C and the record length',
    tags: [],
    async run(k) {
      await k.selectMf();
      const rec = k.ef(k.mf, 0xef05).records[0];
      if (!rec) return k.fail('EF05 has no record 1');
      const len = hexByte(rec.length);
      await k.expect(readRecord(1, 5, 'number', rec.length - 1), `6C${len}`, 'READ RECORD Le too short');
      await k.expect(readRecord(1, 5, 'number', rec.length + 1), `6C${len}`, 'READ RECORD Le too long');
      const exact = await k.expect(readRecord(1, 5, 'number', rec.length), '9000', 'READ RECORD exact Le');
      k.expectBytes(exact.data, rec, 'record 1');
    },
  },
  {
    id: `${C}/get-response/nothing-pending`,
    clause: `${C} §GET RESPONSE (nothing pending → 6985)`,
    title: 'GET RESPONSE with nothing pending answers 6985',
    tags: [],
    async run(k) {
      await k.selectMf();
      await k.expect(GET_RESPONSE(0x10), '6985', 'GET RESPONSE after a complete exchange');
    },
  },
  {
    id: `${C}/get-response/partial`,
    clause: `${C} §GET RESPONSE (smaller Le → 61yy for the rest); 01-card §Transport T0`,
    title: 'a case-4 answer is fetched in parts with 61yy, and any other command breaks it',
    tags: ['T0'],
    async run(k) {
      const first = await k.expect(
        concatBytes(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 15), SSSE_NAME),
        '61??',
        'SELECT SSSE by name under T0',
      );
      const total = first.sw & 0xff;
      k.check(total > 4, `FCI of ${total} bytes is too short`);
      const part = await k.expect(GET_RESPONSE(4), `61${hexByte(total - 4)}`, 'GET RESPONSE 4');
      k.check(part.data.length === 4 && part.data[0] === 0x6f, 'first 4 bytes of the FCI start with 6F');
      const rest = await k.expect(GET_RESPONSE(0), '9000', 'GET RESPONSE rest');
      k.check(rest.data.length === total - 4, `rest is ${rest.data.length} bytes, expected ${total - 4}`);
      await k.expect(GET_RESPONSE(0), '6985', 'GET RESPONSE once all is fetched');
      await k.expect(
        concatBytes(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 15), SSSE_NAME),
        '61??',
        'SELECT again',
      );
      await k.expect(readRecord(1, 5), '9000', 'READ RECORD in between');
      await k.expect(GET_RESPONSE(0), '6985', 'GET RESPONSE after another command');
    },
  },
  {
    id: `${C}/get-challenge/lengths`,
    clause: `${C} §Table GET CHALLENGE (04/08 2g, 04/08/10 3g)`,
    title: 'GET CHALLENGE returns exactly the lengths the generation allows',
    tags: [],
    async run(k) {
      for (const le of [4, 8, 16]) {
        const allowed = k.description.challengeLengths.includes(le);
        const r = await k.expect(
          Uint8Array.of(0x00, 0x84, 0x00, 0x00, le),
          allowed ? '9000' : '6700',
          `GET CHALLENGE ${le}`,
        );
        if (allowed) k.check(r.data.length === le, `GET CHALLENGE ${le} returned ${r.data.length} bytes`);
      }
      const a = await k.challenge(8);
      const b = await k.challenge(8);
      k.check(Buffer.compare(a, b) !== 0, 'two challenges in a row are equal');
    },
  },
];
