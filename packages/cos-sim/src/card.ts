/**
 * The card: a CardImage (persistent memory) plus a session (what a reset forgets), answering
 * APDUs through the dispatcher. `transmit` never throws: an internal fault answers 6F00,
 * restores the image as it was before the command and is reported through `onFault`.
 */

import { getResponseHandler } from './commands/get-response.js';
import { commandHandlers, psamCommandHandlers } from './commands/registry.js';
import type { CommandContext } from './engine/context.js';
import { type DispatchHost, dispatch, keepsChanges, malformedStatus } from './engine/dispatcher.js';
import type { Command } from './engine/handler.js';
import { buildInsTable, type InsTable } from './engine/ins-table.js';
import { parseCommand } from './engine/parse-command.js';
import { type RandomSource, seededRandom, systemRandom } from './engine/random.js';
import { Session } from './engine/session.js';
import { SW_FUNCTION_NOT_SUPPORTED, SW_INTERNAL_FAULT } from './engine/status.js';
import { PowerCut, Transaction, type TransactionHost } from './engine/transaction.js';
import type { CardImage } from './image/types.js';

export interface CardRuntimeOptions {
  /** Makes GET CHALLENGE reproducible (seeded PRNG). Ignored when `random` is given. */
  seed?: number;
  /** Custom random source. Default: node:crypto. */
  random?: RandomSource;
  /** Called after every command that changed the persistent image (e.g. to save it). */
  onWrite?: (image: CardImage) => void;
  /** Called with every exchange; leave unset for no tracing work at all. */
  trace?: (command: Uint8Array, response: Uint8Array) => void;
  /**
   * Called when a command hit an internal fault (answered 6F00), or when `onWrite`/`trace` threw
   * (the response stands). Default: one line on stderr.
   */
  onFault?: (error: unknown, command: Uint8Array) => void;
}

const EMPTY = new Uint8Array(0);
/** Built on first use (registry modules may append handlers at import time). */
let cardTable: InsTable | undefined;
let psamTable: InsTable | undefined;

function tableFor(image: CardImage): InsTable {
  if (image.kind === 'psam') {
    psamTable ??= buildInsTable(psamCommandHandlers);
    return psamTable;
  }
  cardTable ??= buildInsTable(commandHandlers);
  return cardTable;
}

export class Card implements DispatchHost, TransactionHost {
  image: CardImage;
  readonly session: Session;
  readonly tx: Transaction;
  readonly blockSize: number;
  /** Test hook (see `cutPowerAfterWrites`). */
  powerCutAfter = 0;
  challenge: Uint8Array | null = null;
  responseData: Uint8Array | null = null;
  private readonly randomSource: RandomSource;
  private readonly table: InsTable;
  private changed = false;

  constructor(
    image: CardImage,
    private readonly options: CardRuntimeOptions = {},
  ) {
    this.image = image;
    this.session = new Session(image);
    this.tx = new Transaction(this);
    this.blockSize = image.algorithm === 'sm4' ? 16 : 8;
    this.randomSource =
      options.random ?? (options.seed !== undefined ? seededRandom(options.seed) : systemRandom);
    this.table = tableFor(image);
  }

  /** The ATR of this card (a copy). */
  get atr(): Uint8Array {
    return this.image.atr.slice();
  }

  /** Cold reset: clears all session state and returns the ATR. */
  powerOn(): Uint8Array {
    return this.reset();
  }

  /** Warm reset: clears all session state and returns the ATR. */
  reset(): Uint8Array {
    this.session.clear(this.image);
    this.powerCutAfter = 0;
    return this.atr;
  }

  /**
   * Test hook: the next command loses power right after its k-th internal write (k ≥ 1).
   * That command then answers nothing (an empty array: no status word, the card is unpowered),
   * keeps only what it had committed, and the card comes back as after a power-on.
   */
  cutPowerAfterWrites(k: number): void {
    this.powerCutAfter = k;
  }

  /** One command APDU in, one response APDU (data ‖ SW1 SW2) out. Never throws. */
  transmit(command: Uint8Array): Uint8Array {
    const before = this.image;
    this.changed = false;
    let response: Uint8Array;
    try {
      response = this.exchange(command);
    } catch (error) {
      this.tx.abort();
      this.responseData = null;
      if (error instanceof PowerCut) {
        this.session.clear(this.image);
        response = EMPTY;
      } else {
        // An internal fault: answer 6F00 and leave the persistent state as it was.
        this.image = before;
        this.session.rebind(before);
        this.changed = false;
        this.reportFault(error, command);
        response = statusOnly(SW_INTERNAL_FAULT);
      }
    }
    this.powerCutAfter = 0;
    // Host callbacks must not make transmit throw either: their failures are reported.
    if (this.changed && this.options.onWrite) {
      try {
        this.options.onWrite(this.image);
      } catch (error) {
        this.reportFault(error, command);
      }
    }
    if (this.options.trace) {
      try {
        this.options.trace(command, response);
      } catch (error) {
        this.reportFault(error, command);
      }
    }
    return response;
  }

  respond(data: Uint8Array): void {
    this.responseData = data;
  }

  random(length: number): Uint8Array {
    return this.randomSource(length);
  }

  /** TransactionHost: a commit replaced the image. */
  committed(): void {
    this.changed = true;
  }

  private exchange(bytes: Uint8Array): Uint8Array {
    // 02-commands.md: the challenge is valid for the next command only, and any command other
    // than GET RESPONSE breaks pending response data — both are taken now.
    const session = this.session;
    this.challenge = session.challenge;
    session.challenge = null;
    this.pendingResponse = session.pending;
    session.pending = null;
    this.responseData = null;
    // 1. A permanently blocked card answers nothing else.
    if (this.image.cardBlocked) return statusOnly(SW_FUNCTION_NOT_SUPPORTED);
    const cmd: Command | null = parseCommand(bytes);
    if (cmd === null) return statusOnly(malformedStatus(bytes, this.table));
    this.tx.begin();
    const sw = dispatch(this, this.table, cmd);
    // 02: a failed command changes nothing, so a failed GET RESPONSE does not break the pending
    // response (only *another* command does): the next GET RESPONSE may still fetch it.
    if (this.pendingResponse !== null && session.pending === null && !keepsChanges(sw)) {
      if (this.table[cmd.ins] === getResponseHandler) session.pending = this.pendingResponse;
    }
    return withStatus(this.responseData, sw);
  }

  /** Data from a previous command that GET RESPONSE may fetch (already taken off the session). */
  pendingResponse: Uint8Array | null = null;

  private reportFault(error: unknown, command: Uint8Array): void {
    if (this.options.onFault) {
      this.options.onFault(error, command);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`cos-sim: fault while answering a command: ${message}\n`);
  }
}

function statusOnly(sw: number): Uint8Array {
  const out = new Uint8Array(2);
  out[0] = sw >> 8;
  out[1] = sw & 0xff;
  return out;
}

function withStatus(data: Uint8Array | null, sw: number): Uint8Array {
  if (data === null || data.length === 0) return statusOnly(sw);
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}

export type { CommandContext };
