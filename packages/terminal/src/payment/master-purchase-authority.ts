/**
 * MAC1 and the MAC2 check from the DPK master on a host — what an encryption machine (加密机)
 * does in the iDoDebit_HSM flow (12-payment.md "Terminal interface"): DPK_card = DIV(master,
 * card factor) (province family, 04-crypto.md), SESPK, MAC1 with the terminal id it is given.
 * Its terminal SN is `0000 ‖ offline counter` [decision of 12-payment: a host keeps no PSAM
 * counter]; `terminalSn` overrides it.
 */
import {
  diversify,
  equalBytes,
  purchaseMac1,
  purchaseMac2,
  purchaseSessionKey,
} from '@ssc-cos/apdu-codec/crypto';
import type { Mac1, Mac1Request, PurchaseAuthority } from './purchase-authority.js';

export class MasterPurchaseAuthority implements PurchaseAuthority {
  readonly name = 'encryption machine';
  private last: { sessionKey: Uint8Array; request: Mac1Request } | null = null;

  constructor(
    private readonly dpkMaster: Uint8Array,
    private readonly id: Uint8Array,
    private readonly terminalSn?: (request: Mac1Request) => Uint8Array,
  ) {}

  async terminalId(): Promise<Uint8Array> {
    return this.id;
  }

  async mac1(r: Mac1Request): Promise<Mac1> {
    const terminalSn =
      this.terminalSn?.(r) ?? Uint8Array.of(0, 0, r.offlineCounter[0]!, r.offlineCounter[1]!);
    const dpk = diversify(r.algorithm, this.dpkMaster, r.cardFactor);
    const sessionKey = purchaseSessionKey(r.algorithm, dpk, r.random, r.offlineCounter, terminalSn);
    this.last = { sessionKey, request: r };
    const mac1 = purchaseMac1(r.algorithm, sessionKey, {
      amount: r.amount,
      type: r.type,
      terminalId: this.id,
      terminalSn,
      date: r.date,
      time: r.time,
    });
    return { terminalSn, mac1 };
  }

  async checkMac2(mac2: Uint8Array): Promise<boolean> {
    if (this.last === null) return false;
    const { sessionKey, request } = this.last;
    return equalBytes(purchaseMac2(request.algorithm, sessionKey, request), mac2);
  }
}
