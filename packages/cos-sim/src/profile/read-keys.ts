/** The `keys` (card keys, by master and family) and `psamKeys` parts of a profile DF. */

import { hexByte } from '@ssc-cos/apdu-codec';
import { FMCOS_AUTHENTICATED, FMCOS_FREE } from '../image/access-rule.js';
import { usageLevels } from '../image/psam-usage.js';
import type { Algorithm } from '../image/types.js';
import { KEY_TYPES } from '../image/value-lists.js';
import { ProfileError } from './errors.js';
import { asArray, asEnum, asHexByte, asObject, asString, element, member, onlyKeys } from './json-reader.js';
import { readPinOption } from './read-options.js';
import type { KeyFamily, KeySpec, ProfileOptions, PsamKeySpec } from './types.js';

/** What reading a DF needs from the rest of the profile. */
export interface ReadContext {
  algorithm: Algorithm;
  options: ProfileOptions;
  kind: 'card' | 'psam';
}

const DEFAULT_USAGE_RIGHT = FMCOS_FREE;
/** Nearest FMCOS byte to "KEY 0F" (the DF master key, follow-up state 1). */
export const DEFAULT_MANAGEMENT_RIGHT = FMCOS_AUTHENTICATED;
const PIN_CHANGE_RIGHT = 0xef;
const DEFAULT_FOLLOW_UP_STATE = 0x01;
const DEFAULT_VERSION = 0x01;
const NO_VERSION = 0xff;
export const ALGORITHMS: readonly Algorithm[] = ['3des', 'sm4'];

function readPsamRef(value: unknown, path: string): { usage: number; id: number } {
  const text = asString(value, path);
  const m = /^([0-9A-Fa-f]{2})\/([0-9A-Fa-f]{2})$/.exec(text);
  if (m === null) throw new ProfileError(path, `expected "usage/id" in hex, e.g. "28/14", got "${text}"`);
  return { usage: Number.parseInt(m[1]!, 16), id: Number.parseInt(m[2]!, 16) };
}

export function readKeys(value: unknown, path: string, ctx: ReadContext): KeySpec[] {
  const list = asArray(value, path);
  const keys: KeySpec[] = [];
  list.forEach((entry, i) => {
    const p = element(path, i);
    const obj = asObject(entry, p);
    onlyKeys(obj, p, [
      'id',
      'type',
      'family',
      'master',
      'psam',
      'usageRight',
      'changeRight',
      'followUpState',
      'version',
      'pin',
    ]);
    const id = asHexByte(obj.id, member(p, 'id'));
    const type = asEnum(obj.type, member(p, 'type'), KEY_TYPES);
    if (keys.some((k) => k.id === id && k.type === type)) {
      throw new ProfileError(member(p, 'id'), 'a key id is unique per type within a DF');
    }
    const usageRight =
      obj.usageRight === undefined ? DEFAULT_USAGE_RIGHT : asHexByte(obj.usageRight, member(p, 'usageRight'));
    if (type === 'pin') {
      for (const key of ['family', 'master', 'psam', 'changeRight', 'version']) {
        if (obj[key] !== undefined)
          throw new ProfileError(member(p, key), 'not for a PIN (its value is options.pin)');
      }
      const followUpState =
        obj.followUpState === undefined
          ? DEFAULT_FOLLOW_UP_STATE
          : asHexByte(obj.followUpState, member(p, 'followUpState'));
      const own = obj.pin === undefined ? null : readPinOption(obj.pin, member(p, 'pin'));
      keys.push({
        id,
        type,
        family: null,
        master: null,
        usageRight,
        changeRight: PIN_CHANGE_RIGHT,
        followUpState,
        tries: own?.tries ?? ctx.options.pin.tries,
        pinValue: own?.value ?? null,
        psam: null,
        path: p,
      });
      return;
    }
    if (obj.pin !== undefined) throw new ProfileError(member(p, 'pin'), 'only a PIN key has a PIN value');
    const family = asEnum(obj.family, member(p, 'family'), ['ministry', 'province'] as const) as KeyFamily;
    const master = asString(obj.master, member(p, 'master'));
    const psam = obj.psam === undefined ? null : readPsamRef(obj.psam, member(p, 'psam'));
    if (psam !== null && usageLevels(psam.usage) !== (family === 'ministry' ? 2 : 1)) {
      throw new ProfileError(
        member(p, 'psam'),
        `usage ${hexByte(psam.usage)} has ${usageLevels(psam.usage)} diversification level(s); a ${family} key has ${family === 'ministry' ? 2 : 1}`,
      );
    }
    const changeRight =
      obj.changeRight === undefined
        ? DEFAULT_MANAGEMENT_RIGHT
        : asHexByte(obj.changeRight, member(p, 'changeRight'));
    let followUpState: number;
    let tries: number;
    if (type === 'external-auth') {
      if (obj.version !== undefined)
        throw new ProfileError(
          member(p, 'version'),
          'an external-authentication key has a follow-up state, not a version',
        );
      followUpState =
        obj.followUpState === undefined
          ? DEFAULT_FOLLOW_UP_STATE
          : asHexByte(obj.followUpState, member(p, 'followUpState'));
      tries = ctx.options.keyTries;
    } else if (type === 'line-protection' || type === 'pin-unblock' || type === 'pin-reload') {
      for (const key of ['version', 'followUpState']) {
        if (obj[key] !== undefined)
          throw new ProfileError(member(p, key), `the ${type} key layout has FF here (09-perso.md)`);
      }
      followUpState = NO_VERSION;
      tries = ctx.options.keyTries;
    } else {
      if (obj.followUpState !== undefined)
        throw new ProfileError(member(p, 'followUpState'), `a ${type} key has a version`);
      followUpState =
        obj.version === undefined ? DEFAULT_VERSION : asHexByte(obj.version, member(p, 'version'));
      tries = 0;
    }
    keys.push({
      id,
      type,
      family,
      master,
      usageRight,
      changeRight,
      followUpState,
      tries,
      pinValue: null,
      psam,
      path: p,
    });
  });
  return keys;
}

export function readPsamKeys(value: unknown, path: string, ctx: ReadContext): PsamKeySpec[] {
  const out: PsamKeySpec[] = [];
  asArray(value, path).forEach((entry, i) => {
    const p = element(path, i);
    const obj = asObject(entry, p);
    onlyKeys(obj, p, ['usage', 'id', 'master', 'version', 'algorithm']);
    const usage = asHexByte(obj.usage, member(p, 'usage'));
    const id = asHexByte(obj.id, member(p, 'id'));
    if (usageLevels(usage) > 3)
      throw new ProfileError(member(p, 'usage'), 'at most 3 diversification levels');
    if (out.some((k) => k.usage === usage && k.id === id)) throw new ProfileError(p, 'usage/id used twice');
    out.push({
      usage,
      id,
      algorithm:
        obj.algorithm === undefined
          ? ctx.algorithm
          : asEnum(obj.algorithm, member(p, 'algorithm'), ALGORITHMS),
      version: obj.version === undefined ? DEFAULT_VERSION : asHexByte(obj.version, member(p, 'version')),
      master: asString(obj.master, member(p, 'master')),
      path: p,
    });
  });
  return out;
}
