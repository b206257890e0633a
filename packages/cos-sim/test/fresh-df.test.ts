/**
 * FMCOS's fresh-DF rule ([decision] docs/card.md, 09-perso): in a current DF without a key file
 * every access right is met and no +SM MAC is due; once the key file exists the rules apply
 * again — and every DF of a built image has one, so the rule never opens a personalised card.
 */
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import { accessRule } from '../src/image/access-rule.js';
import type { AccessRule, CardImage, DedicatedFile } from '../src/image/types.js';
import { buildImage, builtinProfileNames, loadProfile } from '../src/profile/index.js';
import { toHex } from './helpers/bytes.js';
import { cardImage, GENERATIONS, withEf } from './helpers/images.js';
import { Terminal } from './helpers/terminal.js';

const DF01 = 0xdf01;
const READ_EF05_RECORD_1 = '00B2012C00';

/** The built card with DF01 EF05's rules replaced and, if `fresh`, DF01 back to "no key file yet". */
function variant(image: CardImage, read: AccessRule, write: AccessRule, fresh: boolean): CardImage {
  const changed = withEf(image, DF01, 0xef05, (ef) => ({ ...ef, read, write }));
  if (!fresh) return changed;
  const open = (df: DedicatedFile): DedicatedFile => ({ ...df, keyFile: null, keys: [] });
  return {
    ...changed,
    mf: {
      ...changed.mf,
      children: changed.mf.children.map((c) => (c.type === 'df' && c.fid === DF01 ? open(c) : c)),
    },
  };
}

const NEVER = accessRule('NEVER', 0, false);
const KEY_02_SM = accessRule('KEY', 0x02, true);
const FREE_SM = accessRule('FREE', 0, true);

describe.each(GENERATIONS)('%s card, fresh-DF rule', (gen) => {
  const alg = gen === '2g' ? '3des' : 'sm4';
  const open = (image: CardImage) => {
    const t = new Terminal(new Card(image, { seed: 3 }), alg);
    expect(t.exchange('00A4000002DF01').sw).toBe(0x9000);
    return t;
  };

  test('docs/card.md fresh DF: no key file → READ under NEVER and plain UPDATE under KEY 02 +SM answer 9000', () => {
    const t = open(variant(cardImage(gen), NEVER, KEY_02_SM, true));
    const read = t.exchange(READ_EF05_RECORD_1);
    expect(read.sw).toBe(0x9000);
    const updated = read.data.slice();
    updated[2] = updated[2]! ^ 0x01;
    const lc = toHex(Uint8Array.of(updated.length));
    expect(t.sw(`00DC012C${lc}${toHex(updated)}`)).toBe('9000');
    expect(toHex(t.exchange(READ_EF05_RECORD_1).data)).toBe(toHex(updated));
  });

  test('03-security: the same rules with the key file present → 6982 (NEVER, KEY 02 not met)', () => {
    const t = open(variant(cardImage(gen), NEVER, KEY_02_SM, false));
    expect(t.sw(READ_EF05_RECORD_1)).toBe('6982');
    expect(t.sw('00DC012C020100')).toBe('6982'); // refused at step 8, before the data are looked at
  });

  test('03-security +SM: with the key file present a plain write under FREE +SM → 6987; fresh → 9000', () => {
    const kept = open(variant(cardImage(gen), FREE_SM, FREE_SM, false));
    const fresh = open(variant(cardImage(gen), FREE_SM, FREE_SM, true));
    // DF01 EF05 record 1 written back unchanged: only the MAC requirement differs.
    const record = fresh.exchange(READ_EF05_RECORD_1);
    expect(record.sw).toBe(0x9000);
    expect(kept.sw(READ_EF05_RECORD_1)).toBe('6987');
    const update = `00DC012C${toHex(Uint8Array.of(record.data.length))}${toHex(record.data)}`;
    expect(kept.sw(update)).toBe('6987');
    expect(fresh.sw(update)).toBe('9000');
  });
});

describe('fresh-DF rule after personalisation', () => {
  test.each(builtinProfileNames())('09-perso: every DF of the built %s image has a key file', (name) => {
    const withoutKeyFile: string[] = [];
    const walk = (df: DedicatedFile) => {
      if (df.keyFile === null) withoutKeyFile.push(df.fid.toString(16).toUpperCase());
      for (const c of df.children) if (c.type === 'df') walk(c);
    };
    walk(buildImage(loadProfile(name)).mf);
    expect(withoutKeyFile).toEqual([]);
  });
});
