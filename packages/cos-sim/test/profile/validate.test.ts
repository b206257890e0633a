import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ProfileError, validateProfile } from '../../src/profile/index.js';
import { BUILTIN_PROFILE_DIR } from '../../src/profile/load.js';

// biome-ignore lint/suspicious/noExplicitAny: tests edit raw JSON freely
type AnyJson = any;
const builtin = (name: string): AnyJson =>
  JSON.parse(readFileSync(`${BUILTIN_PROFILE_DIR}${name}.json`, 'utf8'));

/** The ProfileError validateProfile throws for `json`, checked to be one. */
function errorOf(json: unknown): ProfileError {
  try {
    validateProfile(json);
  } catch (e) {
    expect(e).toBeInstanceOf(ProfileError);
    return e as ProfileError;
  }
  throw new Error('the profile was accepted');
}

describe('validateProfile: errors name the JSON path and the reason', () => {
  it('01-card: a zone field longer than its length (DF04 EF05 tag 81, an 2)', () => {
    const p = builtin('ssc-2g-des');
    p.files.DF04.EF05.records[0].value = '012';
    expect(errorOf(p).message).toBe('files.DF04.EF05.records[0].value: expected 2 bytes, got 3');
  });

  it('01-card: a GBK name too long for its 30 bytes', () => {
    const p = builtin('ssc-3g-sm4');
    p.files.EF06.records[1].value = '张'.repeat(16);
    expect(errorOf(p).message).toBe('files.EF06.records[1].value: expected 30 bytes, got 32');
  });

  it('03-security: an access rule that is not one', () => {
    const p = builtin('ssc-2g-des');
    p.files.DF01.EF05.read = 'PIN|KEY';
    const e = errorOf(p);
    expect(e.path).toBe('files.DF01.EF05.read');
    expect(e.reason).toMatch(/"PIN\|KEY" is not an access rule/);
  });

  it('03-security: KEY k names an external-authentication key of the DF holding the file', () => {
    const p = builtin('ssc-2g-des');
    p.files.EF07.read = 'KEY 09';
    expect(errorOf(p).message).toBe('files.EF07.read: KEY 09: no external-authentication key 09 in this DF');
    p.files.EF07.read = 'KEY 05'; // 05 is the internal-authentication key
    expect(errorOf(p).reason).toMatch(/no external-authentication key 05/);
  });

  it('03-security: +SM needs the DF line-protection key 03', () => {
    const p = builtin('ssc-2g-des');
    p.files.DF02.keys = p.files.DF02.keys.filter((k: AnyJson) => k.id !== '03');
    p.files.DF02.EF05.write = 'KEY 02 +SM';
    expect(errorOf(p).message).toBe(
      'files.DF02.EF05.write: KEY 02 +SM: +SM needs line-protection key 03 in this DF',
    );
  });

  it('06-keys: a key naming a master the profile does not have', () => {
    const p = builtin('ssc-2g-des');
    p.files.DF02.keys[0].master = 'MP-NOPE';
    expect(errorOf(p).message).toBe('files.DF02.keys[0].master: no master key "MP-NOPE" in masters');
  });

  it('05-psam: a PSAM usage byte must announce the key family levels (ministry = 2)', () => {
    const p = builtin('ssc-2g-des');
    p.files.keys[4].psam = '28/12';
    expect(errorOf(p).message).toBe(
      'files.keys[4].psam: usage 28 has 1 diversification level(s); a ministry key has 2',
    );
  });

  it('profile format: unknown properties, bad enums, bad hex and wrong masters are refused', () => {
    const typo = builtin('ssc-2g-des');
    typo.files.EF05.reed = 'FREE';
    expect(errorOf(typo).message).toBe('files.EF05.reed: unknown property');
    const transport = builtin('ssc-2g-des');
    transport.options.transport = 'T2';
    expect(errorOf(transport).message).toBe('options.transport: expected one of "T0", "T1", got "T2"');
    const master = builtin('ssc-2g-des');
    master.masters['MP-PUK'] = '1221';
    expect(errorOf(master).message).toBe('masters.MP-PUK: expected 16 bytes, got 2');
    expect(errorOf({ ...builtin('ssc-2g-des'), format: 'other' }).path).toBe('format');
    expect(errorOf([]).message).toBe('expected an object, got an array');
  });

  it('09-perso: a DF whose declared space cannot hold its files', () => {
    const p = builtin('ssc-2g-des');
    p.files.DF03.space = 10;
    expect(errorOf(p).message).toMatch(/^files\.DF03\.space: contents need \d+ bytes, space is 10$/);
  });

  it('09-perso: DFs nest at most 3 levels counting the MF', () => {
    const p = builtin('ssc-2g-des');
    p.files.DF01.DF11 = { structure: 'df', DF21: { structure: 'df' } };
    expect(errorOf(p).message).toBe('files.DF01.DF11.DF21: DFs nest at most 3 levels deep (MF included)');
  });

  it('05-psam: a PSAM profile needs its EF 0016 terminal number; a card holds no psamKeys', () => {
    const psam = builtin('psam-hospital');
    delete psam.files['0016'];
    expect(errorOf(psam).path).toBe('files');
    const card = builtin('ssc-2g-des');
    card.files.DF01.psamKeys = [{ usage: '28', id: '11', master: 'MP-RK-DF01' }];
    expect(errorOf(card).message).toBe('files.DF01.psamKeys: only a PSAM profile holds psamKeys');
  });

  it('cyclic records must have exactly the record length', () => {
    const p = builtin('ssc-2g-des');
    p.files.DF02.EF07.records[0].fields.pop();
    expect(errorOf(p).message).toBe('files.DF02.EF07.records[0]: expected 23 bytes, got 20');
  });
});
