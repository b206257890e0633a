/**
 * The command-handler interface: how a command family plugs into the engine.
 *
 * The order of checks of 02-commands.md lives in ONE place, the dispatcher (engine/dispatcher.ts).
 * A handler only declares what each step means for its command; the dispatcher calls the steps
 * in this order and the first one that answers a status word wins:
 *
 *   1. card permanently blocked → 6A81            (dispatcher)
 *   2. CLA → 6E00, channel bits → 6881            (dispatcher; then `classes` → 6E00)
 *   3. INS → 6D00                                 (dispatcher: 256-entry table, commands/registry.ts)
 *   4. `checkParams`   P1/P2 → 6A86; `checkOffset` 6B00 offset beyond the file
 *   5. `checkLengths`  Lc/Le shape → 6700         (dispatcher first rejects extended / over-limit APDUs)
 *   6. application blocked → 6A81                 (dispatcher, unless `allowedWhenBlocked`)
 *   7. `resolve`       file 6A82, no EF 6986, record 6A83, key 6A88, structure 6981
 *   8. `access`        a rule for the dispatcher to evaluate (6982), or a status word (6983);
 *                      a current DF without a key file meets every rule (fresh-DF rule)
 *   9. `secureMessaging` (line MAC with CLA 04/84: 6987/6988/6984, done by the dispatcher,
 *      which also requires the MAC when the step-8 rule says `+SM`)
 *      or `checkMac` for a handler's own MAC or cryptogram precondition
 *  10. `checkData`     6A80 / 6A84
 *  11. `checkLe`       6Cxx for a case-2 read
 *  then `execute`, inside a transaction (ctx.tx), which returns the outcome: a status word, or
 *  `respond(data, sw?)` for response data (engine/outcome.ts). The dispatcher adds the response
 *  MAC, turns case-4 data into 61xx under T=0, commits on success and drops data on failure.
 *
 * Every step returns `OK` (0) to pass, or the status word to answer. Steps must not change any
 * state: only `execute` does (a failed command changes nothing, 02-commands.md), through
 * `ctx.tx` for persistent state and `ctx.session` for session state. The command is read-only.
 *
 * To add a command: write a module exporting `defineHandler({...})`, and add it to the list in
 * commands/registry.ts. The dispatcher finds it from the INS in one table lookup. Example:
 *
 *   export const getThingHandler = defineHandler<ElementaryFile>({
 *     name: 'GET THING', ins: 0xca, classes: [0x00],
 *     checkParams: (cmd) => (cmd.p1 === 0 ? OK : SW_WRONG_P1P2),
 *     resolve: (cmd, ctx) => ctx.session.currentEf ?? SW_NO_CURRENT_EF,
 *     execute: (cmd, ef) => respond(thingOf(ef)),        // or: return SW_SUCCESS
 *   });
 */
import type { CommandApdu } from '@ssc-cos/apdu-codec';
import type { AccessRule, DedicatedFile, KeyObject } from '../image/types.js';
import type { CommandContext } from './context.js';
import type { CommandOutcome } from './outcome.js';

/**
 * A parsed command APDU (`parseCommandApdu` of @ssc-cos/apdu-codec), read-only: cla, ins, p1,
 * p2, data (a view into the received bytes: never store it; what goes into the image is copied
 * with `ownedBytes`, image/owned-bytes.ts), ne (00 → 256; null = no Le), extended. For CLA 04/84
 * the dispatcher hands the steps after the MAC check a copy of the command without the MAC.
 */
export type Command = CommandApdu;

/** Step 9 for commands protected by the DF's line MAC (CLA 04/84). */
export interface SecureMessagingPolicy {
  /**
   * true: the command itself needs a MAC, CLA 00/80 answers 6987. An access rule's `+SM` need
   * not be repeated here: the dispatcher applies it (with the fresh-DF rule) from step 8.
   */
  required: boolean;
  /** The line-protection key (checks the MAC, signs the response). null: 6A88 if a MAC is sent. */
  key: KeyObject | null;
  /** true: response data get a MAC when the command came with a MAC (reads under +SM). */
  macResponse: boolean;
}

export interface CommandHandler<Target = unknown> {
  /** For traces and docs, e.g. "READ BINARY". */
  readonly name: string;
  readonly ins: number;
  /**
   * CLA values this command takes (from 00, 04, 80, 84); others answer 6E00. A CLA outside
   * those four (the PSAM's BF) is accepted as is, without the channel-bits check.
   */
  readonly classes: readonly number[];
  /** Step 6: the command is still answered while the application is blocked (03-security.md). */
  readonly allowedWhenBlocked?: boolean;
  /**
   * GET RESPONSE: the command reads `session.commandPending`, and when it fails the pending data
   * stay for the next one (a failed command changes nothing; any other command breaks them).
   */
  readonly fetchesPendingResponse?: boolean;
  /** Step 4: P1/P2 → 6A86. */
  checkParams?(cmd: Command, ctx: CommandContext): number;
  /**
   * Step 4, second half: 02-commands.md puts "6B00 offset beyond the file" with the P1/P2
   * checks, before the object checks. Called only when `resolve` succeeds (resolution has no
   * side effects, so the dispatcher runs it early and reuses the result at step 7).
   */
  checkOffset?(cmd: Command, target: Target, ctx: CommandContext): number;
  /** Step 5. `cmd.data` still includes a trailing MAC here when the CLA says secure messaging. */
  checkLengths?(cmd: Command, ctx: CommandContext): number;
  /** Step 7: the object the command acts on, or a status word (a number). */
  resolve?(cmd: Command, ctx: CommandContext): Target | number;
  /**
   * Step 8: the access rule to meet (evaluated by the dispatcher), a status word, or OK. A rule
   * with `+SM` needs `secureMessaging` too: it names the key the dispatcher checks the MAC with.
   */
  access?(cmd: Command, target: Target, ctx: CommandContext): AccessRule | number;
  /** Step 9, line MAC: which key and whether it is required. Absent: CLA 04/84 → 6E00 via `classes`. */
  secureMessaging?(cmd: Command, target: Target, ctx: CommandContext): SecureMessagingPolicy;
  /** Step 9, the handler's own MAC or cryptogram precondition (RELOAD PIN, EXTERNAL AUTHENTICATE). */
  checkMac?(cmd: Command, target: Target, ctx: CommandContext): number;
  /** Step 10. */
  checkData?(cmd: Command, target: Target, ctx: CommandContext): number;
  /** Step 11. */
  checkLe?(cmd: Command, target: Target, ctx: CommandContext): number;
  /** Does the work; returns the status word (usually 9000) or `respond(data, sw?)`. */
  execute(cmd: Command, target: Target, ctx: CommandContext): CommandOutcome;
}

/** Handlers are stored type-erased in the INS table. */
// biome-ignore lint/suspicious/noExplicitAny: the table holds handlers of every target type
export type AnyCommandHandler = CommandHandler<any>;

/** Helper so a handler module keeps its Target type checked. */
export function defineHandler<Target>(handler: CommandHandler<Target>): CommandHandler<Target> {
  return handler;
}

/** A DF and its depth in the current chain (0 = MF): where tx writes go. */
export interface DfRef {
  df: DedicatedFile;
  depth: number;
}
