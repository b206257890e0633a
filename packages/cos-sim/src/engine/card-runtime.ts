/**
 * The card's engine state behind `Card` (card.ts), which shows hosts only transmit, reset, ATR
 * and the committed image: the image being committed, the session, the transaction, the random
 * source and the fault/power-cut recovery of one exchange. It is the context handlers see
 * (CommandContext), the dispatcher's host and the transaction's host.
 */
import type { CardImage } from '../image/types.js';
import type { CommandContext } from './context.js';
import { type DispatchHost, dispatch, keepsChanges, malformedStatus } from './dispatcher.js';
import type { InsTable } from './ins-table.js';
import type { CommandOutcome } from './outcome.js';
import { parseCommand } from './parse-command.js';
import type { RandomSource } from './random.js';
import { Session } from './session.js';
import { SW_FUNCTION_NOT_SUPPORTED, SW_INTERNAL_FAULT } from './status.js';
import { PowerCut, Transaction, type TransactionHost } from './transaction.js';

const EMPTY = new Uint8Array(0);

export class CardRuntime implements CommandContext, DispatchHost, TransactionHost {
  image: CardImage;
  readonly session: Session;
  readonly tx: Transaction;
  readonly blockSize: number;
  /** Test hook (Card.cutPowerAfterWrites); reset after every command. */
  powerCutAfter = 0;
  /** After `answer`: whether the command changed the persistent image. */
  changed = false;
  /** After `answer`: whether the command hit an internal fault (answered 6F00), and which. */
  faulted = false;
  fault: unknown = undefined;

  constructor(
    image: CardImage,
    private readonly table: InsTable,
    private readonly randomSource: RandomSource,
  ) {
    this.image = image;
    this.session = new Session(image);
    this.tx = new Transaction(this);
    this.blockSize = image.algorithm === 'sm4' ? 16 : 8;
  }

  random(length: number): Uint8Array {
    return this.randomSource(length);
  }

  /** TransactionHost: a commit replaced the image. */
  committed(): void {
    this.changed = true;
  }

  /** Power-on / reset: the session forgets everything, the power-cut hook is disarmed. */
  reset(): void {
    this.session.clear(this.image);
    this.powerCutAfter = 0;
  }

  /**
   * One command APDU in, one response APDU out; never throws. An internal fault answers 6F00
   * with the image as it was before the command (`fault` says which); a power cut answers
   * nothing (an empty array) and leaves the card as after a power-on.
   */
  answer(command: Uint8Array): Uint8Array {
    const before = this.image;
    this.changed = false;
    this.faulted = false;
    this.fault = undefined;
    let response: Uint8Array;
    try {
      response = this.exchange(command);
    } catch (error) {
      this.tx.abort();
      if (error instanceof PowerCut) {
        this.session.clear(this.image);
        response = EMPTY;
      } else {
        this.image = before;
        this.session.rebind(before);
        this.changed = false;
        this.faulted = true;
        this.fault = error;
        response = statusOnly(SW_INTERNAL_FAULT);
      }
    }
    this.powerCutAfter = 0;
    return response;
  }

  private exchange(bytes: Uint8Array): Uint8Array {
    const session = this.session;
    session.takeForCommand();
    // 1. A permanently blocked card answers nothing else.
    if (this.image.cardBlocked) return statusOnly(SW_FUNCTION_NOT_SUPPORTED);
    const cmd = parseCommand(bytes);
    if (cmd === null) return statusOnly(malformedStatus(bytes, this.table));
    this.tx.begin();
    const outcome = dispatch(this, this.table, cmd);
    // 12-payment: GET RESPONSE (fetching INITIALIZE's answer under T=0) does not come between
    // an INITIALIZE and its DEBIT/CREDIT; any other command cancels the pending transaction.
    if (this.table[cmd.ins]?.fetchesPendingResponse === true && session.transaction === null)
      session.transaction = session.commandTransaction;
    if (typeof outcome === 'number') {
      // 02: a failed command changes nothing, so a failed GET RESPONSE does not break the pending
      // response (only *another* command does): the next GET RESPONSE may still fetch it.
      if (session.commandPending !== null && session.pending === null && !keepsChanges(outcome)) {
        if (this.table[cmd.ins]?.fetchesPendingResponse === true) session.pending = session.commandPending;
      }
      return statusOnly(outcome);
    }
    return withData(outcome);
  }
}

function statusOnly(sw: number): Uint8Array {
  const out = new Uint8Array(2);
  out[0] = sw >> 8;
  out[1] = sw & 0xff;
  return out;
}

function withData(outcome: Exclude<CommandOutcome, number>): Uint8Array {
  const { sw, data } = outcome;
  const out = new Uint8Array(data.length + 2);
  out.set(data);
  out[data.length] = sw >> 8;
  out[data.length + 1] = sw & 0xff;
  return out;
}
