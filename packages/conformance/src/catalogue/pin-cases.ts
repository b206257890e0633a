/** 03-security.md §PIN and 02-commands.md VERIFY / CHANGE / RELOAD / UNBLOCK. */
import { encryptLdBlock, macInput, macIv, reloadPinMac } from '@ssc-cos/apdu-codec/crypto';
import { concatBytes, hexWord } from '../bytes.js';
import { pinBytes } from '../description/card-description.js';
import type { ConformanceCase } from '../kit/case.js';
import { NotApplicable } from '../kit/case-errors.js';
import type { Kit } from '../kit/kit.js';
import { triesSw } from '../patterns.js';

const S = '03-security';

async function lockPin(k: Kit): Promise<void> {
  const tries = k.description.pin.tries;
  for (let left = tries - 1; left >= 0; left--)
    await k.expect(k.verifyApdu(k.wrongPin()), triesSw(left), `wrong PIN, ${left} left`);
}

/** RELOAD PIN (80 5E 00 00, newPIN ‖ MAC4) with the SSSE reload key, computed on the host. */
async function reloadPin(k: Kit, digits: string): Promise<number> {
  const key = k.key(k.mf, 0x02);
  if (key.value === null) return k.fail('no reload key value');
  const pin = pinBytes(digits);
  const mac = reloadPinMac(k.description.algorithm, key.value, pin).subarray(0, 4);
  const data = concatBytes(pin, mac);
  return (await k.card.send(concatBytes(Uint8Array.of(0x80, 0x5e, 0x00, 0x00, data.length), data))).sw;
}

/** PIN UNBLOCK (84 24 00 00): encrypted LD block of the new PIN ‖ line MAC, both under the PUK. */
async function unblockPin(k: Kit, digits: string): Promise<number> {
  const key = k.key(k.mf, 0x01);
  if (key.value === null) return k.fail('no PUK value');
  const alg = k.description.algorithm;
  const enc = encryptLdBlock(alg, key.value, pinBytes(digits));
  const r = await k.challenge();
  const mac = await k.keys.lineMac(key, macIv(alg, r), macInput(0x84, 0x24, 0x00, 0x00, enc));
  const data = concatBytes(enc, mac);
  return (await k.card.send(concatBytes(Uint8Array.of(0x84, 0x24, 0x00, 0x00, data.length), data))).sw;
}

/**
 * Before a real card's PIN is locked: the command that must bring it back works now (with the
 * same PIN it changes nothing but the counter, which is full already), else the case is n/a.
 */
async function proveWayBack(
  k: Kit,
  what: string,
  restore: (k: Kit, digits: string) => Promise<number>,
): Promise<void> {
  const sw = await restore(k, k.description.pin.digits);
  if (sw !== 0x9000)
    throw new NotApplicable(
      `${what} answered ${hexWord(sw)} before any try was spent: the PIN could not be restored`,
    );
}

function changePin(from: string, to: string): Uint8Array {
  const data = concatBytes(pinBytes(from), Uint8Array.of(0xff), pinBytes(to));
  return concatBytes(Uint8Array.of(0x80, 0x5e, 0x01, 0x00, data.length), data);
}

