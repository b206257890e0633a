/**
 * The `cos-sim serve` process: cards in vpcd slots, commands on stdin, SIGUSR1 to pull every
 * card out / push it back, SIGINT/SIGTERM to close cleanly (cards out of the readers, state
 * saved). What a card is and how its state is kept is the caller's (`openCard`).
 */
import { createInterface } from 'node:readline';
import { CardServer } from './card-server.js';
import { watchParent } from './parent-watch.js';
import type { ServableCard, ServeLog } from './servable-card.js';
import { holdStdinOpen } from './stdin-hold.js';

/** One card to serve: profile name, vpcd port, optional state file, the interface it is read on. */
export interface SlotPlan {
  profile: string;
  port: number;
  statePath: string | null;
  /** `:contactless`: presented as a PC/SC part 3 contactless reader shows it (contactless-card.ts). */
  contactless?: boolean;
}

export interface ServePlan {
  slots: SlotPlan[];
  host: string;
  trace: boolean;
  quickAck: boolean;
  /** `--timing real`: answers as late as a real card's (src/timing); `off` (default): at once. */
  timing?: 'off' | 'real';
  /** Read control commands on stdin: 'auto' = only when stdin is not a terminal. */
  stdin: 'auto' | 'on' | 'off';
  /**
   * Stop (cleanly, as on SIGTERM) when the parent process dies: set when a package runner
   * (`pnpm cos-sim serve`, `npx cos-sim serve`) started the server, so killing the command the
   * user started stops the server too (parent-watch.ts).
   */
  exitWithParent?: boolean;
}

export interface OpenedCard {
  card: ServableCard;
  /** After each APDU: persist the image if it changed. */
  afterApdu?: () => void;
  /** On shutdown: final save. */
  onShutdown?: () => void;
  /** Timing-faithful mode: how long to hold each answer back. */
  responseDelayMs?: (command: Uint8Array, response: Uint8Array) => number;
}

/**
 * Starts serving and returns a function that closes everything (the signal handlers call it).
 * Throws (before anything is connected) if a card cannot be opened.
 */
export function runServe(
  plan: ServePlan,
  openCard: (slot: SlotPlan) => OpenedCard,
  log: ServeLog,
): { server: CardServer; shutdown: () => Promise<void> } {
  let closing: Promise<void> | null = null;
  const shutdown = () => {
    closing ??= server.close().then(() => log.info('closed'));
    return closing;
  };
  const server = new CardServer({
    host: plan.host,
    log,
    trace: plan.trace,
    quickAck: plan.quickAck,
    // A vpcd host that does not resolve will not start resolving: a final error, exit 1.
    onGiveUp: () => void shutdown().then(() => process.exit(1)),
  });
  for (const slot of plan.slots) server.add({ port: slot.port, label: slot.profile, ...openCard(slot) });
  server.start();
  log.info(
    `pid ${process.pid} serving ${plan.slots.map((s) => `${s.profile}@${plan.host}:${s.port}`).join(', ')}` +
      ' (stdin: insert|remove|toggle [PORT], cut-power-after N [PORT], status, quit; SIGUSR1 toggles all)',
  );

  const exitAfterShutdown = () => {
    void shutdown().then(() => process.exit(0));
  };
  process.on('SIGINT', exitAfterShutdown);
  process.on('SIGTERM', exitAfterShutdown);
  if (plan.exitWithParent) {
    watchParent((parent) => {
      log.info(`parent process ${parent} is gone: stopping`);
      exitAfterShutdown();
    });
  }
  // Node reserves SIGUSR1 for its inspector; a listener takes it over, which is what we want.
  process.on('SIGUSR1', () => {
    server.toggleAll();
    log.info(server.command('status')?.message ?? '');
  });

  const readStdin = plan.stdin === 'on' || (plan.stdin === 'auto' && !process.stdin.isTTY);
  if (readStdin) {
    holdStdinOpen();
    const lines = createInterface({ input: process.stdin, terminal: false });
    lines.on('line', (line) => {
      const result = server.command(line);
      if (result === null) return;
      if (result.quit) return exitAfterShutdown();
      (result.ok ? process.stdout : process.stderr).write(`${result.message}\n`);
    });
    // A file, a socket or a terminal ends; the cards stay served (SIGUSR1 still toggles them).
    lines.on('close', () => log.info('stdin closed: no more control commands; still serving'));
  }
  return { server, shutdown };
}
