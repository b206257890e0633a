/** The `masters` and `options` parts of a profile (docs/profile.md "Options"). */
import type { Algorithm } from '../image/types.js';
import { ProfileError } from './errors.js';
import {
  asArray,
  asEnum,
  asHexBytes,
  asInteger,
  asObject,
  asString,
  element,
  member,
  onlyKeys,
} from './json-reader.js';
import { masterFromLabel } from './master-keys.js';
import { readTiming } from './read-timing.js';
import type { ProfileOptions } from './types.js';

const DEFAULT_PIN = { value: '123456', tries: 5 };

/**
 * `{ "value": "123456", "tries": 5 }`: options.pin (the cardholder's PIN) and the `pin` of a PIN
 * key with digits of its own (the PKI admin PIN, 11-pki.md); missing members from `defaults`.
 */
export function readPinOption(
  value: unknown,
  path: string,
  defaults: { value: string; tries: number } = DEFAULT_PIN,
): { value: string; tries: number } {
  const p = asObject(value, path);
  onlyKeys(p, path, ['value', 'tries']);
  const pinValue = p.value === undefined ? defaults.value : asString(p.value, member(path, 'value'));
  if (!/^[0-9]{3,12}$/.test(pinValue)) {
    throw new ProfileError(member(path, 'value'), 'a PIN is 3 to 12 decimal digits (2–6 bytes BCD)');
  }
  const tries = p.tries === undefined ? defaults.tries : asInteger(p.tries, member(path, 'tries'), 1, 15);
  return { value: pinValue, tries };
}

export function readMasters(value: unknown): Record<string, Uint8Array> {
  const out: Record<string, Uint8Array> = {};
  if (value === undefined) return out;
  const obj = asObject(value, 'masters');
  for (const [name, entry] of Object.entries(obj)) {
    const path = member('masters', name);
    if (typeof entry === 'string') {
      out[name] = asHexBytes(entry, path, 16, 16);
    } else {
      const spec = asObject(entry, path);
      onlyKeys(spec, path, ['label']);
      const label = asString(spec.label, member(path, 'label'));
      if (!/^[\x20-\x7e]+$/.test(label))
        throw new ProfileError(member(path, 'label'), 'a label is printable ASCII');
      out[name] = masterFromLabel(label);
    }
  }
  return out;
}

function asBoolean(value: unknown, path: string): boolean {
  if (typeof value !== 'boolean')
    throw new ProfileError(path, `expected true or false, got ${JSON.stringify(value)}`);
  return value;
}

export function readOptions(value: unknown, algorithm: Algorithm): ProfileOptions {
  const o = value === undefined ? {} : asObject(value, 'options');
  onlyKeys(o, 'options', [
    'transport',
    'challengeLengths',
    'sm4MacTruncation',
    'maxLc',
    'maxLe',
    'pin',
    'keyTries',
    'diversificationOrder',
    'cardFactor',
    'region',
    'timing',
    'mfSelectableByFid',
  ]);
  const opt = (key: string): string => member('options', key);
  const challengeLengths =
    o.challengeLengths === undefined
      ? algorithm === 'sm4'
        ? [4, 8, 16]
        : [4, 8]
      : asArray(o.challengeLengths, opt('challengeLengths')).map((v, i) =>
          Number(asEnum(String(v), element(opt('challengeLengths'), i), ['4', '8', '16'])),
        );
  if (challengeLengths.length === 0) throw new ProfileError(opt('challengeLengths'), 'at least one length');
  const pin = o.pin === undefined ? DEFAULT_PIN : readPinOption(o.pin, opt('pin'), DEFAULT_PIN);
  let region: string | null = null;
  if (o.region !== undefined) {
    region = asString(o.region, opt('region'));
    if (!/^[0-9]{6}$/.test(region)) throw new ProfileError(opt('region'), 'a region code is 6 digits');
  }
  return {
    transport:
      o.transport === undefined ? 'T0' : asEnum(o.transport, opt('transport'), ['T0', 'T1'] as const),
    challengeLengths,
    sm4MacTruncation:
      o.sm4MacTruncation === undefined
        ? 'left4'
        : asEnum(o.sm4MacTruncation, opt('sm4MacTruncation'), ['left4', 'xor-fold'] as const),
    maxLc: o.maxLc === undefined ? 255 : asInteger(o.maxLc, opt('maxLc'), 16, 255),
    maxLe: o.maxLe === undefined ? 256 : asInteger(o.maxLe, opt('maxLe'), 16, 256),
    pin,
    keyTries: o.keyTries === undefined ? 8 : asInteger(o.keyTries, opt('keyTries'), 1, 15),
    diversificationOrder:
      o.diversificationOrder === undefined
        ? 'city-then-card'
        : asEnum(o.diversificationOrder, opt('diversificationOrder'), [
            'city-then-card',
            'card-then-city',
          ] as const),
    cardFactor:
      o.cardFactor === undefined
        ? 'atr-last8'
        : asEnum(o.cardFactor, opt('cardFactor'), ['atr-last8', 'card-id-last8'] as const),
    region,
    timing: readTiming(o.timing, opt('timing')),
    ...(o.mfSelectableByFid === undefined
      ? {}
      : { mfSelectableByFid: asBoolean(o.mfSelectableByFid, opt('mfSelectableByFid')) }),
  };
}
