/**
 * 03-security.md / 08-conformance.md "zone matrix": for every file and every combination of
 * {PIN verified, each key of the DF authenticated, neither} a read or write succeeds exactly
 * when the rule allows; DF selection drops key status; reset drops everything.
 */
import { hexByte } from '@ssc-cos/apdu-codec';
import { appendRecord, readBinary, readRecord, selectFid, updateBinary, updateRecord } from '../apdus.js';
import { hexWord } from '../bytes.js';
import type { CardDescription, DfDescription, EfDescription } from '../description/card-description.js';
import { allDfs, dfLabel } from '../description/card-description.js';
import { formatRule, ruleAllows, type SecurityState } from '../kit/access-rules.js';
import type { ConformanceCase } from '../kit/case.js';
import type { Kit } from '../kit/kit.js';

const S = '03-security';

/** A plain-readable file of the DF whose read rule is "PIN or key", with records to read. */
function pinOrKeyRecords(df: DfDescription): EfDescription | undefined {
  return df.efs.find((e) => e.read.kind === 'PIN|KEY' && !e.read.sm && e.records.length > 0);
}

/** DF01 and its PIN-or-key file, with the PIN verified at the MF (the start of the status-drop cases). */
async function df01WithPinVerified(k: Kit): Promise<{ df: DfDescription; ef: EfDescription }> {
  const df = k.df(0xdf01);
  const ef = pinOrKeyRecords(df);
  if (!ef) return k.fail('DF01 has no PIN|KEY file');
  await k.selectMf();
  if ((await k.verifyPin()) !== 0x9000) k.fail('VERIFY failed');
  return { df, ef };
}

interface Combination {
  label: string;
  pin: boolean;
  keys: number[];
}

function combinations(df: DfDescription): Combination[] {
  const authKeys = df.keys.filter((k) => k.role === 'external-auth').map((k) => k.id);
  const out: Combination[] = [
    { label: 'nothing', pin: false, keys: [] },
    { label: 'PIN', pin: true, keys: [] },
  ];
  for (const id of authKeys) {
    const name = `KEY ${hexByte(id)}`;
    out.push({ label: name, pin: false, keys: [id] }, { label: `PIN + ${name}`, pin: true, keys: [id] });
  }
  return out;
}

/** From a reset card: activate the DF if issued blocked, verify the PIN, select, authenticate. */
async function establish(k: Kit, df: DfDescription, combo: Combination): Promise<void> {
  await k.card.reset();
  await k.selectMf();
  if (combo.pin) {
    const sw = await k.verifyPin();
    if (sw !== 0x9000) k.fail(`VERIFY of the right PIN answered ${hexWord(sw)}`);
  }
  await k.selectDf(df);
  for (const id of combo.keys) await k.authenticateOk(df, id);
}

function addressable(df: DfDescription): EfDescription[] {
  return df.efs.filter((ef) => ef.sfi !== null);
}

/**
 * The DF's name in a case id: its path below the MF ("DF01", "DDF1/DF01"; a FID is unique among
 * siblings only), and "3F00" for the MF, the ids reports and ledgers have always used.
 */
function matrixName(mf: DfDescription, df: DfDescription): string {
  return df === mf ? hexWord(df.fid) : dfLabel(mf, df);
}

function matrixCase(mf: DfDescription, df: DfDescription, op: 'read' | 'write'): ConformanceCase {
  const dfName = matrixName(mf, df);
  return {
    id: `${S}/zone-matrix/${dfName}/${op}`,
    clause: `${S} §Access rules; 08-conformance §zone matrix`,
    title: `${op} of every file of DF ${dfName} succeeds exactly when its rule allows`,
    tags: op === 'write' ? ['destructive'] : [],
    async run(k) {
      if (df.lifecycle === 'temporarily-blocked') await k.activate(df);
      const problems: string[] = [];
      for (const combo of combinations(df)) {
        const state: SecurityState = { pinVerified: combo.pin, authKeys: new Set(combo.keys) };
        for (const ef of addressable(df)) {
          const rule = op === 'read' ? ef.read : ef.write;
          const allowed = ruleAllows(rule, state);
          if (allowed === null || rule.sm) continue;
          // A record file without records (issue 10 catalogue: room for APPEND only) has nothing to
          // read or rewrite: the card answers 6A83 before looking at the rule (02 order of checks).
          // An empty cyclic file (DF04 EF08, the card-written log of 12-payment) has nothing to read
          // either; a write to it is an APPEND, which the rule decides.
          const empty = ef.kind !== 'transparent' && ef.records.length === 0;
          if (empty && (op === 'read' || ef.kind !== 'cyclic')) continue;
          // An allowed APPEND to a cyclic file cannot be undone (the oldest record falls off):
          // on a card that cannot be replaced only the refusals are probed, unless --irreversible.
          if (op === 'write' && ef.kind === 'cyclic' && allowed && !k.irreversibleAllowed) continue;
          await establish(k, df, combo);
          const apdu = op === 'read' ? readApdu(ef) : writeApdu(ef);
          const r = await k.card.send(apdu);
          const ok = r.sw === 0x9000;
          if (ok !== allowed || (!ok && r.sw !== 0x6982)) {
            problems.push(
              `${hexWord(ef.fid)} (${formatRule(rule)}) with ${combo.label}: expected ${allowed ? '9000' : '6982'}, got ${hexWord(r.sw)}`,
            );
          }
        }
      }
      if (problems.length > 0) k.fail(problems.join('; '));
    },
  };
}

