/**
 * Cryptograms and MACs from a PSAM (05-psam.md). Every operation selects the PSAM's DF01 and
 * loads its working key afresh (INIT FOR DESCRYPT or SESSION INIT), so a PSAM reset or another
 * user of the PSAM between two operations changes nothing. PSAM refusals surface as
 * TerminalError with device "psam" (e.g. 6A88: this PSAM has no key for that zone).
 */
import { concatBytes, hexByte } from '@ssc-cos/apdu-codec';
import { blockSize } from '@ssc-cos/apdu-codec/crypto';
import { apdu } from './apdu-link.js';
import type { CardKeyRef } from './card-keys.js';
import { type CardIdentity, factorsOf, type KeySource } from './key-source.js';
import { PsamRole } from './psam-files.js';

const CIPHER_ENCRYPT = 0x00;
const CIPHER_MAC = 0x05;

export class PsamKeySource extends PsamRole implements KeySource {
  async sessionCryptogram(
    key: CardKeyRef,
    card: CardIdentity,
    challenge: Uint8Array,
    x: Uint8Array,
  ): Promise<Uint8Array> {
    await this.selectDf01();
    const data = concatBytes(...factorsOf(key, card), challenge);
    await this.link.expect(apdu(0xbf, 0xde, key.psam.usage, key.psam.id, data), `SESSION INIT ${ref(key)}`);
    return this.cipher(CIPHER_ENCRYPT, x, key);
  }

  async lineMac(
    key: CardKeyRef,
    card: CardIdentity,
    iv: Uint8Array,
    message: Uint8Array,
  ): Promise<Uint8Array> {
    await this.initForDescrypt(key, card);
    return this.cipher(CIPHER_MAC, concatBytes(iv, message), key);
  }

  async encrypt(key: CardKeyRef, card: CardIdentity, blocks: Uint8Array): Promise<Uint8Array> {
    await this.initForDescrypt(key, card);
    return this.cipher(CIPHER_ENCRYPT, blocks, key);
  }

  /** The PSAM computes the PBOC RELOAD PIN MAC with its PIN-reload key and a zero IV. */
  async reloadPinMac(key: CardKeyRef, card: CardIdentity, newPin: Uint8Array): Promise<Uint8Array> {
    await this.initForDescrypt(key, card);
    return this.cipher(CIPHER_MAC, concatBytes(new Uint8Array(blockSize(card.algorithm)), newPin), key);
  }

  private async initForDescrypt(key: CardKeyRef, card: CardIdentity): Promise<void> {
    await this.selectDf01();
    const factors = concatBytes(...factorsOf(key, card));
    await this.link.expect(
      apdu(0x80, 0x1a, key.psam.usage, key.psam.id, factors),
      `INIT FOR DESCRYPT ${ref(key)}`,
    );
  }

  private async cipher(p1: number, data: Uint8Array, key: CardKeyRef): Promise<Uint8Array> {
    const what = p1 === CIPHER_MAC ? 'CIPHER DATA (MAC)' : 'CIPHER DATA';
    return (await this.link.expect(apdu(0x80, 0xfa, p1, 0x00, data), `${what} ${ref(key)}`)).slice();
  }
}

function ref(key: CardKeyRef): string {
  return `${hexByte(key.psam.usage)}/${hexByte(key.psam.id)}`;
}
