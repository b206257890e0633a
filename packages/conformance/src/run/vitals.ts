/**
 * After each case on a card that cannot be replaced: is the card still usable for the next
 * case? The PIN counter at its maximum and the SSSE active. What the suite can put right it
 * does (a right PIN restores the counter; APPLICATION UNBLOCK with the SSSE line key cancels a
 * loss report); what it cannot is damage, and the runner reports every later case as blocked
 * by the case that caused it rather than failing them one after another.
 */
import { hexWord } from '../bytes.js';
import { Channel } from '../channel/channel.js';
import { TraceLog } from '../channel/trace.js';
import type { CardDescription } from '../description/card-description.js';
import type { SuiteKeys } from '../keys/suite-keys.js';
import { Kit } from '../kit/kit.js';
import type { Target } from '../targets/target.js';

export interface Damage {
  /** The case after which it was found. */
  by: string;
  what: string;
}

/** Null when the card is fine (after repairs), else what is wrong with it. */
export async function checkVitals(
  target: Target,
  description: CardDescription,
  keys: (psam: Channel | null) => SuiteKeys,
): Promise<string | null> {
  const log = new TraceLog(false);
  const psam = target.psam ? new Channel('psam', target.psam, log) : null;
  const k = new Kit({
    card: new Channel('card', target.card, log),
    psam,
    description,
    keys: keys(psam),
    target,
  });
  await target.restore();
  const select = await k.card.exchange(Uint8Array.of(0x00, 0xa4, 0x00, 0x00, 0x02, 0x3f, 0x00));
  if (select.sw === 0x6283) {
    const key = k.mf.keys.find((x) => x.id === 0x03);
    if (!key || !k.keys.has(key)) return 'the SSSE is blocked and the suite has no key to unblock it';
    const sw = await k.applicationUnblock(k.mf);
    if (sw !== 0x9000) return `the SSSE is blocked (APPLICATION UNBLOCK answered ${hexWord(sw)})`;
  } else if (select.sw !== 0x9000) return `SELECT MF answers ${hexWord(select.sw)}`;
  const tries = description.pin.tries;
  const pin = await k.card.send(Uint8Array.of(0x00, 0x20, 0x00, 0x00));
  if (pin.sw === 0x6983) return 'the PIN is blocked (VERIFY → 6983)';
  if ((pin.sw & 0xfff0) !== 0x63c0) return `VERIFY without data answers ${hexWord(pin.sw)}`;
  if ((pin.sw & 0x0f) < tries) {
    const sw = await k.verifyPin();
    if (sw !== 0x9000)
      return `the PIN counter is at ${pin.sw & 0x0f} of ${tries} and the profile's PIN answers ${hexWord(sw)}`;
  }
  await target.restore();
  return null;
}
