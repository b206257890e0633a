/** 01-card.md / 02-commands.md: selection, binary and record access, addressing, cyclic files. */

import { appendRecord, readBinary, readRecord, selectFid, updateBinary, updateRecord } from '../apdus.js';
import { concatBytes, hexByte, hexWord } from '../bytes.js';
import { type EfDescription, SSSE_NAME } from '../description/card-description.js';
import type { ConformanceCase } from '../kit/case.js';
import { NotApplicable } from '../kit/case-errors.js';
import type { Kit } from '../kit/kit.js';

const F = '01-card';
const C = '02-commands';

/** Finds a TLV in the FCI (simple BER: 1- or 2-byte tags, short lengths). */
function findTag(data: Uint8Array, tag: number): Uint8Array | null {
  for (let i = 0; i < data.length; ) {
    let t = data[i++]!;
    if ((t & 0x1f) === 0x1f) t = (t << 8) | data[i++]!;
    const len = data[i++] ?? 0;
    const value = data.subarray(i, i + len);
    if (t === tag) return value;
    if (t === 0x6f || t === 0xa5 || t === 0x9f0c) {
      const inner = findTag(value, tag);
      if (inner) return inner;
    }
    i += len;
  }
  return null;
}

function tlvFile(k: Kit, dfFid: number, pred: (ef: EfDescription) => boolean): EfDescription {
  const ef = k.df(dfFid).efs.find(pred);
  if (!ef) throw new NotApplicable(`no matching EF in ${hexWord(dfFid)}`);
  return ef;
}

