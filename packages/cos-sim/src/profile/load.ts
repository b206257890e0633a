/**
 * loadProfile: a built-in name ("ssc-3g-sm4", "psam-hospital", "psam-hospital@sm4") or a path
 * to a JSON file → a validated Profile. Built-ins live in vectors/profiles/ of the repository,
 * found from this source file's location (never from the working directory).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { Algorithm } from '../image/types.js';
import { ProfileError } from './errors.js';
import type { Profile } from './types.js';
import { validateProfile } from './validate.js';

/** vectors/profiles/ of the repository (this file is packages/cos-sim/src/profile/load.ts). */
export const BUILTIN_PROFILE_DIR = fileURLToPath(new URL('../../../../vectors/profiles/', import.meta.url));

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
    text = readFileSync(file, 'utf8');
  } catch {
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
  return { ...profile, name: `${profile.name}@${algorithm}`, algorithm, mf: switchDf(profile.mf) };
}
