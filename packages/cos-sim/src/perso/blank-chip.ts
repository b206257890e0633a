/**
 * A blank chip [decision, docs/profile.md]: what the chip maker delivers before
 * personalisation — its ATR (with the serial), algorithm and COS options (transport, challenge
 * lengths, MAC truncation, Lc/Le limits) — and an MF that exists but is empty: no name, no
 * space, no key file, no files. CREATE FILE 3F00 defines that MF; ERASE DF on the MF returns
 * a card to this state.
 */

import { FMCOS_FREE } from '../image/access-rule.js';
import type { Mutable } from '../image/mutable.js';
import { dedicatedFile, MF_FID } from '../image/nodes.js';
import type { CardImage, DedicatedFile } from '../image/types.js';

/** The MF of a blank chip: undefined yet (no name, no space), so CREATE FILE 3F00 may define it. */
export function blankMf(): DedicatedFile {
  return dedicatedFile({
    fid: MF_FID,
    name: null,
    fciProprietary: new Uint8Array(0),
    lifecycle: 'active',
    space: 0,
    createRight: FMCOS_FREE,
    eraseRight: FMCOS_FREE,
    keyFile: null,
    keys: [],
    children: [],
  });
}

/** Whether the MF is still (or again) the blank chip's. */
export function isBlankMf(mf: DedicatedFile): boolean {
  return mf.space === 0 && mf.name === null && mf.keyFile === null && mf.children.length === 0;
}

/** The blank chip a personalisation script for `image` starts from (same factory data). */
export function blankChipFor(image: CardImage): CardImage {
  const blank: Mutable<CardImage> = {
    format: 'ssc-cos-image',
    version: 1,
    kind: image.kind,
    profile: image.profile,
    atr: image.atr,
    algorithm: image.algorithm,
    options: { ...image.options, challengeLengths: image.options.challengeLengths.slice() },
    mf: blankMf(),
    cardBlocked: false,
  };
  if (image.terminalNumber !== undefined) blank.terminalNumber = image.terminalNumber;
  return blank;
}
