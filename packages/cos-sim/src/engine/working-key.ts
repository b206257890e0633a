/**
 * The PSAM's working key (05-psam.md): session state set by INIT FOR DESCRYPT or SESSION INIT
 * and used by CIPHER DATA. It lives in the engine's Session (`workingKey`), which forgets it on
 * reset and on any SELECT of a DF (even the same one) — never in the image.
 */
import type { Algorithm } from '@ssc-cos/apdu-codec/crypto';

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
