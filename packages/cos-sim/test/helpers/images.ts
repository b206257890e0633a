/**
 * The card images behaviour tests run on: the two built-in profiles (vectors/profiles), built by
 * the profile loader. Terminals in tests derive their keys from the spec's master keys
 * (spec-image.ts), never from these images.
 */

import type {
  CardImage,
  DedicatedFile,
  ElementaryFile,
  KeyObject,
  TransportProtocol,
} from '../../src/image/types.js';
import { buildImage, loadProfile } from '../../src/profile/index.js';
import type { Generation } from './spec-image.js';

export const GENERATIONS: Generation[] = ['2g', '3g'];

export const PROFILE_NAMES: Record<Generation, string> = { '2g': 'ssc-2g-des', '3g': 'ssc-3g-sm4' };

const built = new Map<Generation, CardImage>();

/** The built-in profile's image (built once; images are immutable, so sharing is safe). */
export function cardImage(generation: Generation, transport: TransportProtocol = 'T0'): CardImage {
  let image = built.get(generation);
  if (!image) {
    image = buildImage(loadProfile(PROFILE_NAMES[generation]));
    built.set(generation, image);
  }
  return transport === image.options.transport
    ? image
    : { ...image, options: { ...image.options, transport } };
}

/** A copy of `image` with one EF (in the MF, or in the DF `dfFid`) changed — for variants. */
export function withEf(
  image: CardImage,
  dfFid: number | null,
  fid: number,
  change: (ef: ElementaryFile) => ElementaryFile,
): CardImage {
  const patch = (df: DedicatedFile): DedicatedFile => ({
    ...df,
    children: df.children.map((c) => (c.type !== 'df' && c.fid === fid ? change(c) : c)),
  });
  const mf =
    dfFid === null
      ? patch(image.mf)
      : {
          ...image.mf,
          children: image.mf.children.map((c) => (c.type === 'df' && c.fid === dfFid ? patch(c) : c)),
        };
  return { ...image, mf };
}

/** A copy of `image` with the MF key (id, type) given a new value. */
export function withMfKey(
  image: CardImage,
  id: number,
  type: KeyObject['type'],
  value: Uint8Array,
): CardImage {
  return {
    ...image,
    mf: {
      ...image.mf,
      keys: image.mf.keys.map((k) => (k.id === id && k.type === type ? { ...k, value } : k)),
    },
  };
}
