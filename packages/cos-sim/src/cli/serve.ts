/**
 * `cos-sim serve --profile P [--port 35963] [--host 127.0.0.1] [--state F] [--seed N] [--trace]`
 * and `cos-sim serve --slot PROFILE@PORT[:contactless][:STATEFILE] --slot …` [--timing real]: cards served to pcscd through
 * vsmartcard's vpcd driver (07-vpcd.md). Runs until SIGINT/SIGTERM or `quit` on stdin.
 */
import { Card } from '../card.js';
import { loadProfile } from '../profile/index.js';
import { ContactlessCard } from '../serve/contactless-card.js';
import { type OpenedCard, runServe, type ServePlan, type SlotPlan } from '../serve/run-serve.js';
import { type ServableCard, stderrLog } from '../serve/servable-card.js';
import { checkSlots, parseSlotSpec } from '../serve/slot-spec.js';
import { StateSaveError } from '../state/state-file.js';
import { CONTACTLESS_WIRE, responseTimeMs, type TimingFigures } from '../timing/response-time.js';
import { CliError, imageFromProfile, openCardState } from './exec.js';

export interface ServeArgs {
  profile: string | undefined;
  port: number;
  host: string;
  state: string | undefined;
  slot: string | string[] | undefined;
  seed: number | undefined;
  trace: boolean;
  traceFile?: string;
  quickack: boolean;
  stdin: string;
  timing: string;
}

/** Arguments → what to serve; throws CliError on anything wrong. */
export function servePlan(args: ServeArgs): ServePlan {
  const slots: SlotPlan[] = [];
  if (args.profile !== undefined) {
    if (!Number.isInteger(args.port) || args.port < 1 || args.port > 65535) {
      throw new CliError(`--port must be 1..65535, got ${args.port}`);
    }
    slots.push({ profile: args.profile, port: args.port, statePath: args.state ?? null });
  } else if (args.state !== undefined) {
    throw new CliError('--state goes with --profile; with --slot write PROFILE@PORT:STATEFILE');
  }
  const specs = args.slot === undefined ? [] : Array.isArray(args.slot) ? args.slot : [args.slot];
  for (const spec of specs) {
    const parsed = parseSlotSpec(String(spec));
    if (typeof parsed === 'string') throw new CliError(parsed);
    slots.push(parsed);
  }
  const problem = checkSlots(slots);
  if (problem !== null) throw new CliError(problem);
  if (args.seed !== undefined && (!Number.isSafeInteger(args.seed) || args.seed < 0)) {
    throw new CliError(`--seed must be a non-negative integer, got ${args.seed}`);
  }
  if (args.stdin !== 'auto' && args.stdin !== 'on' && args.stdin !== 'off') {
    throw new CliError(`--stdin must be auto, on or off, got ${args.stdin}`);
  }
  if (args.timing !== 'off' && args.timing !== 'real') {
    throw new CliError(`--timing must be off or real, got ${args.timing}`);
  }
  return {
    slots,
    host: args.host,
    trace: args.trace || args.traceFile !== undefined,
    quickAck: args.quickack,
    stdin: args.stdin,
    timing: args.timing,
  };
}

/**
 * A card for one slot: from its state file when that exists (the file *is* the card), else
 * fresh from the profile and saved at once. With a state file, every APDU that changed the
 * image is saved (atomically) before its answer is sent, so a kill -9 loses nothing the
 * terminal was told; a save that fails makes that answer 6581 (03-security.md §v2). The file
 * is locked for the life of the process.
 */
function openCard(
  slot: SlotPlan,
  seed: number | undefined,
  timing: 'off' | 'real',
  log: ReturnType<typeof stderrLog>,
): OpenedCard {
  const opened = openStoredCard(slot, seed, log);
  let card: ServableCard = opened.card;
  if (slot.contactless) {
    if (opened.card.image.kind !== 'card')
      throw new CliError(`--slot ${slot.profile}: a PSAM has no contactless interface`);
    card = new ContactlessCard(opened.card, opened.card.atr);
  }
  if (timing === 'off') return { ...opened, card };
  const figures = timingFigures(slot.profile, slot.contactless === true);
  return {
    ...opened,
    card,
    responseDelayMs: (command, response) => responseTimeMs(figures, command, response),
  };
}

/** The profile's timing figures (its `options.timing` over the defaults); the contactless wire is faster. */
function timingFigures(profile: string, contactless: boolean): TimingFigures {
  let figures: TimingFigures;
  try {
    figures = loadProfile(profile).options.timing;
  } catch (e) {
    throw new CliError(`profile ${profile}: ${e instanceof Error ? e.message : String(e)}`);
  }
  return contactless ? { ...figures, ...CONTACTLESS_WIRE } : figures;
}

function openStoredCard(
  slot: SlotPlan,
  seed: number | undefined,
  log: ReturnType<typeof stderrLog>,
): OpenedCard & { card: Card } {
  const seeded = seed !== undefined ? { seed } : {};
  const statePath = slot.statePath;
  const opened = statePath === null ? null : openCardState(statePath, slot.profile);
  const image = opened?.image ?? imageFromProfile(slot.profile);
  // A contactless card speaks T=CL: block-oriented like T=1, no 61xx/GET RESPONSE. The
  // interface is chosen per power-up, not stored: the state file keeps the contact options.
  const contactTransport = image.options.transport;
  const runImage = slot.contactless
    ? { ...image, options: { ...image.options, transport: 'T1' as const } }
    : image;
  if (opened === null) return { card: new Card(runImage, seeded) };
  const { stateFile, fresh } = opened;
  // Every change is saved before its answer; a save that fails makes the answer 6581
  // (03-security.md §v2). The file stays locked for the life of the process.
  const card = new Card(runImage, {
    ...seeded,
    onWrite: (img) => stateFile.save({ ...img, options: { ...img.options, transport: contactTransport } }),
    onFault: (e) =>
      log.warn(
        `[${slot.port}] ${e instanceof StateSaveError ? `${e.message}; answered 6581` : `fault while answering a command: ${(e as Error).message}`}`,
      ),
  });
  if (!fresh) log.info(`[${slot.port}] card loaded from ${statePath}`);
  return { card, onShutdown: () => stateFile.close() };
}

/** Runs `cos-sim serve` on parsed arguments: the process then lives on its sockets and signals. */
export function serveFromArgs(args: ServeArgs): void {
  // Started by a package runner (pnpm/npm run, pnpm exec, npx): stop when it dies.
  const underRunner = process.env.npm_lifecycle_event !== undefined || process.env.npm_command !== undefined;
  const plan = { ...servePlan(args), exitWithParent: underRunner };
  const log = stderrLog('cos-sim serve', args.traceFile ?? null);
  runServe(plan, (slot) => openCard(slot, args.seed, plan.timing ?? 'off', log), log);
}
