/**
 * validateProfile: untrusted JSON (docs/profile.md) → a Profile with every default filled in,
 * every field encoded and every cross-reference checked. Every problem is a ProfileError whose
 * message starts with the JSON path of the offending value.
 */

import { hexByte, hexWord } from '@ssc-cos/apdu-codec';
import { formatAccessRule } from '../image/access-rule.js';
import { MF_FID } from '../image/nodes.js';
import { LINE_PROTECTION_KEY_ID } from '../security/keys.js';
import { ProfileError } from './errors.js';
import { asEnum, asHexBytes, asInteger, asObject, asString, member, onlyKeys } from './json-reader.js';
import { bcdDigits, cardIdentification, terminalNumberFile } from './profile-lookups.js';
import { readDf } from './read-files.js';
import { ALGORITHMS } from './read-keys.js';
import { readMasters, readOptions } from './read-options.js';
import { type DfSpec, isDfSpec, type Profile } from './types.js';

export const PROFILE_FORMAT = 'ssc-cos-profile';

export function validateProfile(json: unknown): Profile {
  const root = asObject(json, '');
  onlyKeys(root, '', [
    '$schema',
    'format',
    'version',
    'name',
    'kind',
    'description',
    'algorithm',
    'atr',
    'options',
    'masters',
    'files',
  ]);
  if (root.format !== PROFILE_FORMAT) {
    throw new ProfileError(
      'format',
      `expected "${PROFILE_FORMAT}", got ${JSON.stringify(root.format ?? null)}`,
    );
  }
  asInteger(root.version, 'version', 1, 1);
  const name = asString(root.name, 'name');
  if (!/^[A-Za-z0-9][A-Za-z0-9._-]*$/.test(name))
    throw new ProfileError('name', 'letters, digits, ".", "_", "-" only');
  const kind = asEnum(root.kind, 'kind', ['card', 'psam'] as const);
  const description = root.description === undefined ? '' : asString(root.description, 'description');
  const algorithm = asEnum(root.algorithm, 'algorithm', ALGORITHMS);

  const atr = asObject(root.atr, 'atr');
  onlyKeys(atr, 'atr', ['prefix', 'serial']);
  const atrPrefix = asHexBytes(atr.prefix, 'atr.prefix', 2, 31);
  const serial = asHexBytes(atr.serial, 'atr.serial', 1, 16);
  if (atrPrefix[0] !== 0x3b && atrPrefix[0] !== 0x3f)
    throw new ProfileError('atr.prefix', 'an ATR starts with 3B or 3F');
  if (atrPrefix.length + serial.length > 33) throw new ProfileError('atr', 'an ATR is at most 33 bytes');

  const masters = readMasters(root.masters);
  const options = readOptions(root.options, algorithm);
  const mf = readDf(asObject(root.files, 'files'), 'files', MF_FID, 1, { algorithm, options, kind });

  const profile: Profile = { name, kind, description, algorithm, atrPrefix, serial, options, masters, mf };
  checkReferences(profile);
  return profile;
}

function walkDfs(df: DfSpec, visit: (df: DfSpec) => void): void {
  visit(df);
  for (const child of df.children) if (isDfSpec(child)) walkDfs(child, visit);
}

function checkReferences(profile: Profile): void {
  const mfHasPin = profile.mf.keys.some((k) => k.type === 'pin');
  let usesMinistry = false;
  walkDfs(profile.mf, (df) => {
    // 12-payment: the TAC key is the passbook's (perso writes it as type 34, read back as 'tac'
    // only where a passbook is), and a passbook cannot prove a transaction without one.
    const tac = df.keys.find((k) => k.type === 'tac');
    if (tac !== undefined && df.passbook === null)
      throw new ProfileError(member(tac.path, 'type'), 'a tac key belongs to a DF with a passbook');
    if (df.passbook !== null && tac === undefined)
      throw new ProfileError(member(df.path, 'passbook'), 'a passbook needs a tac key (DTK) in its DF');
    for (const key of df.keys) {
      if (key.master !== null && profile.masters[key.master] === undefined) {
        throw new ProfileError(member(key.path, 'master'), `no master key "${key.master}" in masters`);
      }
      if (key.family === 'ministry') usesMinistry = true;
    }
    for (const key of df.psamKeys) {
      if (profile.masters[key.master] === undefined) {
        throw new ProfileError(member(key.path, 'master'), `no master key "${key.master}" in masters`);
      }
    }
    for (const child of df.children) {
      if (isDfSpec(child)) continue;
      for (const right of ['read', 'write'] as const) {
        const rule = child[right];
        const where = member(member(df.path, hexWord(child.fid)), right);
        const text = formatAccessRule(rule);
        if ((rule.kind === 'PIN' || rule.kind === 'PIN|KEY' || rule.kind === 'PIN+KEY') && !mfHasPin) {
          throw new ProfileError(where, `${text}: the MF has no PIN`);
        }
        if (rule.key !== undefined && !df.keys.some((k) => k.id === rule.key && k.type === 'external-auth')) {
          throw new ProfileError(
            where,
            `${text}: no external-authentication key ${hexByte(rule.key)} in this DF`,
          );
        }
        if (
          rule.sm &&
          !df.keys.some((k) => k.id === LINE_PROTECTION_KEY_ID && k.type === 'line-protection')
        ) {
          throw new ProfileError(where, `${text}: +SM needs line-protection key 03 in this DF`);
        }
      }
    }
  });
  if (usesMinistry || profile.options.cardFactor === 'card-id-last8') {
    const cardId = cardIdentification(profile.mf);
    if (profile.options.cardFactor === 'card-id-last8' && (cardId === null || cardId.length < 8)) {
      throw new ProfileError(
        'options.cardFactor',
        'card-id-last8 needs record 01 (≥ 8 bytes) in the MF EF with SFI 05',
      );
    }
    if (usesMinistry && profile.options.region === null) {
      const digits = cardId === null ? null : bcdDigits(cardId.subarray(0, 3));
      if (digits === null) {
        throw new ProfileError(
          'options.region',
          'ministry keys need a region: set it, or give the MF EF05 a record 01 starting with the region code (cn 3)',
        );
      }
    }
  }
  if (profile.kind === 'psam') {
    const ef16 = terminalNumberFile(profile.mf);
    if (ef16 === null)
      throw new ProfileError(
        'files',
        'a PSAM needs a transparent EF with SFI 16, 6 bytes, holding the terminal number',
      );
  }
}
