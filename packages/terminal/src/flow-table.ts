/**
 * The terminal flows every target must pass (05-psam.md, 03-security.md lifecycle), as one
 * table: each flow names the PSAM it needs, runs through the Terminal and checks its
 * expectations. A target gives a freshly issued card per flow (flows change the card: they
 * activate, block, spend tries) and PSAMs by profile name, over any Transport — the
 * in-process simulator (T=0 and T=1) or pcscd.
 */

import type { Transport } from '@ssc-cos/apdu-codec';
import { hexWord } from '@ssc-cos/apdu-codec';
import type { KeySource } from './key-source.js';
import { MasterKeySource, testMasterKeys } from './master-key-source.js';
import { PsamKeySource } from './psam-key-source.js';
import { Terminal } from './terminal.js';
import { type Device, TerminalError } from './terminal-error.js';

export type PsamProfileName =
  | 'psam-issuer'
  | 'psam-window'
  | 'psam-hospital'
  | 'psam-pension'
  | 'psam-employment';

export interface FlowTarget {
  /** A card as issued (personalised, DF04 temporarily blocked), new for every flow. */
  freshCard(): Promise<Transport>;
  /** A PSAM of that profile, for the card's algorithm. */
  psam(profile: PsamProfileName): Promise<Transport>;
  /** Master keys for the flows that do without a PSAM (default: the 06-keys.md test masters). */
  masters?: Readonly<Record<string, Uint8Array>>;
}

/** What a flow runs with: the card, and terminals over it. */
export interface FlowContext {
  readonly card: RecordingTransport;
  /** A terminal whose keys are this PSAM. */
  withPsam(profile: PsamProfileName): Promise<Terminal>;
  /** A terminal whose keys are the target's masters, some replaced (e.g. a wrong one). */
  withMasters(replace?: Readonly<Record<string, Uint8Array>>): Promise<Terminal>;
}

export interface Flow {
  name: string;
  /** The spec clauses it checks. */
  clause: string;
  run(ctx: FlowContext): Promise<void>;
}

export interface FlowResult {
  name: string;
  clause: string;
  passed: boolean;
  /** Why it failed. */
  detail: string | null;
}

export class FlowFailure extends Error {
  override readonly name = 'FlowFailure';
}

/** The card's transport, recording every command sent (to show what never reached the card). */
export class RecordingTransport implements Transport {
  readonly sent: Uint8Array[] = [];

  constructor(private readonly inner: Transport) {}

  async transmit(command: Uint8Array): Promise<Uint8Array> {
    this.sent.push(command.slice());
    return this.inner.transmit(command);
  }

  reset(): Promise<Uint8Array> {
    return this.inner.reset();
  }

  atr(): Promise<Uint8Array> {
    return this.inner.atr();
  }

  close(): Promise<void> {
    return this.inner.close();
  }

  /** Commands sent with this INS. */
  count(ins: number): number {
    return this.sent.filter((c) => c[1] === ins).length;
  }
}

function check(condition: boolean, what: string): void {
  if (!condition) throw new FlowFailure(what);
}

/** A hospital-PSAM terminal with DF04 activated and opened (its read key authenticated). */
async function openDf04(ctx: FlowContext): Promise<Terminal> {
  const t = await ctx.withPsam('psam-hospital');
  await t.activateZone(DF04);
  await t.openZone(DF04);
  return t;
}

/** Record 1 of EF05 (SFI 5) of the current DF must be refused by the card with `sw`. */
function expectRecordRefused(t: Terminal, sw: number, what: string): Promise<TerminalError> {
  return expectRefusal(t.readRecord(SFI5, { record: 1 }), 'card', sw, what);
}

