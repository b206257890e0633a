/**
 * The terminal's PSAM and the two places of it the terminal goes to (05-psam.md): EF16 under
 * the MF (the terminal number, cn 6) and DF01, whose key table every PSAM operation uses. The
 * key source and the purchase authority are two roles of the same PSAM, so they share one base:
 * they reach it, and answer its terminal number, the same way.
 */
import type { Transport } from '@ssc-cos/apdu-codec';
import { ApduLink, apdu } from './apdu-link.js';

const PSAM_DF01 = Uint8Array.of(0xd1, 0x56, 0x00, 0x00, 0x05, 0x90);

export abstract class PsamRole {
  readonly name = 'PSAM';
  /** PSAM refusals surface as TerminalError with device "psam". */
  protected readonly link: ApduLink;

  constructor(transport: Transport) {
    this.link = new ApduLink(transport, 'psam');
  }

  /** The terminal number in the PSAM's EF16: SELECT MF, `00 B0 96 00 06`. */
  async terminalNumber(): Promise<Uint8Array> {
    await this.link.expect(apdu(0x00, 0xa4, 0x00, 0x00, Uint8Array.of(0x3f, 0x00)), 'SELECT MF');
    return (
      await this.link.expect(apdu(0x00, 0xb0, 0x96, 0x00, undefined, 0x06), 'READ BINARY EF16')
    ).slice();
  }

  /** SELECT DF01 by name: the PSAM's key table becomes current. */
  protected async selectDf01(): Promise<void> {
    await this.link.expect(apdu(0x00, 0xa4, 0x04, 0x00, PSAM_DF01), 'SELECT DF01');
  }
}
