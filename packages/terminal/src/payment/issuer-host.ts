/**
 * The issuer's host (12-payment.md): loads are online, so the host holding the DLK master
 * checks the card's MAC1 of INITIALIZE FOR LOAD and answers the MAC2 for CREDIT FOR LOAD; with
 * the DTK master it verifies any TAC the card produced (purchase or load), e.g. at settlement.
 * Card keys are province keys: K = DIV(master, card factor) (04-crypto.md).
 */
import {
  type Algorithm,
  diversify,
  equalBytes,
  type LoadFields,
  loadMac1,
  loadMac2,
  loadSessionKey,
  loadTac,
  type PurchaseFields,
  purchaseTac,
} from '@ssc-cos/apdu-codec/crypto';

export interface HostMasters {
  /** MP-DLK-DF04: needed to authorise loads. */
  readonly dlk?: Uint8Array;
  /** MP-DTK-DF04: needed to verify TACs. */
  readonly dtk?: Uint8Array;
}

/** What INITIALIZE FOR LOAD answered, and the load it was asked for. */
export interface LoadRequest extends LoadFields {
  readonly algorithm: Algorithm;
  readonly cardFactor: Uint8Array;
  readonly balanceBefore: Uint8Array;
  readonly onlineCounter: Uint8Array;
  readonly random: Uint8Array;
  readonly cardMac1: Uint8Array;
}

export class IssuerHost {
  constructor(private readonly masters: HostMasters) {}

  /** MAC2 authorising the load, or null when the card's MAC1 does not verify (not a genuine card). */
  authoriseLoad(r: LoadRequest): Uint8Array | null {
    const dlk = this.cardKey(this.masters.dlk, 'DLK', r.algorithm, r.cardFactor);
    const sessionKey = loadSessionKey(r.algorithm, dlk, r.random, r.onlineCounter);
    if (!equalBytes(loadMac1(r.algorithm, sessionKey, r.balanceBefore, r), r.cardMac1)) return null;
    return loadMac2(r.algorithm, sessionKey, r);
  }

  verifyPurchaseTac(alg: Algorithm, cardFactor: Uint8Array, f: PurchaseFields, tac: Uint8Array): boolean {
    return equalBytes(purchaseTac(alg, this.cardKey(this.masters.dtk, 'DTK', alg, cardFactor), f), tac);
  }

  verifyLoadTac(
    alg: Algorithm,
    cardFactor: Uint8Array,
    balanceAfter: Uint8Array,
    onlineCounter: Uint8Array,
    f: LoadFields,
    tac: Uint8Array,
  ): boolean {
    const dtk = this.cardKey(this.masters.dtk, 'DTK', alg, cardFactor);
    return equalBytes(loadTac(alg, dtk, balanceAfter, onlineCounter, f), tac);
  }

  private cardKey(
    master: Uint8Array | undefined,
    name: string,
    alg: Algorithm,
    factor: Uint8Array,
  ): Uint8Array {
    if (master === undefined) throw new Error(`the issuer host has no ${name} master`);
    return diversify(alg, master, factor);
  }
}