/** `action` must fail on `device` with `sw` (or with any SW matching `mask`). */
async function expectRefusal(
  action: Promise<unknown>,
  device: Device,
  sw: number,
  what: string,
  mask = 0xffff,
): Promise<TerminalError> {
  try {
    await action;
  } catch (error) {
    if (error instanceof TerminalError && error.device === device && (error.sw & mask) === (sw & mask))
      return error;
    throw new FlowFailure(
      `${what}: expected ${device} ${hexWord(sw)}, got ${error instanceof Error ? error.message : String(error)}`,
    );
  }
  throw new FlowFailure(`${what}: expected ${device} ${hexWord(sw)}, but it succeeded`);
}

const DF03 = 0xdf03;
const DF04 = 0xdf04;
const DF01 = 0xdf01;
const SFI5 = 0x05;
const WRONG_KEY = Uint8Array.from({ length: 16 }, (_, i) => 0xa5 ^ i);

/** Blocks the PIN with wrong tries (63Cx counting down, then 6983); returns the tries it had. */
async function pinBlockedByWrongTries(t: Terminal): Promise<number> {
  const max = await t.pinTriesLeft();
  for (let left = max - 1; left >= 0; left--) {
    const e = await expectRefusal(t.verifyPin('000000'), 'card', 0x63c0 | left, 'VERIFY with a wrong PIN');
    check(e.triesLeft === left, `63Cx tells ${left} tries left`);
  }
  await expectRefusal(t.verifyPin('123456'), 'card', 0x6983, 'VERIFY once blocked, even the right PIN');
  return max;
}