export const filesystemCases: ConformanceCase[] = [
  {
    id: `${F}/select/mf-fci`,
    clause: `${F} §SELECT answer (FCI)`,
    title: 'SELECT MF by name and by FID gives an FCI with the name and 86 01 <alg>',
    tags: [],
    async run(k) {
      const byName = await k.ok(
        concatBytes(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 15), SSSE_NAME),
        'SELECT SSSE by name',
      );
      const byFid = await k.ok(selectFid(0x3f00), 'SELECT 3F00');
      k.expectBytes(byFid, byName, 'FCI by FID = FCI by name');
      k.check(byName[0] === 0x6f, 'FCI starts with 6F');
      k.expectBytes(findTag(byName, 0x84) ?? new Uint8Array(0), SSSE_NAME, 'FCI 84 (DF name)');
      const prop = findTag(byName, 0x9f0c) ?? new Uint8Array(0);
      const alg = k.description.algorithm === 'sm4' ? 0x03 : 0x01;
      let found = false;
      for (let i = 0; i + 2 < prop.length; i++)
        if (prop[i] === 0x86 && prop[i + 1] === 0x01 && prop[i + 2] === alg) found = true;
      k.check(found, `FCI 9F0C carries 86 01 ${hexByte(alg)}`);
    },
  },
  {
    id: `${F}/select/ef-p1`,
    clause: `${F} §File tree (EF by FID with P1=00 or 02)`,
    title: 'an EF is selected by FID with P1=00 and P1=02 and answers 9000 without data',
    tags: [],
    async run(k) {
      await k.selectMf();
      for (const p1 of [0x00, 0x02]) {
        const r = await k.expect(selectFid(0xef05, p1), '9000', `SELECT EF05 P1=${p1}`);
        k.check(r.data.length === 0, 'SELECT of an EF returns no data');
        const rec = await k.expect(readRecord(1, null), '9000', 'READ RECORD of the current EF');
        k.expectBytes(rec.data, k.ef(k.mf, 0xef05).records[0]!, 'record 1 of EF05');
      }
    },
  },
  {
    id: `${F}/select/df-and-back`,
    clause: `${F} §File tree (DFs by FID)`,
    title: 'every DF of the tree is selectable and the MF is selectable again from it',
    tags: [],
    async run(k) {
      for (const df of k.mf.dfs) {
        await k.selectMf();
        const r = await k.select(df.fid);
        k.check(
          r.sw === (df.lifecycle === 'active' ? 0x9000 : 0x6283),
          `SELECT ${hexWord(df.fid)} answered ${hexWord(r.sw)}`,
        );
        await k.ok(selectFid(0x3f00), 'SELECT 3F00 from a DF');
      }
    },
  },
  {
    id: `${F}/records/by-number`,
    clause: `${F} §SSSE EF05/EF06 (records in this order)`,
    title: 'every free record of the SSSE reads back as the profile gives it',
    tags: [],
    async run(k) {
      await k.selectMf();
      for (const ef of k.mf.efs) {
        if (ef.kind !== 'variable' || ef.read.kind !== 'FREE' || ef.sfi === null) continue;
        for (let i = 0; i < ef.records.length; i++) {
          const data = await k.ok(readRecord(i + 1, ef.sfi), `READ RECORD ${i + 1} of ${hexWord(ef.fid)}`);
          k.expectBytes(data, ef.records[i]!, `${hexWord(ef.fid)} record ${i + 1}`);
        }
      }
    },
  },
  {
    id: `${F}/records/by-identifier`,
    clause: `${F} §Records (identifier first/next/last/previous)`,
    title: 'records addressed by identifier: first, next, last, previous',
    tags: [],
    async run(k) {
      await k.selectMf();
      const ef = k.ef(k.mf, 0xef06);
      const sfi = ef.sfi ?? 6;
      for (const rec of ef.records) {
        const tag = rec[0]!;
        const data = await k.ok(readRecord(tag, sfi, 'first'), `READ RECORD tag ${hexByte(tag)} first`);
        k.expectBytes(data, rec, `record with tag ${hexByte(tag)}`);
        await k.expect(readRecord(tag, sfi, 'next'), '6A83', `tag ${hexByte(tag)} next (only one)`);
        const last = await k.ok(readRecord(tag, sfi, 'last'), `tag ${hexByte(tag)} last`);
        k.expectBytes(last, rec, `last record with tag ${hexByte(tag)}`);
        await k.expect(readRecord(tag, sfi, 'previous'), '6A83', `tag ${hexByte(tag)} previous (only one)`);
      }
    },
  },
  {
    id: `${F}/records/current-ef`,
    clause: `${C} §READ RECORD (SFI addressing makes that EF current)`,
    title: 'after an SFI read, P2=04 reads from the same EF',
    tags: [],
    async run(k) {
      await k.selectMf();
      const ef = k.ef(k.mf, 0xef06);
      await k.ok(readRecord(1, ef.sfi ?? 6), 'READ RECORD 1 of EF06 by SFI');
      const second = await k.ok(readRecord(2, null), 'READ RECORD 2 of the current EF');
      k.expectBytes(second, ef.records[1]!, 'EF06 record 2 through P2=04');
    },
  },
  {
    id: `${F}/records/update-length`,
    clause: `${F} §Records (UPDATE RECORD may not change the length → 6700)`,
    title: 'UPDATE RECORD keeps the length: same length 9000, other length 6700',
    tags: ['destructive'],
    async run(k) {
      await k.selectDf(0xdf01);
      const ef = tlvFile(
        k,
        0xdf01,
        (e) => e.kind === 'variable' && e.records.length > 0 && !e.read.sm && !e.write.sm,
      );
      await k.authenticateOk(k.df(0xdf01), ef.write.key ?? 2);
      const rec = ef.records[0]!;
      const longer = concatBytes(Uint8Array.of(rec[0]!, rec[1]! + 1), rec.subarray(2), Uint8Array.of(0x20));
      await k.expect(updateRecord(1, ef.sfi!, longer), '6700', 'UPDATE RECORD one byte longer');
      const changed = rec.slice();
      changed[changed.length - 1] = changed[changed.length - 1]! ^ 0x01;
      await k.expect(updateRecord(1, ef.sfi!, changed), '9000', 'UPDATE RECORD same length');
      await k.authenticateOk(k.df(0xdf01), ef.read.key ?? 1);
      const back = await k.ok(readRecord(1, ef.sfi!), 'READ RECORD back');
      k.expectBytes(back, changed, 'updated record');
      await k.authenticateOk(k.df(0xdf01), ef.write.key ?? 2);
      await k.expect(updateRecord(1, ef.sfi!, rec), '9000', 'restore the record');
    },
  },
  {
    id: `${C}/binary/update-and-read`,
    clause: `${C} §READ/UPDATE BINARY (SFI in P1, offset in P2; never written reads as zeros)`,
    title: 'UPDATE BINARY under the update key, then READ BINARY under the read key returns the bytes',
    tags: ['destructive'],
    async run(k) {
      await k.selectMf();
      const ef = k.ef(k.mf, 0xef07);
      const sfi = ef.sfi ?? 7;
      const data = Uint8Array.from({ length: 16 }, (_, i) => (0xa0 + i * 3) & 0xff);
      await k.authenticateOk(k.mf, ef.read.key ?? 0x07);
      const before = await k.ok(readBinary(sfi, 0x40, 16), 'READ BINARY before');
      if (ef.data === null) k.expectBytes(before, new Uint8Array(16), 'a never-written EF reads as zeros');
      await k.expect(updateBinary(sfi, 0x40, data), '6982', 'UPDATE BINARY without the update key');
      await k.authenticateOk(k.mf, ef.write.key ?? 0x04);
      await k.expect(updateBinary(sfi, 0x40, data), '9000', 'UPDATE BINARY');
      k.expectBytes(await k.ok(readBinary(sfi, 0x40, 16), 'READ BINARY after'), data, 'bytes written');
      await k.expect(updateBinary(sfi, 0x40, before), '9000', 'write the old bytes back');
    },
  },
  {
    id: `${F}/records/cyclic-wrap`,
    clause: `${F} §Records (cyclic: APPEND writes record 1, the oldest falls off)`,
    title: 'a cyclic file keeps the newest records, record 1 the newest',
    tags: ['destructive'],
    async run(k) {
      const df = k.df(0xdf02);
      const ef = tlvFile(k, 0xdf02, (e) => e.kind === 'cyclic');
      k.key(df, ef.write.key ?? 2);
      k.key(df, ef.read.key ?? 1);
      // APPEND only ever adds: a ring that is not full cannot get its old record count back.
      const full = ef.records.length === ef.maxRecords;
      if (!full)
        k.requireIrreversible(
          `wrapping ${hexWord(ef.fid)} (${ef.records.length} of ${ef.maxRecords} records)`,
        );
      await k.selectDf(df);
      const appended: Uint8Array[] = [];
      for (let i = 0; i < ef.maxRecords + 2; i++) {
        const record = new Uint8Array(ef.recordLength).fill(0x30 + i);
        record[0] = 0xa5;
        record[1] = i;
        await k.authenticateOk(df, ef.write.key ?? 2);
        await k.expect(appendRecord(ef.sfi!, record), '9000', `APPEND RECORD #${i + 1}`);
        appended.unshift(record);
      }
      await k.authenticateOk(df, ef.read.key ?? 1);
      for (let n = 1; n <= ef.maxRecords; n++) {
        const data = await k.ok(readRecord(n, ef.sfi!), `READ RECORD ${n}`);
        k.expectBytes(data, appended[n - 1]!, `cyclic record ${n}`);
      }
      await k.expect(readRecord(ef.maxRecords + 1, ef.sfi!), '6A83', 'record beyond the ring size');
      if (k.realCard && full) {
        // A full ring gets its records back by appending them again, oldest first.
        for (const record of [...ef.records].reverse()) {
          await k.authenticateOk(df, ef.write.key ?? 2);
          await k.expect(appendRecord(ef.sfi!, record), '9000', 'restore the ring');
        }
      }
    },
  },
];
