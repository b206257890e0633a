/**
 * The card: a CardImage (persistent memory) plus a session (what a reset forgets), answering
 * APDUs through the dispatcher. Its public face is what a host needs — transmit, reset, the
 * ATR, the committed image and a power-cut hook for tests; the engine's state is behind an
 * internal object (engine/card-runtime.ts). `transmit` never throws: an internal fault answers
 * 6F00, restores the image as it was before the command and is reported through `onFault`.
 */

import { cardInsTable, psamInsTable } from './commands/registry.js';
import { CardRuntime } from './engine/card-runtime.js';
import type { CommandContext } from './engine/context.js';
import { type RandomSource, seededRandom, systemRandom } from './engine/random.js';
import { SW_MEMORY_FAILURE } from './engine/status.js';
import type { CardImage } from './image/types.js';

export interface CardRuntimeOptions {
  /** Makes GET CHALLENGE reproducible (seeded PRNG). Ignored when `random` is given. */
  seed?: number;
  /** Custom random source. Default: node:crypto. */
  random?: RandomSource;
  /**
   * Called after every command that changed the persistent image, before its answer, to make
   * it durable (save it). If it throws, the command answers 6581 and the card goes back to the
   * last image it accepted, with its session cleared (03-security.md §v2).
   */
  onWrite?: (image: CardImage) => void;
  /** Called with every exchange; leave unset for no tracing work at all. */
  trace?: (command: Uint8Array, response: Uint8Array) => void;
  /**
   * Called when a command hit an internal fault (answered 6F00), or when `onWrite`/`trace` threw
   * (the response stands). Default: one line on stderr.
   */
  onFault?: (error: unknown, command: Uint8Array) => void;
}

/** Set by Card's static block: the one way to reach a card's engine state (see `engineOf`). */
let runtimeOf: (card: Card) => CardRuntime;

export class Card {
  readonly #runtime: CardRuntime;
  readonly #options: CardRuntimeOptions;
  /** The last image `onWrite` accepted (the one given at construction is taken as durable). */
  #durable: CardImage;

  static {
    runtimeOf = (card) => card.#runtime;
  }

  constructor(image: CardImage, options: CardRuntimeOptions = {}) {
    const random = options.random ?? (options.seed !== undefined ? seededRandom(options.seed) : systemRandom);
    this.#runtime = new CardRuntime(image, image.kind === 'psam' ? psamInsTable : cardInsTable, random);
    this.#options = options;
    this.#durable = image;
  }

  /** The committed image (immutable: a write replaces it, copy-on-write). */
  get image(): CardImage {
    return this.#runtime.image;
  }

  /** The ATR of this card (a copy). */
  get atr(): Uint8Array {
    return this.#runtime.image.atr.slice();
  }

  /** Cold reset: clears all session state and returns the ATR. */
  powerOn(): Uint8Array {
    return this.reset();
  }

  /** Warm reset: clears all session state and returns the ATR. */
  reset(): Uint8Array {
    this.#runtime.reset();
    return this.atr;
  }

  /**
   * Test hook: the next command loses power right after its k-th internal write (k ≥ 1).
   * That command then answers nothing (an empty array: no status word, the card is unpowered),
   * keeps only what it had committed, and the card comes back as after a power-on.
   */
  cutPowerAfterWrites(k: number): void {
    this.#runtime.powerCutAfter = k;
  }

  /** One command APDU in, one response APDU (data ‖ SW1 SW2) out. Never throws. */
  transmit(command: Uint8Array): Uint8Array {
    const runtime = this.#runtime;
    let response = runtime.answer(command);
    if (runtime.faulted) this.reportFault(runtime.fault, command);
    const options = this.#options;
    // Host callbacks must not make transmit throw either: their failures are reported.
    if (runtime.changed && options.onWrite) {
      try {
        options.onWrite(runtime.image);
        this.#durable = runtime.image;
      } catch (error) {
        // 03-security.md §v2: what cannot be made durable did not happen. The card is again
        // what the disk holds (a spent try is never "given back" by a restart) and forgets its
        // session, so nothing the failed command granted (a verified PIN) outlives it.
        runtime.image = this.#durable;
        runtime.session.clear(this.#durable);
        this.reportFault(error, command);
        if (response.length > 0) response = Uint8Array.of(SW_MEMORY_FAILURE >> 8, SW_MEMORY_FAILURE & 0xff);
      }
    }
    if (options.trace) {
      try {
        options.trace(command, response);
      } catch (error) {
        this.reportFault(error, command);
      }
    }
    return response;
  }

  private reportFault(error: unknown, command: Uint8Array): void {
    if (this.#options.onFault) {
      this.#options.onFault(error, command);
      return;
    }
    const message = error instanceof Error ? error.message : String(error);
    process.stderr.write(`cos-sim: fault while answering a command: ${message}\n`);
  }
}

/**
 * The engine state behind a card (session, transaction…), for the package's own white-box
 * tests. Not exported from the package root: hosts see only the card's public face.
 */
export function engineOf(card: Card): CommandContext {
  return runtimeOf(card);
}

export type { CommandContext };
