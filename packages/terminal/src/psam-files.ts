/**
 * The two places of a PSAM the terminal goes to (05-psam.md): EF16 under the MF (the terminal
 * number, cn 6) and DF01, whose key table every PSAM operation uses. Both the key source and
 * the purchase authority talk to the same PSAM, so they reach them the same way.
 */
import { type ApduLink, apdu } from './apdu-link.js';

const PSAM_DF01 = Uint8Array.of(0xd1, 0x56, 0x00, 0x00, 0x05, 0x90);

/** The terminal number in the PSAM's EF16: SELECT MF, `00 B0 96 00 06`. */
export async function readTerminalNumber(link: ApduLink): Promise<Uint8Array> {
  await link.expect(apdu(0x00, 0xa4, 0x00, 0x00, Uint8Array.of(0x3f, 0x00)), 'SELECT MF');
  return (await link.expect(apdu(0x00, 0xb0, 0x96, 0x00, undefined, 0x06), 'READ BINARY EF16')).slice();
}

/** SELECT DF01 by name: the PSAM's key table becomes current. */
export async function selectPsamDf01(link: ApduLink): Promise<void> {
  await link.expect(apdu(0x00, 0xa4, 0x04, 0x00, PSAM_DF01), 'SELECT DF01');
}
