/**
 * MAC1 and the MAC2 check from the terminal's PSAM (12-payment.md "PSAM"): SELECT DF01,
 * `80 70 00 00 1C` → terminal SN ‖ MAC1, `80 72 00 00 04 MAC2`. A PSAM without the purchase
 * key refuses with 9403 (TerminalError, device "psam").
 */
import { concatBytes } from '@ssc-cos/apdu-codec';
import { algorithmByte } from '@ssc-cos/apdu-codec/crypto';
import { apdu } from '../apdu-link.js';
import { PsamRole } from '../psam-files.js';
import type { Mac1, Mac1Request, PurchaseAuthority } from './purchase-authority.js';

const SW_MAC_INVALID = 0x9302;

export class PsamPurchaseAuthority extends PsamRole implements PurchaseAuthority {
  /** The PSAM's terminal number (EF16) is the terminal id. */
  terminalId(): Promise<Uint8Array> {
    return this.terminalNumber();
  }

  async mac1(r: Mac1Request): Promise<Mac1> {
    await this.selectDf01();
    const data = concatBytes(
      r.random,
      r.offlineCounter,
      r.amount,
      Uint8Array.of(r.type),
      r.date,
      r.time,
      Uint8Array.of(r.keyVersion, algorithmByte(r.algorithm)),
      r.cardFactor,
    );
    const out = await this.link.expect(apdu(0x80, 0x70, 0x00, 0x00, data, 0x08), 'INIT SAM FOR PURCHASE');
    return { terminalSn: out.slice(0, 4), mac1: out.slice(4, 8) };
  }

  async checkMac2(mac2: Uint8Array): Promise<boolean> {
    const r = await this.link.send(apdu(0x80, 0x72, 0x00, 0x00, mac2));
    if (r.sw === 0x9000) return true;
    if (r.sw === SW_MAC_INVALID) return false;
    await this.link.expect(apdu(0x80, 0x72, 0x00, 0x00, mac2), 'CREDIT SAM FOR PURCHASE');
    return false;
  }
}
