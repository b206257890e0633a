/**
 * Copy-on-write transactions over the card image (03-security.md "Atomicity").
 *
 * A Uint8Array in an image is never modified in place (image/types.ts), so a write builds new
 * objects along the path MF → changed node and leaves the committed image untouched. The card
 * commits by swapping its root: a power loss before the swap leaves the old image, after it
 * the new one, never a mix. Each `update*` call is one "internal write" (one EEPROM write on a
 * real chip); the test hook `cutPowerAfterWrites` raises `PowerCut` right after the k-th one.
 *
 * Try counters (`setTriesLeft`) are the one write made on every MAC-checked command: the try is
 * spent and committed before the check and given back after a good one (03-security.md §v2),
 * two commits whose images alternate between the same two values command after command. Since
 * images are immutable, the image a counter write gives from a given image is always the same
 * value, so the transaction remembers the last one and its inverse (`CounterWrite`) instead of
 * copying the DF path again. It is the same internal write (counted for the power-cut hook) and
 * the same commit; only the copying is skipped. See docs/architecture.md "Copy-on-write".
 */

import { hexWord } from '@ssc-cos/apdu-codec';
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

/**
 * A remembered counter write: from the image `from`, in the DF reached by the FIDs `fids` below
 * the MF (its depth is their number), the key slot of `key` set to `triesLeft` tries gives the
 * image `to`. Those are all the inputs of the copy, so the same inputs give the same image.
 */
interface CounterWrite {
  readonly from: CardImage;
  readonly fids: readonly number[];
  readonly key: KeyObject;
  readonly triesLeft: number;
  readonly to: CardImage;
}

export class Transaction {
  private staged: CardImage;
  private writes = 0;
  private dirty = false;
  /** The last counter write and, when it has one, its inverse (at most two entries). */
  private counterWrites: readonly CounterWrite[] = [];

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
    this.staged = this.withDf(depth, change);
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

  /**
   * Sets the tries left of the key in the DF at `depth` with `key`'s id and type, to
   * `{ ...key, triesLeft }`: exactly `replaceKey(depth, { ...key, triesLeft })`, one internal
   * write, but a write already made from the same image (or the inverse of the last one) takes
   * the image it gave then instead of copying the DF path again.
   */
  setTriesLeft(depth: number, key: KeyObject, triesLeft: number): void {
    const path = this.host.session.dfPath;
    for (const w of this.counterWrites) {
      if (
        w.from === this.staged &&
        w.key === key &&
        w.triesLeft === triesLeft &&
        sameFids(w.fids, path, depth)
      ) {
        this.staged = w.to;
        this.wrote();
        return;
      }
    }
    const from = this.staged;
    const changed = { ...key, triesLeft };
    // The inverse is exact only when the slot held `key` itself and no other slot matched:
    // then writing `key`'s own count back into `to` gives `from` again, value for value.
    let matches = 0;
    let slotWasKey = false;
    const to = this.withDf(depth, (df) => ({
      ...df,
      keys: df.keys.map((k) => {
        if (k.id !== key.id || k.type !== key.type) return k;
        matches++;
        slotWasKey = k === key;
        return changed;
      }),
    }));
    const fids = path.slice(1, depth + 1).map((df) => df.fid);
    const forward: CounterWrite = { from, fids, key, triesLeft, to };
    this.counterWrites =
      matches === 1 && slotWasKey
        ? [forward, { from: to, fids, key, triesLeft: key.triesLeft, to: from }]
        : [forward];
    this.staged = to;
    this.wrote();
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

  /** The staged image with the DF at `depth` of the current chain replaced by `change(df)`. */
  private withDf(depth: number, change: (df: DedicatedFile) => DedicatedFile): CardImage {
    const path = this.host.session.dfPath;
    const rebuild = (df: DedicatedFile, level: number): DedicatedFile => {
      if (level === depth) return change(df);
      const fid = path[level + 1]!.fid;
      const children = df.children.slice();
      const index = children.findIndex((c) => c.type === 'df' && c.fid === fid);
      if (index < 0) throw new Error(`DF ${hexWord(fid)} vanished from the staged image`);
      children[index] = rebuild(children[index] as DedicatedFile, level + 1);
      return { ...df, children };
    };
    return { ...this.staged, mf: rebuild(this.staged.mf, 0) };
  }

  private wrote(): void {
    this.dirty = true;
    this.writes++;
    if (this.host.powerCutAfter > 0 && this.writes === this.host.powerCutAfter) throw new PowerCut();
  }
}

/** Whether the current chain `path` goes down to `depth` through the FIDs `fids`. */
function sameFids(fids: readonly number[], path: readonly DedicatedFile[], depth: number): boolean {
  if (fids.length !== depth || path.length <= depth) return false;
  for (let i = 0; i < depth; i++) if (fids[i] !== path[i + 1]!.fid) return false;
  return true;
}
