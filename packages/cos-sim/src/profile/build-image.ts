/**
 * buildImage: a validated profile → the CardImage of one card (or PSAM), with its keys
 * diversified for that card's serial. This is the image the personalisation script must also
 * produce on a blank chip (perso/script.ts), so both go through image/nodes.ts.
 */

import { atrOfferingT1, pinBytes } from '@ssc-cos/apdu-codec';
import { compareKeys } from '../image/key-order.js';
import type { Mutable } from '../image/mutable.js';
import { dedicatedFile, defaultFciProprietary, keyObject, psamKey } from '../image/nodes.js';
import type { CardImage, CardOptions, DedicatedFile } from '../image/types.js';
import { type DiversificationFactors, deriveCardKey, diversificationFactors } from './diversification.js';
import { ProfileError } from './errors.js';
import { terminalNumberFile } from './profile-lookups.js';
import { type DfSpec, isDfSpec, type Profile } from './types.js';

export interface BuildOverrides {
  /** Card (or PSAM) serial replacing the profile's: hex text or bytes, same length as the profile's. */
  serial?: string | Uint8Array;
}

/** The COS options a chip carries from the factory (a subset of the profile's options). */
export function cardOptionsOf(profile: Profile): CardOptions {
  const o = profile.options;
  return {
    transport: o.transport,
    challengeLengths: o.challengeLengths.slice(),
    sm4MacTruncation: o.sm4MacTruncation,
    maxLc: o.maxLc,
    maxLe: o.maxLe,
    // only when off: images of profiles without the option stay as they were
    ...(o.mfSelectableByFid === false ? { mfSelectableByFid: false } : {}),
  };
}

/** ATR = profile prefix ‖ serial (overridden or the profile's). */
export function atrOf(profile: Profile, overrides: BuildOverrides = {}): Uint8Array {
  const serial =
    overrides.serial === undefined ? profile.serial : serialBytes(overrides.serial, profile.serial.length);
  const atr = new Uint8Array(profile.atrPrefix.length + serial.length);
  atr.set(profile.atrPrefix);
  atr.set(serial, profile.atrPrefix.length);
  return atr;
}

function serialBytes(serial: string | Uint8Array, length: number): Uint8Array {
  let bytes: Uint8Array;
  if (typeof serial === 'string') {
    const text = serial.replace(/\s/g, '');
    if (!/^(?:[0-9A-Fa-f]{2})*$/.test(text))
      throw new ProfileError('serial', `expected hex bytes, got "${serial}"`);
    bytes = Uint8Array.from({ length: text.length / 2 }, (_, i) =>
      Number.parseInt(text.slice(i * 2, i * 2 + 2), 16),
    );
  } else {
    bytes = serial.slice();
  }
  if (bytes.length !== length)
    throw new ProfileError('serial', `expected ${length} bytes, got ${bytes.length}`);
  return bytes;
}

function buildDf(profile: Profile, spec: DfSpec, factors: DiversificationFactors): DedicatedFile {
  const keys = spec.keys.map((k) => {
    const value =
      k.type === 'pin'
        ? pinBytes(k.pinValue ?? profile.options.pin.value)
        : deriveCardKey(
            profile.algorithm,
            profile.masters[k.master!]!,
            k.family!,
            factors,
            profile.options.diversificationOrder,
          );
    return keyObject({
      id: k.id,
      type: k.type,
      usageRight: k.usageRight,
      changeRight: k.changeRight,
      followUpState: k.followUpState,
      maxTries: k.tries,
      triesLeft: k.tries,
      algorithm: profile.algorithm,
      value,
    });
  });
  keys.sort(compareKeys);
  const fields: Parameters<typeof dedicatedFile>[0] = {
    fid: spec.fid,
    name: spec.name,
    fciProprietary: defaultFciProprietary(spec.fid, profile.algorithm),
    lifecycle: spec.lifecycle,
    space: spec.space,
    createRight: spec.createRight,
    eraseRight: spec.eraseRight,
    keyFile: spec.keyFile === null ? null : { ...spec.keyFile },
    keys,
    otherNames: spec.otherNames,
    ...(spec.fci === null ? {} : { fci: spec.fci }),
    children: spec.children.map((c) => (isDfSpec(c) ? buildDf(profile, c, factors) : c)),
  };
  if (spec.psamKeys.length > 0) {
    fields.psamKeys = spec.psamKeys.map((k) =>
      psamKey({
        usage: k.usage,
        id: k.id,
        algorithm: k.algorithm,
        version: k.version,
        value: profile.masters[k.master]!,
      }),
    );
  }
  if (spec.passbook !== null) fields.passbook = { ...spec.passbook };
  return dedicatedFile(fields);
}

export function buildImage(profile: Profile, overrides: BuildOverrides = {}): CardImage {
  const atr = atrOf(profile, overrides);
  // The card factor is the T=0 ATR's last 8 bytes (= the last 8 historical bytes): a T=1
  // chip of the same card keeps its keys although its ATR gains interface bytes and a TCK.
  const factors = diversificationFactors(profile, atr);
  const image: Mutable<CardImage> = {
    format: 'ssc-cos-image',
    version: 1,
    kind: profile.kind,
    profile: profile.name,
    atr: profile.options.transport === 'T1' ? atrOfferingT1(atr) : atr,
    algorithm: profile.algorithm,
    options: cardOptionsOf(profile),
    mf: buildDf(profile, profile.mf, factors),
    cardBlocked: false,
  };
  if (profile.kind === 'psam') image.terminalNumber = terminalNumberFile(profile.mf)!.slice();
  return image;
}
