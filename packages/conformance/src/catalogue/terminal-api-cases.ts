/**
 * 10-terminal-api.md: the standard terminal interface of @ssc-cos/terminal against the target —
 * each function with the target's card and PSAM (run them per built-in profile and PSAM), and
 * the negative answers: another card's pCardInfo (−20), no PSAM (−2201), a PSAM without the
 * key (−2203), a wrong and a locked PIN (−51, −52). Expected values come from the card
 * description (the profile), decoded by the encodings of 01-card.md.
 */
import { hexByte, parseAtr, toHex } from '@ssc-cos/apdu-codec';
import {
  type FileSpec,
  iChangePIN,
  iGetReaderInfo,
  iReadCard,
  iReadCard_HSM_Step1,
  iReadCard_HSM_Step2,
  iReadCardBas,
  iReloadPIN,
  iUnblockPIN,
  iVerifyPIN,
  iWriteCard,
  parseHsmRequest,
  RC,
  type Reader,
  type SdkAnswer,
  SoftwareEncryptionMachine,
  STANDARD_CATALOGUE,
} from '@ssc-cos/terminal';
import { decodeItem } from '@ssc-cos/terminal/internal';
import { hexWord } from '../bytes.js';
import { channelTransport } from '../channel/channel-transport.js';
import type { DfDescription, EfDescription } from '../description/card-description.js';
import { isMissingPsamKey } from '../keys/suite-keys.js';
import type { ConformanceCase } from '../kit/case.js';
import { NotApplicable } from '../kit/case-errors.js';
import type { Kit } from '../kit/kit.js';

const A = '10-terminal-api';
const SERIAL = 'SUITE0000001';
const MF = 0x3f00;

function readerOf(k: Kit, withPsam = true): Reader {
  return {
    contact: channelTransport(k.card),
    contactless: null,
    psam: withPsam && k.psam !== null ? channelTransport(k.psam) : null,
    serial: SERIAL,
  };
}

/** TLV records of a record EF, by tag (first occurrence, as READ RECORD by identifier finds it). */
function tlvs(ef: EfDescription): Map<number, Uint8Array> {
  const out = new Map<number, Uint8Array>();
  for (const r of ef.records) if (r.length >= 2 && !out.has(r[0]!)) out.set(r[0]!, r.subarray(2, 2 + r[1]!));
  return out;
}

function specOf(df: number, ef: number): FileSpec | undefined {
  return STANDARD_CATALOGUE.files.find((f) => f.df === df && f.ef === ef);
}

/** The expected answer block of `items` of one EF, by the catalogue's encodings. */
function expectedValues(df: number, ef: EfDescription, tags: number[]): string[] {
  const values = tlvs(ef);
  const spec = specOf(df, ef.fid);
  return tags.map((t) =>
    decodeItem(
      spec?.items.find((i) => i.tag === t),
      values.get(t)!,
    ),
  );
}

function fileName(df: number, ef: number): string {
  return `${df === MF ? 'SSSE' : hexWord(df)}EF${hexWord(ef).slice(2)}`;
}

function addr(df: number, ef: EfDescription, tags: number[]): string {
  return `${fileName(df, ef.fid)}|${tags.map((t) => hexByte(t)).join('|')}|$`;
}

function cardInfoOf(k: Kit): string {
  const ef05 = tlvs(k.ef(k.mf, 0xef05));
  return `${toHex(ef05.get(0x01)!)}|${new TextDecoder('latin1').decode(ef05.get(0x07)!)}|`;
}

/** Record EFs of a zone the catalogue knows, readable by key, with records to compare. */
function zoneFiles(df: DfDescription): { ef: EfDescription; tags: number[] }[] {
  return df.efs
    .filter((e) => e.kind === 'variable' && e.read.kind === 'PIN|KEY' && specOf(df.fid, e.fid) !== undefined)
    .map((ef) => ({
      ef,
      tags: [...tlvs(ef).keys()].filter((t) => specOf(df.fid, ef.fid)!.items.some((i) => i.tag === t)),
    }))
    .filter((f) => f.tags.length > 0);
}

function expectAnswer(k: Kit, a: SdkAnswer, code: number, what: string, out?: string): void {
  k.check(a.code === code, `${what}: expected return ${code}, got ${a.code} (${a.out})`);
  if (out !== undefined) k.check(a.out === out, `${what}: expected "${out}", got "${a.out}"`);
}

