import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Card } from '../../src/card.js';
import type { CardImage } from '../../src/image/types.js';
import { blankChipFor } from '../../src/perso/blank-chip.js';
import { persoScriptLines } from '../../src/perso/script.js';
import { BUILTIN_PROFILE_DIR, buildImage, loadProfile, validateProfile } from '../../src/profile/index.js';
import { serializeImage } from '../../src/state/serialize.js';

const hex = (b: Uint8Array): string => Buffer.from(b).toString('hex').toUpperCase();

/** Runs a script on a card; returns the first APDU not answered 9000 / 61xx, or null. */
function run(card: Card, lines: string[]): string | null {
  for (const line of lines) {
    if (line.startsWith('#')) continue;
    const status = hex(card.transmit(Uint8Array.from(Buffer.from(line, 'hex')))).slice(-4);
    if (status !== '9000' && !status.startsWith('61')) return `${line} → ${status}`;
  }
  return null;
}

function personalise(image: CardImage): Card {
  const card = new Card(blankChipFor(image));
  card.powerOn();
  expect(run(card, persoScriptLines(image))).toBeNull();
  return card;
}

describe('personalisation round trip (09-perso: the simulator accepts the script and ends with the same image)', () => {
  it.each(['ssc-2g-des', 'ssc-3g-sm4', 'ssc-3g-des'])(
    '09-perso: %s — blank chip + perso script = buildImage, byte for byte',
    (name) => {
      const image = buildImage(loadProfile(name));
      const card = personalise(image);
      expect(serializeImage(card.image)).toBe(serializeImage(image));
    },
  );

  it('09-perso: another serial gives another script (its keys) and still the same image as buildImage', () => {
    const image = buildImage(loadProfile('ssc-2g-des'), { serial: '261122000777' });
    expect(serializeImage(personalise(image).image)).toBe(serializeImage(image));
  });

  it('09-perso: transparent data in chunks, fixed records, EFs without SFI, FMCOS rules, a nested DF issued blocked', () => {
    const json = JSON.parse(readFileSync(`${BUILTIN_PROFILE_DIR}ssc-3g-sm4.json`, 'utf8'));
    json.files.EF07.data = { enc: 'b', value: 'AB'.repeat(600) };
    json.files.DF02.EF09 = {
      structure: 'fixed',
      read: 'FMCOS F0',
      write: 'FMCOS F1',
      maxRecords: 3,
      recordLength: 4,
      records: [
        { enc: 'b', value: '01020304' },
        { enc: 'an', value: 'abcd' },
      ],
    };
    json.files.DF02.DF21 = {
      structure: 'df',
      name: { enc: 'an', value: 'NESTED-DF' },
      lifecycle: 'temporarily-blocked',
      EF01: {
        structure: 'transparent',
        read: 'FREE',
        write: 'NEVER',
        size: 8,
        data: { enc: 'an', value: 'x' },
      },
    };
    const image = buildImage(validateProfile(json));
    expect(serializeImage(personalise(image).image)).toBe(serializeImage(image));
  });
});

describe('personalisation script (09-perso)', () => {
  it('09-perso: the script is APDUs and comments only; the master key 0F is the last key of every DF', () => {
    const lines = persoScriptLines(buildImage(loadProfile('ssc-3g-sm4')));
    for (const line of lines) expect(line).toMatch(/^(# .*|(?:[0-9A-F]{2}){5,})$/);
    const keyIds: string[] = [];
    for (const line of lines) {
      if (line.startsWith('80E0') && line.slice(10, 12) === '3F') keyIds.push('|');
      if (line.startsWith('80D401')) keyIds.push(line.slice(6, 8));
    }
    expect(keyIds.join(' ')).toBe(
      // zones DF01–DF04 and DF07 (issue 10 zone catalogue), the PKI ADF and DDF, then the MF
      [
        '01 02 03 0F',
        '01 02 03 0F',
        '01 02 03 0F',
        '01 01 01 01 02 03 0F', // DF04: DTK, RK, DPK, DLK (12-payment), then 02 03 0F
        '01 02 03 0F',
        '01 0F', // the PKI ADF (11-pki): the admin PIN, then its master key
        '0F', // the PKI DDF
        '00 01 02 03 04 05 07 0D 0F',
      ]
        .map((k) => `| ${k}`)
        .join(' '),
    );
    // DF04 is issued temporarily blocked by the vendor E2 form, from the MF, before the MF keys.
    const issue = lines.indexOf('80E0DF0403E20101');
    expect(issue).toBeGreaterThan(0);
    expect(lines.findIndex((l) => l.startsWith('80D401') && l.slice(6, 8) === '00')).toBeGreaterThan(issue);
  });

  it('09-perso: a PSAM profile has no perso script (its key table has no WRITE KEY layout)', () => {
    expect(() => persoScriptLines(buildImage(loadProfile('psam-hospital')))).toThrow(/card profiles only/);
  });
});
