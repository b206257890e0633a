/**
 * The terminal side for tests: send hex APDUs, authenticate with keys derived from the master
 * keys of 06-keys.md (never from the card image), build line-protected commands.
 */
import {
  type Algorithm,
  encryptLdBlock,
  protectCommand,
  reloadPinMac,
  sessionCryptogram,
} from '@ssc-cos/apdu-codec/crypto';
import type { Card } from '../../src/card.js';
import { concat, dataOf, hex, sw, toHex } from './bytes.js';

export class Terminal {
  constructor(
    readonly card: Card,
    readonly alg: Algorithm,
  ) {}

  get blockSize(): number {
    return this.alg === 'sm4' ? 16 : 8;
  }

  /** Sends hex (or bytes); returns the raw response. */
  send(apdu: string | Uint8Array): Uint8Array {
    return this.card.transmit(typeof apdu === 'string' ? hex(apdu) : apdu);
  }

  /** Status word as 4 hex digits. */
  sw(apdu: string | Uint8Array): string {
    return toHex(this.send(apdu)).slice(-4);
  }

  /** Sends, and under T=0 follows a 61xx with GET RESPONSE; returns data and SW. */
  exchange(apdu: string | Uint8Array): { data: Uint8Array; sw: number } {
    let r = this.send(apdu);
    if (r.length === 2 && r[0] === 0x61) r = this.send(`00C00000${toHex(r.subarray(1))}`);
    return { data: dataOf(r).slice(), sw: sw(r) };
  }

  select(fid: string): number {
    return this.exchange(`00A4000002${fid}`).sw;
  }

  selectSsse(): number {
    return this.exchange('00A404000F7378312E73682EC9E7BBE1B1A3D5CF').sw;
  }

  challenge(length = 8): Uint8Array {
    const r = this.send(`00840000${length.toString(16).padStart(2, '0')}`);
    if (sw(r) !== 0x9000) throw new Error(`GET CHALLENGE answered ${toHex(r)}`);
    return dataOf(r).slice();
  }

  /** Session-form EXTERNAL AUTHENTICATE (04-crypto.md) with the card key `key`. */
  externalAuthenticate(kid: number, key: Uint8Array, challengeLength = 8): number {
    const r = this.challenge(challengeLength);
    const x = new Uint8Array(this.blockSize).fill(0x5a);
    const c = sessionCryptogram(this.alg, key, r, x);
    const data = concat(c, x);
    return sw(this.send(concat(hex(`008200${byte(kid)}${byte(data.length)}`), data)));
  }

  /** A line-protected command (CLA | 04) under `key` after a fresh challenge. */
  protectedCommand(
    cla: number,
    ins: number,
    p1: number,
    p2: number,
    data: Uint8Array,
    key: Uint8Array,
    opts: { le?: number; encryptionKey?: Uint8Array } = {},
  ): Uint8Array {
    const r = this.challenge(this.alg === 'sm4' ? 16 : 8);
    return protectCommand(this.alg, key, r, cla, ins, p1, p2, data, opts);
  }

  reloadPin(pin: string, key: Uint8Array): number {
    const p = hex(pin);
    const mac = reloadPinMac(this.alg, key, p).subarray(0, 4);
    return sw(this.send(concat(hex(`805E0000${byte(p.length + 4)}`), p, mac)));
  }

  pinUnblock(pin: string, puk: Uint8Array): number {
    const cmd = this.protectedCommand(0x80, 0x24, 0, 0, hex(pin), puk, { encryptionKey: puk });
    return sw(this.send(cmd));
  }

  encryptedPinBlock(pin: string, puk: Uint8Array): Uint8Array {
    return encryptLdBlock(this.alg, puk, hex(pin));
  }
}

export function byte(n: number): string {
  return n.toString(16).toUpperCase().padStart(2, '0');
}
