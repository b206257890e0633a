/**
 * The PSAM's working key (05-psam.md): set by INIT FOR DESCRYPT or SESSION INIT, used by
 * CIPHER DATA, forgotten on reset and on any SELECT of a DF (even the same one).
 *
 * The engine's Session has no slot for it, so it is kept here, keyed by the session's DF-path
 * array: the engine replaces that array on every reset (Session.clear) and DF selection
 * (Session.enterDf), so a key stored under the old array is simply never found again (and is
 * garbage-collected with it). A commit also replaces the array (Session.rebind), which would
 * drop the key too; PSAM commands write nothing, so that never happens between INIT and CIPHER.
 */
import type { Algorithm } from '@ssc-cos/apdu-codec/crypto';
import type { Session } from '../engine/session.js';
import type { DedicatedFile } from '../image/types.js';

export interface WorkingKey {
  /** The derived card key (INIT FOR DESCRYPT) or session key (SESSION INIT). Never output. */
  readonly value: Uint8Array;
  readonly algorithm: Algorithm;
  /** Key type of the table entry it came from (low 5 bits of the usage byte). */
  readonly keyType: number;
  /** Diversification levels applied to the master (high 3 bits of the usage byte). */
  readonly levels: number;
  /** true when made by SESSION INIT (SK = DIV(K, R)). */
  readonly session: boolean;
}

const workingKeys = new WeakMap<readonly DedicatedFile[], WorkingKey>();

export function workingKeyOf(session: Session): WorkingKey | undefined {
  return workingKeys.get(session.dfPath);
}

export function setWorkingKey(session: Session, key: WorkingKey): void {
  workingKeys.set(session.dfPath, key);
}
