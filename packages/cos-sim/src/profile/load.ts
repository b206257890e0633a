/**
 * loadProfile: a built-in name ("ssc-3g-sm4", "psam-hospital", "psam-hospital@sm4") or a path
 * to a JSON file → a validated Profile. Built-ins live in vectors/profiles/ of the repository
 * (or profiles/ of an installed package), found from this file's location, never from the
 * working directory. A profile file is read up to MAX_CARD_FILE_BYTES (a path to /dev/zero is
 * refused, not read for ever).
 */

import { existsSync, readdirSync } from 'node:fs';
import { dirname, join, sep } from 'node:path';
import { fileURLToPath } from 'node:url';
import { sameBytes } from '@ssc-cos/apdu-codec';
import type { Algorithm } from '../image/types.js';
import { FileRefusedError, readTextBounded } from '../state/bounded-read.js';
import { ProfileError } from './errors.js';
import type { Profile } from './types.js';
import { validateProfile } from './validate.js';

/**
 * The folder of the built-in profiles. This file runs from src/profile/ (tsx) or
 * dist/src/profile/ (compiled), so the package root is found by climbing to package.json; from
 * there it is the repository's vectors/profiles/ (two folders up) or, in an installed tarball,
 * the package's own profiles/ (copied there at pack time by scripts/pack-assets.mjs).
 */
function builtinProfileDir(): string {
  let root = dirname(fileURLToPath(import.meta.url));
  while (!existsSync(join(root, 'package.json')) && dirname(root) !== root) root = dirname(root);
  const repository = join(root, '..', '..', 'vectors', 'profiles');
  return `${existsSync(repository) ? repository : join(root, 'profiles')}${sep}`;
}

export const BUILTIN_PROFILE_DIR = builtinProfileDir();

const BARE_NAME = /^([A-Za-z0-9][A-Za-z0-9._-]*?)(?:@(3des|sm4))?$/;

/** Names of the built-in profiles, sorted. */
export function builtinProfileNames(): string[] {
  return readdirSync(BUILTIN_PROFILE_DIR)
    .filter((f) => f.endsWith('.json'))
    .map((f) => f.slice(0, -'.json'.length))
    .sort();
}

/**
 * A bare name loads vectors/profiles/NAME.json; `NAME@sm4` / `NAME@3des` also switches a PSAM
 * profile's algorithm (see withAlgorithm). Anything with a "/" or ending in ".json" is a path.
 */
export function loadProfile(nameOrPath: string): Profile {
  const bare = nameOrPath.includes('/') || nameOrPath.endsWith('.json') ? null : BARE_NAME.exec(nameOrPath);
  const file = bare === null ? nameOrPath : `${BUILTIN_PROFILE_DIR}${bare[1]}.json`;
  let text: string;
  try {
    text = readTextBounded(file);
  } catch (error) {
    if (error instanceof FileRefusedError) throw new ProfileError('', `${file}: ${error.message}`);
    const known = bare === null ? '' : ` (built-in profiles: ${builtinProfileNames().join(', ')})`;
    throw new ProfileError('', `cannot read profile "${nameOrPath}"${known}`);
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new ProfileError('', `${file}: not JSON (${(error as Error).message})`);
  }
  const profile = validateProfile(json);
  const algorithm = bare?.[2] as Algorithm | undefined;
  return algorithm === undefined ? profile : withAlgorithm(profile, algorithm);
}

/** "sx1.sh.社会保障" and "sx3.sh.社会保障" in GBK (01-card.md, 05-psam.md). */
const SX1_NAME = Uint8Array.from(Buffer.from('7378312E73682EC9E7BBE1B1A3D5CF', 'hex'));
const SX3_NAME = Uint8Array.from(Buffer.from('7378332E73682EC9E7BBE1B1A3D5CF', 'hex'));

/**
 * The same PSAM with every key-table entry under another algorithm — how one built-in PSAM
 * serves both card generations (the masters are the same for 3DES and SM4, 06-keys.md). A card
 * profile's algorithm is fixed by its generation, so cards refuse.
 */
export function withAlgorithm(profile: Profile, algorithm: Algorithm): Profile {
  if (profile.algorithm === algorithm) return profile;
  if (profile.kind !== 'psam') {
    throw new ProfileError(
      'algorithm',
      `${profile.name} is a card profile; its algorithm is fixed (${profile.algorithm})`,
    );
  }
  const switchDf = (df: Profile['mf']): Profile['mf'] => ({
    ...df,
    psamKeys: df.psamKeys.map((k) => ({ ...k, algorithm })),
    children: df.children.map((c) => (c.type === 'df' ? switchDf(c) : c)),
  });
  const mf = switchDf(profile.mf);
  // 05-psam v2: the SM4 PSAMs' MF answers to sx3.sh.社会保障 as well (3rd-generation terminals name it so).
  if (
    algorithm === 'sm4' &&
    mf.name !== null &&
    sameBytes(mf.name, SX1_NAME) &&
    !mf.otherNames.some((n) => sameBytes(n, SX3_NAME))
  )
    mf.otherNames = [...mf.otherNames, SX3_NAME];
  return { ...profile, name: `${profile.name}@${algorithm}`, algorithm, mf };
}
