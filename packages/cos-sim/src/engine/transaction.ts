/**
 * Copy-on-write transactions over the card image (03-security.md "Atomicity").
 *
 * A Uint8Array in an image is never modified in place (image/types.ts), so a write builds new
 * objects along the path MF → changed node and leaves the committed image untouched. The card
 * commits by swapping its root: a power loss before the swap leaves the old image, after it
 * the new one, never a mix. Each `update*` call is one "internal write" (one EEPROM write on a
 * real chip); the test hook `cutPowerAfterWrites` raises `PowerCut` right after the k-th one.
 */
import type { CardImage, DedicatedFile, ElementaryFile, KeyObject } from '../image/types.js';
import type { Session } from './session.js';

/** Thrown by the power-cut test hook; the card catches it and drops everything staged. */
export class PowerCut extends Error {
  override readonly name = 'PowerCut';

  constructor() {
    super('power cut (test hook)');
  }
}

export interface TransactionHost {
  image: CardImage;
  readonly session: Session;
  /** Test hook: cut power right after this many internal writes of the current command (0 = off). */
  powerCutAfter: number;
  /** Called when a commit replaced the image. */
  committed(): void;
}

export class Transaction {
  private staged: CardImage;
  private writes = 0;
  private dirty = false;

  constructor(private readonly host: TransactionHost) {
    this.staged = host.image;
  }

  /** Starts a command's transaction from the committed image. */
  begin(): void {
    this.staged = this.host.image;
    this.writes = 0;
    this.dirty = false;
  }

  /** Replaces the DF at `depth` of the current DF chain (0 = MF) by `change(df)`. */
  updateDf(depth: number, change: (df: DedicatedFile) => DedicatedFile): void {
    const path = this.host.session.dfPath;
    const rebuild = (df: DedicatedFile, level: number): DedicatedFile => {
      if (level === depth) return change(df);
      const fid = path[level + 1]!.fid;
      const children = df.children.slice();
      const index = children.findIndex((c) => c.type === 'df' && c.fid === fid);
      if (index < 0) throw new Error(`DF ${fid.toString(16)} vanished from the staged image`);
      children[index] = rebuild(children[index] as DedicatedFile, level + 1);
      return { ...df, children };
    };
    this.staged = { ...this.staged, mf: rebuild(this.staged.mf, 0) };
    this.wrote();
  }

  /** Replaces the EF with `ef.fid` in the DF at `depth`. */
  replaceEf(depth: number, ef: ElementaryFile): void {
    this.updateDf(depth, (df) => ({
      ...df,
      children: df.children.map((c) => (c.type !== 'df' && c.fid === ef.fid ? ef : c)),
    }));
  }

  /** Replaces the key with the same id and type in the DF at `depth`. */
  replaceKey(depth: number, key: KeyObject): void {
    this.updateDf(depth, (df) => ({
      ...df,
      keys: df.keys.map((k) => (k.id === key.id && k.type === key.type ? key : k)),
    }));
  }

  updateImage(change: (image: CardImage) => CardImage): void {
    this.staged = change(this.staged);
    this.wrote();
  }

  /** Makes everything staged so far the card's state (its own atomic step, e.g. a spent try). */
  commit(): void {
    if (!this.dirty) return;
    this.host.image = this.staged;
    this.host.session.rebind(this.staged);
    this.dirty = false;
    this.host.committed();
  }

  /** Drops everything staged since the last commit. */
  abort(): void {
    this.staged = this.host.image;
    this.dirty = false;
  }

  private wrote(): void {
    this.dirty = true;
    this.writes++;
    if (this.host.powerCutAfter > 0 && this.writes === this.host.powerCutAfter) throw new PowerCut();
  }
}
