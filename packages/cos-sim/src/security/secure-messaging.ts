/**
 * The card's side of line protection (04-crypto.md "Line-protection MAC"): checking command
 * MACs and signing `+SM` read responses, with the profile's algorithm and SM4 truncation.
 * All cryptography comes from @ssc-cos/apdu-codec/crypto.
 */
import { type MacTruncation, responseMac, verifyCommandMac } from '@ssc-cos/apdu-codec/crypto';
import type { Command } from '../engine/handler.js';
import type { CardImage, KeyObject } from '../image/types.js';

export function macTruncation(image: CardImage): MacTruncation {
  return image.algorithm === 'sm4' ? image.options.sm4MacTruncation : 'left4';
}

/** Is `dataWithMac` (the received data field, MAC last) right under `key` with the challenge as IV? */
export function commandMacValid(
  image: CardImage,
  key: KeyObject,
  challenge: Uint8Array,
  cmd: Command,
  dataWithMac: Uint8Array,
): boolean {
  return verifyCommandMac(
    image.algorithm,
    key.value,
    challenge,
    cmd.cla,
    cmd.ins,
    cmd.p1,
    cmd.p2,
    dataWithMac,
    macTruncation(image),
  );
}

/** Response data ‖ MAC4, the MAC over the data with the command's challenge as IV. */
export function signResponse(
  image: CardImage,
  key: KeyObject,
  challenge: Uint8Array,
  data: Uint8Array,
): Uint8Array {
  const mac = responseMac(image.algorithm, key.value, challenge, data, macTruncation(image));
  const out = new Uint8Array(data.length + mac.length);
  out.set(data);
  out.set(mac, data.length);
  return out;
}
