/**
 * The balance property of 12-payment (issue 16 item 5), model-based: fast-check generates
 * sequences of loads, purchases, torn transactions and recoveries (payment/passbook-model.ts);
 * each run starts from the card as the target gives it (a fresh card on the sim, the card as
 * it is on a real one: balance and counters are read first), runs the sequence against the
 * model, recovers a transaction left torn, and checks the run as a whole: balance = initial +
 * loads − purchases, each counter moved by the number of completed transactions of its kind,
 * and EF08 holds this run's transactions newest first, each TAC verifying with the DTK master.
 * A failure is shrunk, run once more with its trace kept, and returned.
 */
import { fromHex } from '@ssc-cos/apdu-codec';
import { type Algorithm, PURCHASE_TYPE } from '@ssc-cos/apdu-codec/crypto';
import { IssuerHost, MasterPurchaseAuthority, Passbook } from '@ssc-cos/terminal';
import fc from 'fast-check';
import { concatBytes, hexWord, u32 } from '../bytes.js';
import { Channel } from '../channel/channel.js';
import { channelTransport } from '../channel/channel-transport.js';
import { type Exchange, TraceLog } from '../channel/trace.js';
import type { CardDescription, DfDescription } from '../description/card-description.js';
import type { SuiteKeys } from '../keys/suite-keys.js';
import { CaseFailure } from '../kit/case-errors.js';
import { Kit } from '../kit/kit.js';
import type { Target } from '../targets/target.js';
import {
  expectBalance,
  MAX_BALANCE,
  type PassbookModel,
  type PassbookReal,
  passbookCommandArbitraries,
  recoverTorn,
  verifyLoadTac,
  verifyPurchaseTac,
} from './passbook-model.js';
import { TearingTransport } from './tearing-transport.js';

export const DF04 = 0xdf04;
const EF08 = 0xef08;
/** The suite's terminal id (6 bytes) for loads and the encryption machine's MAC1. */
const TERMINAL_ID = fromHex('110100000001');

export interface PassbookMasters {
  readonly dlk: Uint8Array;
  readonly dpk: Uint8Array;
  readonly dtk: Uint8Array;
}

export interface PassbookRunOptions {
  runs: number;
  /** Commands per run (at most). */
  length: number;
  seed: number;
  /** Largest amount of one load or purchase, in fen (default 3000: purchases sometimes exceed the balance). */
  maxAmount?: number;
  observe?: (entry: Exchange) => void;
}

export interface PassbookRunResult {
  runs: number;
  commands: number;
  failure: { message: string; commands: string; trace: Exchange[] } | null;
}

interface RunParts {
  target: Target;
  description: CardDescription;
  keys: SuiteKeys;
  df04: DfDescription;
  masters: PassbookMasters;
}

type Cmds = Iterable<fc.AsyncCommand<PassbookModel, PassbookReal, false>>;

function check(condition: boolean, message: string): void {
  if (!condition) throw new CaseFailure(message);
}

/** INITIALIZE FOR LOAD / PURCHASE of 0.01 shows the counter without changing anything. */
async function probeCounter(kit: Kit, kind: 'load' | 'purchase', balance: number): Promise<number | null> {
  if (kind === 'purchase' ? balance < 1 : balance >= MAX_BALANCE) return null;
  const header = kind === 'load' ? [0x80, 0x50, 0x00, 0x01, 0x0b] : [0x80, 0x50, 0x01, 0x01, 0x0b];
  const le = kind === 'load' ? 0x10 : 0x0f;
  const apdu = concatBytes(
    Uint8Array.from(header),
    Uint8Array.of(0x01),
    u32(1),
    TERMINAL_ID,
    Uint8Array.of(le),
  );
  const data = await kit.ok(apdu, `INITIALIZE FOR ${kind.toUpperCase()} (counter probe)`);
  return (data[4]! << 8) | data[5]!;
}

