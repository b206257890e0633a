/**
 * The in-process target: the ONLY place the suite touches cos-sim's engine. Each restore()
 * builds a fresh card (and PSAM) from the profile, so every case starts from the issued state;
 * a seed makes the card's challenges, hence every byte of a run, reproducible.
 */
import type { Transport } from '@ssc-cos/apdu-codec';
import { Card, type CardImage, CardTransport, TimedTransport, type TimingFigures } from '@ssc-cos/cos-sim';
import type { Capabilities, Target } from './target.js';

export interface SimImages {
  card(): CardImage;
  psam: (() => CardImage) | null;
}

export interface SimTargetOptions {
  /** Seed of the card's random source (deterministic mode); absent = node:crypto. */
  seed?: number;
  /** Wraps the card's transport (defect doubles, fault injection); gets the fresh-card transport once. */
  wrap?: (card: Transport) => Transport;
  /** Target name in reports (default "sim:<profile>"). */
  name?: string;
  /** Timing-faithful mode: card and PSAM answer as late as real cards with these figures. */
  timing?: TimingFigures;
  /**
   * Behave as one card in a reader: restore() only resets, so what a case changes stays for
   * the next, exactly as on a real card (tests of the safety model run in process this way).
   */
  persistent?: boolean;
}

export class SimTarget implements Target {
  readonly name: string;
  readonly card: Transport;
  readonly psam: Transport | null;
  readonly capabilities: Capabilities;
  private readonly cardSlot: CardTransport<Card>;
  private readonly psamSlot: CardTransport<Card> | null;

  constructor(
    private readonly images: SimImages,
    private readonly options: SimTargetOptions = {},
  ) {
    const image = images.card();
    this.cardSlot = new CardTransport(this.newCard(image));
    this.psamSlot = images.psam ? new CardTransport(new Card(images.psam(), this.cardOptions(1))) : null;
    const timed = (t: Transport): Transport => (options.timing ? new TimedTransport(t, options.timing) : t);
    this.card = timed(options.wrap ? options.wrap(this.cardSlot) : this.cardSlot);
    this.psam = this.psamSlot ? timed(this.psamSlot) : null;
    this.name = options.name ?? `sim:${image.profile}`;
    this.capabilities = {
      // 01-card: EF0D is 3rd generation only (the algorithm does not tell: ssc-3g-des is 3DES).
      generation: image.mf.children.some((c) => c.fid === 0xef0d) ? '3g' : '2g',
      transport: image.options.transport,
      psam: this.psamSlot !== null,
      masterKeys: true,
      freshCard: options.persistent !== true,
    };
  }

  /** The engine's card (tests use it to cut power; the suite itself never looks inside). */
  get engineCard(): Card {
    return this.cardSlot.card;
  }

  async restore(): Promise<void> {
    if (this.options.persistent) {
      await this.card.reset();
      if (this.psam) await this.psam.reset();
      return;
    }
    this.cardSlot.card = this.newCard(this.images.card());
    if (this.psamSlot && this.images.psam)
      this.psamSlot.card = new Card(this.images.psam(), this.cardOptions(1));
    // A wrapper keeps its own view of the session: a reset through it makes that view fresh too.
    if (this.options.wrap) await this.card.reset();
  }

  async close(): Promise<void> {}

  cutPowerAfterWrites(k: number): void {
    this.cardSlot.card.cutPowerAfterWrites(k);
  }

  private newCard(image: CardImage): Card {
    return new Card(image, this.cardOptions(0));
  }

  /** Every fresh card of a seeded run starts from the same seed, whatever ran before. */
  private cardOptions(salt: number): ConstructorParameters<typeof Card>[1] {
    const seed = this.options.seed;
    return seed === undefined ? {} : { seed: (seed + salt) >>> 0 };
  }
}
