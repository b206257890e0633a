/** Cryptograms and MACs computed on the host from the card keys the suite diversified itself. */
import {
  type Algorithm,
  encryptEcb,
  lineMac,
  type MacTruncation,
  sessionCryptogram,
} from '@ssc-cos/apdu-codec/crypto';
import type { KeyDescription } from '../description/card-description.js';
import { type KeySource, KeyUnavailable } from './key-source.js';

export class MasterKeySource implements KeySource {
  readonly kind = 'master-keys';

  constructor(
    private readonly alg: Algorithm,
    private readonly truncation: MacTruncation = 'left4',
  ) {}

  has(key: KeyDescription): boolean {
    return key.value !== null;
  }

  async sessionCryptogram(key: KeyDescription, challenge: Uint8Array, x: Uint8Array): Promise<Uint8Array> {
    return sessionCryptogram(this.alg, this.value(key), challenge, x);
  }

  async lineMac(key: KeyDescription, iv: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
    return lineMac(this.alg, this.value(key), iv, message, this.truncation);
  }

  async encrypt(key: KeyDescription, data: Uint8Array): Promise<Uint8Array> {
    return encryptEcb(this.alg, this.value(key), data);
  }

  private value(key: KeyDescription): Uint8Array {
    if (key.value === null) throw new KeyUnavailable(key, 'the profile gives no master key for it');
    return key.value;
  }
}