async function runOnce(
  parts: RunParts,
  cmds: Cmds,
  log: TraceLog,
  counted: { steps: number },
): Promise<void> {
  const { target, description, masters } = parts;
  await target.restore();
  const tear = new TearingTransport(target.card, target.cutPowerAfterWrites?.bind(target));
  const channel = new Channel('card', tear, log);
  const kit = new Kit({ card: channel, psam: null, description, keys: parts.keys, target });
  // A fresh card has DF04 as issued (temporarily blocked); a real card was activated by the case.
  if (target.capabilities.freshCard) await kit.activate(parts.df04);
  const lastSn: { value: Uint8Array | null } = { value: null };
  const algorithm: Algorithm = description.algorithm;
  const real: PassbookReal = {
    algorithm,
    cardFactor: description.cardFactor,
    terminalId: TERMINAL_ID,
    host: new IssuerHost({ dlk: masters.dlk, dtk: masters.dtk }),
    // 12-payment: the encryption machine's terminal SN is 0000 ‖ offline counter.
    authority: new MasterPurchaseAuthority(masters.dpk, TERMINAL_ID, (r) => {
      lastSn.value = Uint8Array.of(0, 0, r.offlineCounter[0]!, r.offlineCounter[1]!);
      return lastSn.value;
    }),
    lastSn,
    tear,
    passbook: new Passbook(channelTransport(channel), description.cardFactor),
    async reopen() {
      await channel.reset();
      await kit.selectMf();
      const sw = await kit.verifyPin();
      check(sw === 0x9000, `VERIFY the PIN: expected 9000, got ${hexWord(sw)}`);
      await kit.selectDf(DF04);
      this.passbook = new Passbook(channelTransport(channel), description.cardFactor);
    },
    steps: 0,
  };
  await real.reopen();
  const balance = await real.passbook.balance();
  const online = await probeCounter(kit, 'load', balance);
  const offline = await probeCounter(kit, 'purchase', balance);
  const model: PassbookModel = {
    canCut: target.cutPowerAfterWrites !== undefined,
    initialBalance: balance,
    balance,
    loaded: 0,
    purchased: 0,
    online,
    offline,
    completedLoads: 0,
    completedPurchases: 0,
    log: [],
    torn: null,
    clock: 0,
  };
  try {
    await fc.asyncModelRun(() => ({ model, real }), cmds);
    await recoverTorn(model, real);
    await checkRun(kit, parts, model, real, { online, offline });
  } finally {
    counted.steps += real.steps;
  }
}

/** The run as a whole: money, counters, and the card's own log of what happened. */
async function checkRun(
  kit: Kit,
  parts: RunParts,
  m: PassbookModel,
  r: PassbookReal,
  start: { online: number | null; offline: number | null },
): Promise<void> {
  await expectBalance(m, r, 'the run');
  const online = await probeCounter(kit, 'load', m.balance);
  const offline = await probeCounter(kit, 'purchase', m.balance);
  if (start.online !== null && online !== null)
    check(
      online - start.online === m.completedLoads,
      `the online counter moved by ${online - start.online}, ${m.completedLoads} loads completed`,
    );
  if (start.offline !== null && offline !== null)
    check(
      offline - start.offline === m.completedPurchases,
      `the offline counter moved by ${offline - start.offline}, ${m.completedPurchases} purchases completed`,
    );
  const capacity = parts.df04.efs.find((e) => e.fid === EF08)?.maxRecords ?? 0;
  const records = await r.passbook.records();
  const ours = [...m.log].reverse();
  const shown = Math.min(ours.length, capacity);
  check(
    records.length >= shown,
    `EF08 holds ${records.length} records, ${shown} transactions of this run expected`,
  );
  for (let i = 0; i < shown; i++) {
    const t = ours[i]!;
    const rec = records[i]!;
    const what = `EF08 record ${i + 1}`;
    const same =
      rec.type === t.type &&
      rec.counter === t.counter &&
      rec.amount === t.amount &&
      rec.balanceAfter === t.balanceAfter &&
      rec.datetime === t.datetime &&
      Buffer.compare(rec.terminalId, r.terminalId) === 0;
    check(
      same,
      `${what}: ${rec.type}/${rec.counter}/${rec.amount}/${rec.balanceAfter}/${rec.datetime}, expected ${t.type}/${t.counter}/${t.amount}/${t.balanceAfter}/${t.datetime}`,
    );
    if (t.type === PURCHASE_TYPE) verifyPurchaseTac(r, t.amount, t.terminalSn!, t.datetime, rec.tac, what);
    else verifyLoadTac(r, rec.counter, rec.amount, rec.balanceAfter, rec.datetime, rec.tac, what);
  }
}

export async function runPassbookProperty(
  parts: RunParts,
  opts: PassbookRunOptions,
): Promise<PassbookRunResult> {
  const counted = { steps: 0 };
  const arbitraries = passbookCommandArbitraries(fc, opts.maxAmount ?? 3000);
  const property = fc.asyncProperty(
    fc.commands(arbitraries, { maxCommands: opts.length, size: 'max' }),
    async (cmds) => {
      const log = new TraceLog(false);
      if (opts.observe) log.observe(opts.observe);
      await runOnce(parts, cmds, log, counted);
    },
  );
  const details = await fc.check(property, { numRuns: opts.runs, seed: opts.seed, endOnFailure: false });
  if (!details.failed || details.counterexample === null)
    return { runs: details.numRuns, commands: counted.steps, failure: null };
  const [shrunk] = details.counterexample;
  const log = new TraceLog(true);
  let message =
    details.errorInstance instanceof Error ? details.errorInstance.message : String(details.errorInstance);
  try {
    await runOnce(parts, shrunk, log, { steps: 0 });
  } catch (e) {
    message = e instanceof Error ? e.message : String(e);
  }
  return {
    runs: details.numRuns,
    commands: counted.steps,
    failure: {
      message: `${message} (fast-check seed ${opts.seed}, path ${details.counterexamplePath ?? '?'})`,
      commands: shrunk.toString(),
      trace: log.entries,
    },
  };
}