export const FLOW_TABLE: readonly Flow[] = [
  {
    name: 'activation of DF04 (hospital PSAM)',
    clause:
      '03-security §Lifecycle (issue: DF04 temporarily blocked; activation: APPLICATION UNBLOCK with its line key)',
    async run(ctx) {
      const t = await ctx.withPsam('psam-hospital');
      await t.selectDf(DF04);
      await expectRecordRefused(t, 0x6a81, 'DF04 as issued');
      await t.activateZone(DF04);
      await t.selectDf(DF04);
      // Active now: the read fails only for want of the PIN or key 01.
      await expectRecordRefused(t, 0x6982, 'DF04 after activation, not authenticated');
    },
  },
  {
    name: 'hospital PSAM opens DF04 and reads it',
    clause: '05-psam §Terminal flow: open a zone and read it',
    async run(ctx) {
      const t = await openDf04(ctx);
      const record = await t.readRecord(SFI5, { record: 1 });
      check(
        record[0] === 0x81 && record[1] === 0x02 && record.length === 4,
        'DF04 EF05 record 1 is 81 02 <insurance type>',
      );
      const region = await t.readRecord(SFI5, { tag: 0x84 });
      check(region[0] === 0x84 && region.length === 5, 'DF04 EF05 tag 84 (insured region, cn 3)');
      check(ctx.card.count(0x82) === 1, 'one EXTERNAL AUTHENTICATE');
    },
  },
  {
    name: 'hospital PSAM on DF03 fails inside the PSAM (6A88)',
    clause: '06-keys §PSAM profiles (a hospital terminal can open DF04 and nothing else)',
    async run(ctx) {
      const t = await ctx.withPsam('psam-hospital');
      await expectRefusal(t.openZone(DF03), 'psam', 0x6a88, 'open DF03 with the hospital PSAM');
      check(ctx.card.count(0x82) === 0, 'no EXTERNAL AUTHENTICATE reached the card');
      await expectRecordRefused(t, 0x6982, 'DF03 EF05 stays closed');
    },
  },
  {
    name: 'zone update: open DF04 with its update key, write a record and append a log entry',
    clause: '01-card §Each zone DF (update KEY 02, cyclic append); 05-psam §Terminal flow; 12-payment EF08',
    async run(ctx) {
      const t = await openDf04(ctx);
      const before = await t.readRecord(SFI5, { record: 1 });
      const changed = before.slice();
      changed[2] = 0x39;
      changed[3] = 0x39;
      await expectRefusal(
        t.updateRecord(SFI5, { record: 1 }, changed),
        'card',
        0x6982,
        'UPDATE with the read key only',
      );
      await t.openZone(DF04, 'update');
      await t.updateRecord(SFI5, { record: 1 }, changed);
      // 12-payment: EF08 is the card-written transaction log, refused to terminals; EF15 takes appends.
      await expectRefusal(t.appendRecord(0x08, new Uint8Array(28)), 'card', 0x6982, 'APPEND to EF08');
      const entry = Uint8Array.of(1, 2, 3);
      await t.appendRecord(0x15, entry);
      await t.openZone(DF04);
      const after = await t.readRecord(SFI5, { record: 1 });
      check(
        after.every((b, i) => b === changed[i]) && after.length === changed.length,
        'record 1 reads as written',
      );
      const newest = await t.readRecord(0x15, { record: 1 });
      check(newest.length === 3 && newest.every((b, i) => b === entry[i]), 'the appended entry is record 1');
    },
  },
  {
    name: 'window PSAM resets a blocked PIN (RELOAD PIN)',
    clause: '03-security §PIN (5 tries, 63Cx, 6983; RELOAD PIN even when blocked); 04-crypto §PIN reload',
    async run(ctx) {
      const t = await ctx.withPsam('psam-window');
      const max = await pinBlockedByWrongTries(t);
      await t.reloadPin('654321');
      check((await t.pinTriesLeft()) === max, `tries restored to ${max}`);
      await t.verifyPin('654321');
    },
  },
  {
    name: 'issuer PSAM unblocks a blocked PIN (PIN UNBLOCK with the PUK)',
    clause: '03-security §PIN; 04-crypto §PIN reload and unblock, §Encrypted data',
    async run(ctx) {
      const t = await ctx.withPsam('psam-issuer');
      await pinBlockedByWrongTries(t);
      await t.unblockPin('112233');
      await t.verifyPin('112233');
    },
  },
  {
    name: 'cardholder changes the service PIN',
    clause: '03-security §Lifecycle (set service PIN: CHANGE PIN from the initial PIN)',
    async run(ctx) {
      const t = await ctx.withMasters();
      const max = await t.pinTriesLeft();
      await expectRefusal(
        t.changePin('000000', '246810'),
        'card',
        0x63c0 | (max - 1),
        'CHANGE PIN with a wrong old PIN',
      );
      await t.changePin('123456', '246810');
      await expectRefusal(t.verifyPin('123456'), 'card', 0x63c0 | (max - 1), 'the old PIN');
      await t.verifyPin('246810');
    },
  },
  {
    name: 'loss report → 6A81 on reads → loss cancelled → reads work again',
    clause: '03-security §Lifecycle (temporary loss report, loss cancelled)',
    async run(ctx) {
      const t = await ctx.withPsam('psam-window');
      const info = await t.readBasicInfo();
      await t.reportLoss();
      await expectRecordRefused(t, 0x6a81, 'READ RECORD after the loss report');
      await expectRefusal(t.readBasicInfo(), 'card', 0x6a81, 'read basic info after the loss report');
      await t.cancelLoss();
      const again = await t.readBasicInfo();
      check(again.socialSecurityNumber === info.socialSecurityNumber, 'basic info reads again');
    },
  },
  {
    name: 'replacement (permanent block) → 9303 on unblock',
    clause: '03-security §Lifecycle (replacement issued: APPLICATION UNBLOCK → 9303)',
    async run(ctx) {
      const t = await ctx.withPsam('psam-window');
      await t.reportReplacement();
      await expectRefusal(t.cancelLoss(), 'card', 0x9303, 'APPLICATION UNBLOCK after a replacement');
      await expectRecordRefused(t, 0x6a81, 'READ RECORD on the replaced card');
    },
  },
  {
    name: 'card block → every command 6A81',
    clause: '03-security §Lifecycle (card destroyed: CARD BLOCK)',
    async run(ctx) {
      const t = await ctx.withPsam('psam-window');
      await t.blockCard();
      await expectRefusal(t.selectMf(), 'card', 0x6a81, 'SELECT after CARD BLOCK');
    },
  },
  {
    name: 'wrong key → 63Cx and no access',
    clause: '03-security §Keys (wrong cryptogram → 63Cx); 02-commands step 8 (6982)',
    async run(ctx) {
      const wrong = await ctx.withMasters({ 'MP-RK-DF01': WRONG_KEY });
      // 63Cx counts down (06-keys: 8 tries [decision], a vendor profile may have others).
      const first = await expectRefusal(
        wrong.openZone(DF01),
        'card',
        0x63c0,
        'EXTERNAL AUTHENTICATE, wrong key',
        0xfff0,
      );
      const left = first.triesLeft ?? 0;
      check(left > 0, 'tries left after one wrong cryptogram');
      await expectRefusal(
        wrong.openZone(DF01),
        'card',
        0x63c0 | (left - 1),
        'EXTERNAL AUTHENTICATE, wrong key again',
      );
      await expectRecordRefused(wrong, 0x6982, 'DF01 EF05 after the failure');
      const right = await ctx.withMasters();
      await right.openZone(DF01);
      await right.readRecord(SFI5, { record: 1 });
    },
  },
  {
    name: 'internal authentication: a genuine card',
    clause: "05-psam §Terminal flow (internal authentication: genuine iff A = A')",
    async run(ctx) {
      const t = await ctx.withPsam('psam-hospital');
      check(await t.internalAuthenticate(), 'the PSAM recognises the card');
    },
  },
  {
    name: "internal authentication: not genuine (another issuer's key)",
    clause: '05-psam §Terminal flow (internal authentication)',
    async run(ctx) {
      const t = await ctx.withMasters({ 'MM-IRK': WRONG_KEY });
      check(!(await t.internalAuthenticate()), 'a card answering under another key is not genuine');
    },
  },
  {
    name: 'read basic info (EF05/EF06 by identifier, GBK name)',
    clause: '01-card §SSSE EF05, §SSSE EF06',
    async run(ctx) {
      const t = await ctx.withPsam('psam-hospital');
      const info = await t.readBasicInfo();
      check(info.name === '张三', `name 张三 (got ${info.name})`);
      check(info.socialSecurityNumber === '11010119900307001X', 'social security number');
      check(info.region === '110100' && info.birthplace === '110100', 'region and birthplace 110100');
      check(
        info.birthDate === '19900307' && info.sex === '1' && info.nationality === 1,
        'birth date, sex, nationality',
      );
      check(info.cardNumber === 'A00000001' && info.cardType === '3', 'card number and type');
      check(info.issueDate === '20261122' && info.expiryDate === '20361121', 'issue and expiry dates');
      // SM4 cards are 3rd generation; a 3DES card is either (ssc-3g-des: 3rd-generation layout, 3DES keys).
      check(
        info.specVersion === '3.00' || (info.specVersion === '2.00' && t.algorithm !== 'sm4'),
        'spec version of the generation',
      );
      check(info.nameExtension === null, 'no name extension (absent on 2g, all FF on 3g)');
    },
  },
];

/** Runs the flows against a target; each flow gets a fresh card. */
export async function runFlows(
  target: FlowTarget,
  flows: readonly Flow[] = FLOW_TABLE,
): Promise<FlowResult[]> {
  const results: FlowResult[] = [];
  const masters = target.masters ?? testMasterKeys();
  for (const flow of flows) {
    const card = new RecordingTransport(await target.freshCard());
    const open = (keys: KeySource) => Terminal.open(card, keys);
    const ctx: FlowContext = {
      card,
      withPsam: async (profile) => open(new PsamKeySource(await target.psam(profile))),
      withMasters: async (replace = {}) => open(new MasterKeySource({ ...masters, ...replace })),
    };
    try {
      await flow.run(ctx);
      results.push({ name: flow.name, clause: flow.clause, passed: true, detail: null });
    } catch (error) {
      const detail = error instanceof Error ? error.message : String(error);
      results.push({ name: flow.name, clause: flow.clause, passed: false, detail });
    }
  }
  return results;
}
