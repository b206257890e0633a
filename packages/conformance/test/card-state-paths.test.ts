/**
 * The "left as found" snapshot addresses every DF down its path from the MF: a DF FID is
 * unique among siblings only (ssc-3g: the zone DF01 under the SSSE, the PKI ADF DF01 under DDF1).
 */

import { cipheredPin } from '@ssc-cos/apdu-codec/crypto';
import { buildImage } from '@ssc-cos/cos-sim';
import { PKI_ADF_NAME, PKI_DDF_NAME, pinBcd } from '@ssc-cos/terminal';
import { describe, expect, test } from 'vitest';
import { concatBytes } from '../src/bytes.js';
import { pkiAdminPin } from '../src/catalogue/pki-cases.js';
import { Channel } from '../src/channel/channel.js';
import { TraceLog } from '../src/channel/trace.js';
import { describeProfile } from '../src/description/from-profile.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import { readCardState, stateDifferences } from '../src/state/card-state.js';
import { loadCardProfile } from '../src/targets/open-target.js';
import { SimTarget } from '../src/targets/sim-target.js';

const selectName = (name: Uint8Array): Uint8Array =>
  concatBytes(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, name.length), name);

describe('card state: DFs by path, not by a bare FID', () => {
  const description = describeProfile(loadCardProfile('ssc-3g-sm4'));
  const image = buildImage(loadCardProfile('ssc-3g-sm4'));
  const target = new SimTarget({ card: () => image, psam: null }, { seed: 1, persistent: true });
  const card = new Channel('card', target.card, new TraceLog(false));
  const keys = suiteKeysFor(description)(null);

  test('the zone DF01 and the PKI ADF DDF1/DF01 are read and named apart', async () => {
    const state = await readCardState(card, keys, description);
    expect(state.lifecycle).toMatchObject({ DF01: '9000', DDF1: '9000', 'DDF1/DF01': '9000' });
    expect(state.files['DF01/EF05']).toBeInstanceOf(Array);
    // 0012 exists in the PKI ADF only, and its read rule is FREE.
    expect(state.files['DDF1/DF01/0012']).toEqual([expect.stringMatching(/^[0-9A-F]{132}$/i)]);
    expect(state.files['DF01/0012']).toBeUndefined();
  });

  test('a write to a file of DDF1/DF01 (after the admin PIN) shows in the differences', async () => {
    const before = await readCardState(card, keys, description);
    await card.reset();
    expect((await card.exchange(selectName(PKI_DDF_NAME))).sw).toBe(0x9000);
    expect((await card.exchange(selectName(PKI_ADF_NAME))).sw).toBe(0x9000);
    const r = await card.send(Uint8Array.of(0x00, 0x84, 0x00, 0x00, 0x10));
    const pin = cipheredPin(pinBcd(pkiAdminPin(description).digits), r.data);
    expect((await card.send(concatBytes(Uint8Array.of(0x00, 0x20, 0x01, 0x00, 0x10), pin))).sw).toBe(0x9000);
    expect((await card.exchange(Uint8Array.of(0x00, 0xa4, 0x02, 0x00, 0x02, 0x00, 0x18))).sw).toBe(0x9000);
    expect((await card.exchange(Uint8Array.of(0x00, 0xd6, 0x00, 0x00, 0x02, 0x30, 0x82))).sw).toBe(0x9000);
    const after = await readCardState(card, keys, description);
    expect(stateDifferences(before, after)).toEqual([
      expect.stringMatching(/^DDF1\/DF01\/0018 content: 0000[0-9A-F]* → 3082[0-9A-F]*$/i),
    ]);
  });
});
