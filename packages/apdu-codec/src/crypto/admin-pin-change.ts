/**
 * CHANGE of the PKI application's admin PIN (11-pki.md `84 5E 01 00 14`): data =
 * SM4-ECB(CTK, LD ‖ new PIN ‖ 80 00…) ‖ MAC4, MAC = SM4-CBC over the APDU header and the
 * cryptogram with IV = the card's 16-byte challenge, `80` padding, the last block XOR-folded
 * to 4 bytes. CTK = SM3(current admin PIN)[0..16) (docs/pki.md: the change proves knowledge of
 * the current PIN). One implementation for the card and the terminal.
 */
import { pinCipherKey } from './ciphered-pin.js';
import { encryptLdBlock } from './ld-block.js';
import { lineMac, macInput } from './mac.js';

export const ADMIN_PIN_CHANGE_HEADER = Uint8Array.of(0x84, 0x5e, 0x01, 0x00);

/** The 4 MAC bytes of the command carrying `cryptogram`, under the current admin PIN. */
export function adminPinChangeMac(
  currentPinBcd: Uint8Array,
  challenge: Uint8Array,
  cryptogram: Uint8Array,
): Uint8Array {
  const [cla, ins, p1, p2] = ADMIN_PIN_CHANGE_HEADER;
  const input = macInput(cla!, ins!, p1!, p2!, cryptogram);
  return lineMac('sm4', pinCipherKey(currentPinBcd), challenge, input, 'xor-fold');
}

/** The command data (cryptogram ‖ MAC) a terminal sends to set `newPinBcd`. */
export function adminPinChangeData(
  currentPinBcd: Uint8Array,
  newPinBcd: Uint8Array,
  challenge: Uint8Array,
): Uint8Array {
  const cryptogram = encryptLdBlock('sm4', pinCipherKey(currentPinBcd), newPinBcd);
  const mac = adminPinChangeMac(currentPinBcd, challenge, cryptogram);
  const out = new Uint8Array(cryptogram.length + mac.length);
  out.set(cryptogram);
  out.set(mac, cryptogram.length);
  return out;
}