export const pinCases: ConformanceCase[] = [
  {
    id: `${S}/pin/countdown`,
    clause: `${S} §PIN (wrong → 63Cx, right restores; VERIFY without data spends nothing)`,
    title: 'wrong PINs count down with 63Cx; the right PIN restores the counter',
    tags: ['destructive'],
    async run(k) {
      const tries = k.description.pin.tries;
      await k.provePinRestorable();
      await k.selectMf();
      await k.expect('00200000', triesSw(tries), 'VERIFY without data');
      for (let left = tries - 1; left >= 1; left--)
        await k.expect(k.verifyApdu(k.wrongPin()), triesSw(left), 'wrong PIN');
      await k.expect('00200000', triesSw(1), 'VERIFY without data spends nothing');
      await k.expect(k.verifyApdu(k.description.pin.digits), '9000', 'right PIN');
      await k.expect('00200000', triesSw(tries), 'counter restored');
    },
  },
  {
    id: `${S}/pin/lock-and-reload`,
    clause: `${S} §PIN (try leaving 0 → 63C0, then 6983; RELOAD PIN restores)`,
    title: 'the PIN locks at the limit, answers 6983, and RELOAD PIN brings it back',
    tags: ['destructive', 'needs-master-keys'],
    async run(k) {
      k.key(k.mf, 0x02);
      await k.provePinRestorable();
      await k.selectMf();
      // A real card: RELOAD PIN of the same PIN first proves the way back before the PIN is locked.
      if (k.realCard) await proveWayBack(k, 'RELOAD PIN', reloadPin);
      await lockPin(k);
      await k.expect(k.verifyApdu(k.description.pin.digits), '6983', 'right PIN while locked');
      await k.expect('00200000', '6983', 'VERIFY without data while locked');
      await k.expect(changePin(k.description.pin.digits, '1357'), '6983', 'CHANGE PIN while locked');
      const sw = await reloadPin(k, k.description.pin.digits);
      if (sw !== 0x9000) k.fail(`RELOAD PIN answered ${hexWord(sw)}`);
      await k.expect('00200000', triesSw(k.description.pin.tries), 'counter after RELOAD');
      await k.expect(k.verifyApdu(k.description.pin.digits), '9000', 'PIN after RELOAD');
    },
  },
  {
    id: `${S}/pin/reload-bad-mac`,
    clause: `${S} §PIN (RELOAD needs its key through a MAC)`,
    title: 'RELOAD PIN with a wrong MAC changes nothing',
    tags: ['needs-master-keys'],
    async run(k) {
      k.key(k.mf, 0x02);
      await k.selectMf();
      if (k.realCard) await proveWayBack(k, 'RELOAD PIN', reloadPin);
      const data = concatBytes(pinBytes('111111'), Uint8Array.of(0, 0, 0, 0));
      await k.expect(
        concatBytes(Uint8Array.of(0x80, 0x5e, 0x00, 0x00, data.length), data),
        '6988',
        'RELOAD with MAC 00000000',
      );
      await k.expect(k.verifyApdu(k.description.pin.digits), '9000', 'old PIN still valid');
      // The wrong MAC spent a try of the reload key (03-security §v2): a right MAC refills it.
      await proveWayBack(k, 'RELOAD PIN', reloadPin);
    },
  },
  {
    id: `${S}/pin/change`,
    clause: `${S} §PIN; 02-commands CHANGE PIN (old ‖ FF ‖ new; wrong old → 63Cx)`,
    title: 'CHANGE PIN needs the old PIN; afterwards only the new PIN verifies',
    tags: ['destructive'],
    async run(k) {
      const old = k.description.pin.digits;
      const fresh = '246810';
      await k.provePinRestorable();
      await k.selectMf();
      await k.expect(
        changePin(k.wrongPin(), fresh),
        triesSw(k.description.pin.tries - 1),
        'CHANGE PIN with a wrong old PIN',
      );
      await k.expect(changePin(old, fresh), '9000', 'CHANGE PIN');
      await k.expect(k.verifyApdu(old), '63C?', 'old PIN after the change');
      await k.expect(k.verifyApdu(fresh), '9000', 'new PIN');
      await k.expect(changePin(fresh, old), '9000', 'change back');
      await k.expect(k.verifyApdu(old), '9000', 'original PIN again');
    },
  },
  {
    id: `${S}/pin/unblock`,
    clause: `${S} §PIN (PIN UNBLOCK sets a new PIN and restores the counter, even when blocked)`,
    title: 'PIN UNBLOCK with the PUK unlocks a locked PIN',
    tags: ['destructive', 'needs-master-keys'],
    async run(k) {
      k.key(k.mf, 0x01);
      await k.provePinRestorable();
      await k.selectMf();
      if (k.realCard) await proveWayBack(k, 'PIN UNBLOCK', unblockPin);
      await lockPin(k);
      const sw = await unblockPin(k, k.description.pin.digits);
      if (sw !== 0x9000) k.fail(`PIN UNBLOCK answered ${hexWord(sw)}`);
      await k.expect('00200000', triesSw(k.description.pin.tries), 'counter after UNBLOCK');
      await k.expect(k.verifyApdu(k.description.pin.digits), '9000', 'PIN after UNBLOCK');
    },
  },
];
