/**
 * PSAMs for the tests: built-in PSAM profiles as in-process cards, the test card's
 * diversification factors (01-card.md) and the spec's master keys, recomputed here from their
 * definition (06-keys.md: first 16 bytes of SHA-256 of "ssc-cos test " + name), never taken
 * from the PSAM image under test.
 */
import { createHash } from 'node:crypto';
import { Card } from '../../src/card.js';
import type { Algorithm, TransportProtocol } from '../../src/image/types.js';
import { buildImage, loadProfile } from '../../src/profile/index.js';
import { hex, toHex } from '../helpers/bytes.js';

export const ALGORITHMS: Algorithm[] = ['3des', 'sm4'];

/** Last 8 ATR bytes of the test card (01-card.md). */
export const CARD_FACTOR = hex('8660261122000001');
/** ASCII "110100" ‖ "sx" (01-card.md). */
export const CITY_FACTOR = hex('3131303130307378');
export const SELECT_DF01 = '00A4040006D15600000590';

export function master(name: string): Uint8Array {
  return Uint8Array.from(createHash('sha256').update(`ssc-cos test ${name}`).digest().subarray(0, 16));
}

export function psam(profile: string, alg: Algorithm, transport: TransportProtocol = 'T0'): Card {
  const image = buildImage(loadProfile(`${profile}@${alg}`));
  const card = new Card(
    transport === image.options.transport ? image : { ...image, options: { ...image.options, transport } },
  );
  card.powerOn();
  return card;
}

export interface Answer {
  data: Uint8Array;
  sw: string;
}

/** One raw exchange. */
export function send(card: Card, apdu: string | Uint8Array): Answer {
  const r = card.transmit(typeof apdu === 'string' ? hex(apdu) : apdu);
  return { data: r.subarray(0, r.length - 2), sw: toHex(r.subarray(r.length - 2)) };
}

/** An exchange with the T=0 follow-up: 61xx → GET RESPONSE. */
export function exchange(card: Card, apdu: string | Uint8Array): Answer {
  const first = send(card, apdu);
  if (!first.sw.startsWith('61')) return first;
  return send(card, `00C00000${first.sw.slice(2)}`);
}

export function apdu(header: string, data: Uint8Array): Uint8Array {
  const h = hex(header);
  const out = new Uint8Array(h.length + 1 + data.length);
  out.set(h);
  out[h.length] = data.length;
  out.set(data, h.length + 1);
  return out;
}
