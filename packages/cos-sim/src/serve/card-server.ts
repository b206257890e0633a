/**
 * Several virtual cards in one process, one vpcd slot (port) each, and the operator's
 * controls over them: insert/remove/toggle by port, status, close.
 */

import { parseControlCommand } from './control-command.js';
import type { ServableCard, ServeLog } from './servable-card.js';
import { VpcdSlot, type VpcdSlotOptions } from './vpcd-slot.js';

export interface CardServerOptions {
  host?: string;
  log: ServeLog;
  trace?: boolean;
  quickAck?: boolean;
  backoff?: VpcdSlotOptions['backoff'];
  /** A slot stopped for good (its vpcd host does not resolve). */
  onGiveUp?: (port: number, reason: string) => void;
}

export interface ServedCard {
  /** vpcd port of the reader slot (35963 = "Virtual PCD 00 00", 35964 = "… 00 01"). */
  port: number;
  /** Label for logs, e.g. the profile name. */
  label: string;
  card: ServableCard;
  /** After each APDU (persist the image when it changed). */
  afterApdu?: () => void;
  /** On shutdown, after the card is out of the reader (final save). */
  onShutdown?: () => void;
  /** Hold each answer back this long (timing-faithful mode). */
  responseDelayMs?: VpcdSlotOptions['responseDelayMs'];
}

/** What a control command did, for the operator. */
export interface CommandResult {
  ok: boolean;
  message: string;
  quit?: boolean;
}

export class CardServer {
  private readonly slots = new Map<number, { slot: VpcdSlot; served: ServedCard }>();

  constructor(private readonly options: CardServerOptions) {}

  add(served: ServedCard): VpcdSlot {
    if (this.slots.has(served.port)) throw new Error(`two cards on port ${served.port}`);
    const slot = new VpcdSlot({
      card: served.card,
      port: served.port,
      host: this.options.host ?? '127.0.0.1',
      log: this.options.log,
      trace: this.options.trace ?? false,
      quickAck: this.options.quickAck ?? true,
      ...(this.options.backoff ? { backoff: this.options.backoff } : {}),
      ...(served.afterApdu ? { afterApdu: served.afterApdu } : {}),
      ...(served.responseDelayMs ? { responseDelayMs: served.responseDelayMs } : {}),
      ...(this.options.onGiveUp
        ? { onGiveUp: (reason: string) => this.options.onGiveUp?.(served.port, reason) }
        : {}),
    });
    this.slots.set(served.port, { slot, served });
    return slot;
  }

  slot(port: number): VpcdSlot | undefined {
    return this.slots.get(port)?.slot;
  }

  /** Inserts every card (connects every slot to vpcd). */
  start(): void {
    for (const { slot } of this.slots.values()) slot.insert();
  }

  /** SIGUSR1: every card that is in goes out, every card that is out goes in. */
  toggleAll(): void {
    for (const { slot } of this.slots.values()) slot.toggle();
  }

  /** Runs one stdin line; unknown input is reported, never fatal. */
  command(line: string): CommandResult | null {
    const parsed = parseControlCommand(line);
    if (parsed === null) return null;
    if ('error' in parsed) return { ok: false, message: parsed.error };
    if (parsed.verb === 'quit') return { ok: true, message: 'quitting', quit: true };
    const targets =
      parsed.port === null
        ? [...this.slots.values()]
        : [this.slots.get(parsed.port)].filter((s) => s !== undefined);
    if (targets.length === 0) return { ok: false, message: `no card on port ${parsed.port}` };
    const lines: string[] = [];
    if (parsed.verb === 'cut-power-after') {
      for (const { served } of targets) {
        if (served.card.cutPowerAfterWrites === undefined)
          return { ok: false, message: `${served.port} ${served.label}: this card cannot cut power` };
        served.card.cutPowerAfterWrites(parsed.writes);
        lines.push(
          `${served.port} ${served.label}: the next command loses power after write ${parsed.writes}, then the card is out (insert ${served.port} puts it back)`,
        );
      }
      return { ok: true, message: lines.join('\n') };
    }
    for (const { slot, served } of targets) {
      if (parsed.verb === 'insert') slot.insert();
      else if (parsed.verb === 'remove') slot.remove();
      else if (parsed.verb === 'toggle') slot.toggle();
      const where = slot.inserted ? (slot.online ? 'inserted' : 'inserted, waiting for vpcd') : 'removed';
      lines.push(`${served.port} ${served.label}: ${where}, ${slot.stats.apdus} APDUs`);
    }
    return { ok: true, message: lines.join('\n') };
  }

  /** Takes every card out, then lets each save its state. */
  async close(): Promise<void> {
    await Promise.all([...this.slots.values()].map(({ slot }) => slot.close()));
    for (const { served } of this.slots.values()) served.onShutdown?.();
  }
}