/** Activates a zone issued blocked when the key source can; false when the PSAM lacks its line key. */
async function activated(k: Kit, df: DfDescription): Promise<boolean> {
  try {
    await k.activate(df);
    return true;
  } catch (e) {
    // The PSAM lacks the DF's line key: refused by the PSAM, or known from pre-flight already.
    if (isMissingPsamKey(e) || e instanceof NotApplicable) return false;
    throw e;
  }
}

export const terminalApiCases: ConformanceCase[] = [
  {
    id: `${A}/iReadCardBas`,
    clause: `${A} §iReadCardBas answer: 11 fields, each followed by |`,
    title: 'iReadCardBas answers the 11 fields of the cardholder, the ATR and the PSAM terminal number',
    tags: ['needs-psam'],
    async run(k) {
      const a = await iReadCardBas(readerOf(k), 1);
      expectAnswer(k, a, 0, 'iReadCardBas');
      const f = a.out.split('|');
      k.check(f.length === 12 && f[11] === '', `11 fields each ended by "|": "${a.out}"`);
      const ef05 = k.ef(k.mf, 0xef05);
      const ef06 = k.ef(k.mf, 0xef06);
      const [id, , version, , issue, expiry, number] = expectedValues(MF, ef05, [1, 2, 3, 4, 5, 6, 7]);
      const [ssn, name] = expectedValues(MF, ef06, [0x08, 0x09]);
      const historical = toHex(parseAtr(k.description.atr).historical);
      const expected = [id!.slice(0, 6), ssn, number, id, name, historical, version, issue, expiry];
      for (const [i, want] of expected.entries())
        k.check(f[i] === want, `field ${i + 1}: expected "${want}", got "${f[i]}"`);
      k.check(/^[0-9]{12}$/.test(f[9]!), `field 10 (terminal number) is 12 digits: "${f[9]}"`);
      k.check(f[10] === SERIAL, `field 11 (reader serial): "${f[10]}"`);
    },
  },
  {
    id: `${A}/no-psam`,
    clause: `${A} §Return values (−2201 no PSAM)`,
    title: 'without a PSAM iReadCardBas and a zone read answer −2201; free items still read',
    tags: [],
    async run(k) {
      const reader = readerOf(k, false);
      expectAnswer(k, await iReadCardBas(reader, 1), RC.noPsam, 'iReadCardBas without PSAM');
      expectAnswer(k, await iGetReaderInfo(reader), RC.noPsam, 'iGetReaderInfo without PSAM');
      const ef06 = k.ef(k.mf, 0xef06);
      const a = await iReadCard(reader, 1, 1, cardInfoOf(k), addr(MF, ef06, [0x08]));
      expectAnswer(k, a, 0, 'free item without PSAM', `${expectedValues(MF, ef06, [0x08]).join('|')}|$`);
      const zone = k.mf.dfs.flatMap((df) => zoneFiles(df).map((f) => ({ df, ...f })))[0];
      if (zone === undefined) throw new NotApplicable('no zone record file to read');
      const z = await iReadCard(
        reader,
        1,
        1,
        cardInfoOf(k),
        addr(zone.df.fid, zone.ef, zone.tags.slice(0, 1)),
      );
      expectAnswer(k, z, RC.noPsam, `${fileName(zone.df.fid, zone.ef.fid)} without PSAM`);
    },
  },
  {
    id: `${A}/iReadCard/ssse`,
    clause: `${A} §pFileAddr and data strings (SSSE items, decoded)`,
    title: 'iReadCard of every SSSE EF05/EF06 item answers the decoded values in the order asked',
    tags: [],
    async run(k) {
      const blocks = [0xef05, 0xef06].map((fid) => {
        const ef = k.ef(k.mf, fid);
        return { ef, tags: [...tlvs(ef).keys()].reverse() }; // reversed: the answer follows the order asked
      });
      const a = await iReadCard(
        readerOf(k),
        1,
        1,
        cardInfoOf(k),
        blocks.map((b) => addr(MF, b.ef, b.tags)).join(''),
      );
      const out = blocks.map((b) => `${expectedValues(MF, b.ef, b.tags).join('|')}|$`).join('');
      expectAnswer(k, a, 0, 'iReadCard SSSE', out);
      const aliases = await iReadCard(readerOf(k), 1, 1, cardInfoOf(k), 'MFEF06|08|$3F00EF06|08|$');
      const ssn = expectedValues(MF, k.ef(k.mf, 0xef06), [0x08])[0];
      expectAnswer(k, aliases, 0, 'MF and 3F00 name the SSSE', `${ssn}|$${ssn}|$`);
    },
  },
  {
    id: `${A}/iReadCard/zones`,
    clause: `${A} §pFileAddr (the zone's read key through the PSAM); ${A} §Return values (−2203)`,
    title: "zone items read through the PSAM's read key, or −2203 where the PSAM lacks it",
    tags: ['needs-psam', 'destructive'],
    async run(k) {
      let opened = 0;
      let refused = 0;
      for (const df of k.mf.dfs) {
        const files = zoneFiles(df);
        if (files.length === 0 || !(await activated(k, df))) continue;
        for (const { ef, tags } of files) {
          const a = await iReadCard(readerOf(k), 1, 1, cardInfoOf(k), addr(df.fid, ef, tags));
          const what = `iReadCard ${addr(df.fid, ef, tags)}`;
          if (a.code === RC.psamLacksKey) {
            refused++;
            continue;
          }
          expectAnswer(k, a, 0, what, `${expectedValues(df.fid, ef, tags).join('|')}|$`);
          opened++;
        }
      }
      // Every PSAM of 06-keys holds the read key of its own zone; the others must be refused by the PSAM itself.
      k.check(opened > 0, `the PSAM opened no zone (${refused} refused with −2203)`);
    },
  },
  {
    id: `${A}/iReadCard/wrong-card-info`,
    clause: `${A} §pCardInfo (refused when it does not match the card)`,
    title: "another card's pCardInfo is refused with −20, a malformed one with −14",
    tags: [],
    async run(k) {
      const [id, number] = cardInfoOf(k).split('|');
      const other = `${id!.slice(0, 31)}${id!.endsWith('0') ? '1' : '0'}|${number}|`;
      const ef06 = k.ef(k.mf, 0xef06);
      expectAnswer(
        k,
        await iReadCard(readerOf(k), 1, 1, other, addr(MF, ef06, [0x08])),
        RC.cardInfoMismatch,
        'other card id',
      );
      expectAnswer(
        k,
        await iReadCard(readerOf(k), 1, 1, `${id}|X${number!.slice(1)}|`, addr(MF, ef06, [0x08])),
        RC.cardInfoMismatch,
        'other card number',
      );
      expectAnswer(
        k,
        await iReadCard(readerOf(k), 1, 1, `${id}|`, addr(MF, ef06, [0x08])),
        RC.badParameter,
        'malformed pCardInfo',
      );
    },
  },
  {
    id: `${A}/iVerifyPIN`,
    clause: `${A} §Return values (−51 PIN check failed)`,
    title: 'iVerifyPIN: the right PIN 0, a wrong one −51 with the tries left, the right one again 0',
    tags: ['destructive'],
    async run(k) {
      const reader = readerOf(k);
      const { digits, tries } = k.description.pin;
      expectAnswer(k, await iVerifyPIN(reader, 1, digits), 0, 'right PIN');
      expectAnswer(
        k,
        await iVerifyPIN(reader, 1, k.wrongPin()),
        RC.pinCheckFailed,
        'wrong PIN',
        `wrong PIN, ${tries - 1} tries left`,
      );
      expectAnswer(k, await iVerifyPIN(reader, 1, digits), 0, 'right PIN again (counter back to full)');
    },
  },
  {
    id: `${A}/iVerifyPIN/locked`,
    clause: `${A} §Return values (−52 PIN locked)`,
    title: 'after the last try the PIN is locked: −52, the right PIN included',
    tags: ['irreversible'],
    async run(k) {
      const reader = readerOf(k);
      for (let i = 0; i < k.description.pin.tries; i++) await iVerifyPIN(reader, 1, k.wrongPin());
      expectAnswer(
        k,
        await iVerifyPIN(reader, 1, k.description.pin.digits),
        RC.pinLocked,
        'right PIN after the lock',
        'the PIN is locked',
      );
    },
  },
  {
    id: `${A}/pin-service`,
    clause: `${A} §Functions (iChangePIN, iReloadPIN, iUnblockPIN); ${A} §Return values (−2203)`,
    title:
      "iChangePIN changes and restores the PIN; iReloadPIN and iUnblockPIN set it with the PSAM's keys, or answer −2203",
    tags: ['destructive'],
    async run(k) {
      const reader = readerOf(k);
      const pin = k.description.pin.digits;
      const other = k.wrongPin();
      expectAnswer(
        k,
        await iChangePIN(reader, 1, other, pin),
        RC.pinCheckFailed,
        'iChangePIN with a wrong old PIN',
      );
      expectAnswer(k, await iChangePIN(reader, 1, pin, other), 0, 'iChangePIN');
      expectAnswer(k, await iVerifyPIN(reader, 1, other), 0, 'the new PIN verifies');
      expectAnswer(k, await iChangePIN(reader, 1, other, pin), 0, 'iChangePIN back');
      for (const [name, fn] of [
        ['iReloadPIN', iReloadPIN],
        ['iUnblockPIN', iUnblockPIN],
      ] as const) {
        const a = await fn(reader, 1, cardInfoOf(k), pin);
        if (k.psam === null) expectAnswer(k, a, RC.noPsam, `${name} without PSAM`);
        else if (a.code !== RC.psamLacksKey) expectAnswer(k, a, 0, name);
        expectAnswer(k, await iVerifyPIN(reader, 1, pin), 0, `the PIN after ${name}`);
      }
    },
  },
  {
    id: `${A}/iWriteCard`,
    clause: `${A} §pFileAddr and data strings (write data); 01-card.md update KEY 02`,
    title: "iWriteCard writes a zone item under the PSAM's update key (or −2203), reads back, restores it",
    tags: ['needs-psam', 'destructive'],
    async run(k) {
      for (const df of k.mf.dfs) {
        for (const { ef, tags } of zoneFiles(df)) {
          const spec = specOf(df.fid, ef.fid)!;
          const tag = tags.find((t) => spec.items.find((i) => i.tag === t)?.enc === 'cn');
          if (tag === undefined || !(await activated(k, df))) continue;
          const where = addr(df.fid, ef, [tag]);
          const before = expectedValues(df.fid, ef, [tag])[0]!;
          const changed = before.replace(/.$/, (d) => String((Number(d) + 1) % 10));
          const w = await iWriteCard(readerOf(k), 1, cardInfoOf(k), where, `${changed}|$`);
          if (w.code === RC.psamLacksKey) continue;
          expectAnswer(k, w, 0, `iWriteCard ${where}`);
          const back = await iReadCard(readerOf(k), 1, 1, cardInfoOf(k), where);
          if (back.code !== RC.psamLacksKey) expectAnswer(k, back, 0, `read back ${where}`, `${changed}|$`);
          expectAnswer(
            k,
            await iWriteCard(readerOf(k), 1, cardInfoOf(k), where, `${before}|$`),
            0,
            `restore ${where}`,
          );
          return;
        }
      }
      throw new NotApplicable('the PSAM holds no update key of a zone with a cn item');
    },
  },
  {
    id: `${A}/hsm-equals-psam`,
    clause: `${A} §*_HSM_Step1/Step2`,
    title:
      'iReadCard through the two HSM steps (a software encryption machine on the masters) answers as the PSAM path',
    tags: ['needs-psam', 'needs-master-keys', 'destructive'],
    async run(k) {
      const machine = new SoftwareEncryptionMachine(k.description.masters, {
        sm4MacTruncation: k.description.sm4MacTruncation,
        order: k.description.diversificationOrder,
      });
      for (const df of k.mf.dfs) {
        const files = zoneFiles(df);
        if (files.length === 0 || !(await activated(k, df))) continue;
        const where = addr(df.fid, files[0]!.ef, files[0]!.tags);
        const viaPsam = await iReadCard(readerOf(k), 1, 1, cardInfoOf(k), where);
        if (viaPsam.code === RC.psamLacksKey) continue;
        const reader = readerOf(k, false);
        let step = await iReadCard_HSM_Step1(reader, 1, cardInfoOf(k), where);
        let requests = 0;
        while (step.code === 1) {
          requests++;
          const result = await machine.compute(parseHsmRequest(step.out));
          step = await iReadCard_HSM_Step2(reader, toHex(result));
        }
        k.check(requests > 0, `${where}: step 1 asked the machine nothing`);
        expectAnswer(k, step, viaPsam.code, `HSM ${where}`, viaPsam.out);
        return;
      }
      throw new NotApplicable('the PSAM opens no zone');
    },
  },
  {
    id: `${A}/iGetReaderInfo`,
    clause: `${A} §Functions (iGetReaderInfo: reader serial and PSAM terminal number, EF 0016)`,
    title: "iGetReaderInfo answers the reader serial and the PSAM's terminal number",
    tags: ['needs-psam'],
    async run(k) {
      const a = await iGetReaderInfo(readerOf(k));
      expectAnswer(k, a, 0, 'iGetReaderInfo');
      k.check(new RegExp(`^${SERIAL}\\|[0-9]{12}\\|$`).test(a.out), `"serial|terminal number|": "${a.out}"`);
    },
  },
];