function readApdu(ef: EfDescription): Uint8Array {
  if (ef.kind === 'transparent') return readBinary(ef.sfi, 0, 1);
  const first = ef.records[0];
  return readRecord(1, ef.sfi, 'number', first ? first.length : 0);
}

/** Writes back what is there (same record, same first byte; a cyclic file gets its newest record again). */
function writeApdu(ef: EfDescription): Uint8Array {
  if (ef.kind === 'transparent') return updateBinary(ef.sfi!, 0, Uint8Array.of(ef.data?.[0] ?? 0));
  // A cyclic file is written by APPEND RECORD (01-card: "append KEY 02").
  if (ef.kind === 'cyclic') return appendRecord(ef.sfi!, ef.records[0] ?? new Uint8Array(ef.recordLength));
  return updateRecord(1, ef.sfi!, ef.records[0]!);
}

export function accessCases(card: CardDescription): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  // The matrix probes files by SFI; a DF with none (ssc-3g's DDF1 and its PKI ADF DF01, whose
  // files are selected by FID and checked by the PKI cases) would get a case that checks nothing.
  for (const df of allDfs(card).filter((d) => addressable(d).length > 0))
    cases.push(matrixCase(card.mf, df, 'read'), matrixCase(card.mf, df, 'write'));
  cases.push(
    {
      id: `${S}/df-selection-drops-keys`,
      clause: `${S} §Security status (authKeys emptied whenever a DF is selected, even the same one)`,
      title: 'selecting the same DF again drops its key status',
      tags: [],
      async run(k) {
        const df = k.df(0xdf01);
        const ef = df.efs.find((e) => e.kind === 'variable' && e.read.kind === 'PIN|KEY' && !e.read.sm);
        if (!ef) return k.fail('DF01 has no PIN|KEY file');
        await k.selectDf(df);
        await k.authenticateOk(df, ef.read.key!);
        await k.expect(readRecord(1, ef.sfi), '9000', 'read with the key authenticated');
        await k.expect(selectFid(df.fid), ['9000', '61??'], 'SELECT the same DF');
        await k.expect(readRecord(1, ef.sfi), '6982', 'read after re-selecting the DF');
      },
    },
    {
      id: `${S}/pin-kept-across-dfs`,
      clause: `${S} §Security status (pinVerified kept while moving between DFs)`,
      title: 'a verified PIN stays verified in every zone',
      tags: [],
      async run(k) {
        await k.selectMf();
        const sw = await k.verifyPin();
        if (sw !== 0x9000) k.fail(`VERIFY answered ${hexWord(sw)}`);
        for (const fid of [0xdf01, 0xdf02, 0xdf03]) {
          const df = k.df(fid);
          const ef = pinOrKeyRecords(df);
          if (!ef) continue;
          await k.expect(selectFid(fid), ['9000', '61??'], `SELECT ${hexWord(fid)}`);
          if (k.capabilities.transport === 'T0')
            await k.card.send(Uint8Array.of(0x00, 0xc0, 0x00, 0x00, 0x00));
          await k.expect(
            readRecord(1, ef.sfi),
            '9000',
            `read ${hexWord(fid)}/${hexWord(ef.fid)} with the PIN`,
          );
        }
      },
    },
    {
      id: `${S}/reset-drops-everything`,
      clause: `${S} §Security status (reset clears all of it)`,
      title: 'after a reset neither the PIN nor a key is satisfied',
      tags: [],
      async run(k) {
        const { df, ef } = await df01WithPinVerified(k);
        await k.selectDf(df);
        await k.authenticateOk(df, ef.read.key!);
        await k.card.reset();
        await k.selectDf(df);
        await k.expect(readRecord(1, ef.sfi), '6982', 'read after reset');
      },
    },
    {
      id: `${S}/failed-verify-clears-pin`,
      clause: `${S} §Security status (pinVerified cleared by a failed VERIFY)`,
      title: 'a wrong PIN after a right one drops the PIN status',
      tags: ['destructive'],
      async run(k) {
        await k.provePinRestorable();
        const { df, ef } = await df01WithPinVerified(k);
        await k.expect(k.verifyApdu(k.wrongPin()), '63C?', 'wrong PIN');
        await k.selectDf(df);
        await k.expect(readRecord(1, ef.sfi), '6982', 'read after the failed VERIFY');
        await k.selectMf();
        await k.expect(k.verifyApdu(k.description.pin.digits), '9000', 'restore the counter');
      },
    },
  );
  return cases;
}
