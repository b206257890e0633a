/**
 * Cryptograms and MACs from a PSAM (05-psam.md): the PSAM holds master keys only and derives
 * the card and session keys itself from the factors we send.
 */
import { concatBytes } from '../bytes.js';
import type { Channel } from '../channel/channel.js';
import type { CardDescription, KeyDescription } from '../description/card-description.js';
import { type KeySource, KeyUnavailable } from './key-source.js';

const PSAM_DF01_SELECT = Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x06, 0xd1, 0x56, 0x00, 0x00, 0x05, 0x90);

export class PsamError extends Error {
  constructor(
    readonly sw: number,
    what: string,
  ) {
    super(`PSAM ${what} answered ${sw.toString(16).toUpperCase().padStart(4, '0')}`);
  }
}

export class PsamKeySource implements KeySource {
  readonly kind = 'psam';

  constructor(
    private readonly psam: Channel,
    private readonly card: CardDescription,
  ) {}

  has(key: KeyDescription): boolean {
    return key.psam !== null;
  }

  async sessionCryptogram(key: KeyDescription, challenge: Uint8Array, x: Uint8Array): Promise<Uint8Array> {
    const ref = this.ref(key);
    await this.selectApplication();
    const data = concatBytes(this.factors(key), challenge);
    await this.expectOk(
      concatBytes(Uint8Array.of(0xbf, 0xde, ref.usage, ref.id, data.length), data),
      'SESSION INIT',
    );
    return this.cipher(Uint8Array.of(0x80, 0xfa, 0x00, 0x00, x.length), x, 'CIPHER DATA');
  }

  async lineMac(key: KeyDescription, iv: Uint8Array, message: Uint8Array): Promise<Uint8Array> {
    await this.initDescrypt(key);
    const body = concatBytes(iv, message);
    return this.cipher(Uint8Array.of(0x80, 0xfa, 0x05, 0x00, body.length), body, 'CIPHER DATA (MAC)');
  }

  async encrypt(key: KeyDescription, data: Uint8Array): Promise<Uint8Array> {
    await this.initDescrypt(key);
    return this.cipher(Uint8Array.of(0x80, 0xfa, 0x00, 0x00, data.length), data, 'CIPHER DATA');
  }

  private async initDescrypt(key: KeyDescription): Promise<void> {
    const ref = this.ref(key);
    await this.selectApplication();
    const factors = this.factors(key);
    await this.expectOk(
      concatBytes(Uint8Array.of(0x80, 0x1a, ref.usage, ref.id, factors.length), factors),
      'INIT FOR DESCRYPT',
    );
  }

  /** cardFactor, then cityFactor for a 2-level key (05-psam.md). */
  private factors(key: KeyDescription): Uint8Array {
    return key.levels === 2 ? concatBytes(this.card.cardFactor, this.card.cityFactor) : this.card.cardFactor;
  }

  private ref(key: KeyDescription): { usage: number; id: number } {
    if (key.psam === null) throw new KeyUnavailable(key, 'no PSAM key is known for it');
    return key.psam;
  }

  /** Selected before every operation: targets reset the PSAM between cases. */
  private async selectApplication(): Promise<void> {
    const r = await this.psam.exchange(PSAM_DF01_SELECT);
    if (r.sw !== 0x9000) throw new PsamError(r.sw, 'SELECT DF01');
  }

  private async expectOk(apdu: Uint8Array, what: string): Promise<void> {
    const r = await this.psam.send(apdu);
    if (r.sw !== 0x9000) throw new PsamError(r.sw, what);
  }

  private async cipher(header: Uint8Array, data: Uint8Array, what: string): Promise<Uint8Array> {
    const r = await this.psam.exchange(concatBytes(header, data));
    if (r.sw !== 0x9000) throw new PsamError(r.sw, what);
    return r.data.slice();
  }
}
