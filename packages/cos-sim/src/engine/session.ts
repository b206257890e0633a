/**
 * What the card forgets on reset (03-security.md "Security status"): current DF and EF, PIN
 * and key authentication, FMCOS state registers, the pending challenge, pending GET RESPONSE
 * data, the record pointer and (PSAM) the working key. Everything persistent lives in the CardImage instead.
 *
 * The current DF is held as the chain of DF objects from the MF down (`dfPath`), so handlers
 * reach the current DF and its ancestors without a lookup. Because a write replaces the image
 * root (copy-on-write), `rebind` re-walks that chain by FID after every commit.
 */
import type { CardImage, DedicatedFile, ElementaryFile } from '../image/types.js';
import type { PendingTransaction } from '../passbook/pending-transaction.js';
import type { PsamPurchase } from '../passbook/psam-purchase-session.js';
import type { WorkingKey } from './working-key.js';

export class Session {
  /** MF first, current DF last. Never empty. */
  dfPath: DedicatedFile[];
  currentEf: ElementaryFile | null = null;
  pinVerified = false;
  /**
   * 03-security.md §v2: a PIN key of the current DF itself (not the SSSE's) was verified; it
   * meets only this DF's PIN rules and is forgotten on any DF selection.
   */
  localPinVerified = false;
  /** External-authentication key ids that succeeded in the current DF. */
  readonly authKeys = new Set<number>();
  /** FMCOS 4-bit security state registers. */
  mfRegister = 0;
  dfRegister = 0;
  /** GET CHALLENGE result, valid for the next command only. */
  challenge: Uint8Array | null = null;
  /** T=0 response data waiting for GET RESPONSE. */
  pending: Uint8Array | null = null;
  /**
   * What the running command found when it arrived: `challenge` and `pending` are taken off at
   * once (`takeForCommand`), because the challenge serves the next command only and any command
   * other than a successful GET RESPONSE breaks the pending data (02-commands.md).
   */
  commandChallenge: Uint8Array | null = null;
  commandPending: Uint8Array | null = null;
  /** Index of the record last read or written in the current EF (identifier addressing), -1 if none. */
  recordPointer = -1;
  /** PSAM: the key CIPHER DATA works under (05-psam.md); forgotten on reset and DF selection. */
  workingKey: WorkingKey | null = null;
  /**
   * 12-payment: what INITIALIZE FOR PURCHASE/LOAD left for the DEBIT/CREDIT that must come next;
   * taken off by every command (`commandTransaction`), given back only across a GET RESPONSE.
   */
  transaction: PendingTransaction | null = null;
  commandTransaction: PendingTransaction | null = null;
  /** PSAM, 12-payment: SESPK of the last MAC1, for the MAC2 check. */
  psamPurchase: PsamPurchase | null = null;
  /**
   * 11-pki: the public-key EF that `80 C9 82 00` named, for the `80 C9 82 80` that reads it;
   * forgotten on reset and DF selection.
   */
  pkiPublicKeyFid: number | null = null;
  /** 11-pki: the SM4 key of `80 4A` (LOAD SM4 KEY) for the encryption key-pair writes. */
  pkiSessionKey: Uint8Array | null = null;

  constructor(image: CardImage) {
    this.dfPath = [image.mf];
  }

  /** Power-on / reset state: MF current, nothing authenticated, nothing pending. */
  clear(image: CardImage): void {
    this.dfPath = [image.mf];
    this.currentEf = null;
    this.pinVerified = false;
    this.localPinVerified = false;
    this.authKeys.clear();
    this.mfRegister = 0;
    this.dfRegister = 0;
    this.challenge = null;
    this.pending = null;
    this.commandChallenge = null;
    this.commandPending = null;
    this.recordPointer = -1;
    this.workingKey = null;
    this.transaction = null;
    this.commandTransaction = null;
    this.psamPurchase = null;
    this.pkiPublicKeyFid = null;
    this.pkiSessionKey = null;
  }

  /** A command arrived: it alone may use the challenge and the pending data (see `commandChallenge`). */
  takeForCommand(): void {
    this.commandChallenge = this.challenge;
    this.challenge = null;
    this.commandPending = this.pending;
    this.pending = null;
    this.commandTransaction = this.transaction;
    this.transaction = null;
  }

  get currentDf(): DedicatedFile {
    return this.dfPath[this.dfPath.length - 1]!;
  }

  /**
   * Makes `path` (MF first) the current DF: no current EF, DF authentication and the PSAM
   * working key emptied (even for the same DF).
   */
  enterDf(path: DedicatedFile[]): void {
    this.dfPath = path;
    this.currentEf = null;
    this.recordPointer = -1;
    this.workingKey = null;
    this.localPinVerified = false;
    this.authKeys.clear();
    this.dfRegister = 0;
    if (path.length === 1) this.mfRegister = 0;
    this.pkiPublicKeyFid = null;
    this.pkiSessionKey = null;
  }

  selectEf(ef: ElementaryFile): void {
    if (ef !== this.currentEf) this.recordPointer = -1;
    this.currentEf = ef;
  }

  /** Re-resolves the current DF chain and EF in a new image (after a commit) by FID. */
  rebind(image: CardImage): void {
    const path: DedicatedFile[] = [image.mf];
    for (let i = 1; i < this.dfPath.length; i++) {
      const fid = this.dfPath[i]!.fid;
      const parent = path[i - 1]!;
      const next = parent.children.find((c): c is DedicatedFile => c.type === 'df' && c.fid === fid);
      if (!next) break;
      path.push(next);
    }
    this.dfPath = path;
    if (this.currentEf) {
      const fid = this.currentEf.fid;
      this.currentEf =
        path[path.length - 1]!.children.find((c): c is ElementaryFile => c.type !== 'df' && c.fid === fid) ??
        null;
    }
  }
}
