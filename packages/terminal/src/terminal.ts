/**
 * The terminal: drives a card with a KeySource (a PSAM or master keys) through the flows of
 * 05-psam.md — open a zone, read and write records and binaries (plain or `+SM`), check the
 * card is genuine, PIN management, lifecycle (activation, loss report, replacement, card
 * block) and "read basic info". Every refusal is a TerminalError carrying the device, the
 * step and the status word; success values are typed.
 */

import { randomBytes } from 'node:crypto';
import {
  concatBytes,
  findBerTlv,
  hexByte,
  hexWord,
  parseAtr,
  parseBerTlv,
  type Transport,
} from '@ssc-cos/apdu-codec';
import {
  type Algorithm,
  blockSize,
  equalBytes,
  MAC_LENGTH,
  macInput,
  macIv,
} from '@ssc-cos/apdu-codec/crypto';
import { ApduLink, apdu } from './apdu-link.js';
import {
  type BasicInfo,
  decodeBasicInfo,
  EF05_TAGS,
  EF06_TAGS,
  OPTIONAL_TAGS,
  tlvValue,
} from './basic-info.js';
import { type CardKeyRef, findCardKey, KEY_ID, MF, STANDARD_CARD_KEYS } from './card-keys.js';
import type { CardIdentity, KeySource } from './key-source.js';
import { ldBlockPlain, pinBcd } from './pin-block.js';
import { ResponseMacError, TerminalError } from './terminal-error.js';

/** "sx1.sh.社会保障" in GBK: the SSSE's DF name (01-card.md). */
export const SSSE_NAME = Uint8Array.of(
  0x73,
  0x78,
  0x31,
  0x2e,
  0x73,
  0x68,
  0x2e,
  0xc9,
  0xe7,
  0xbb,
  0xe1,
  0xb1,
  0xa3,
  0xd5,
  0xcf,
);

const SW_OK = 0x9000;
const SW_BLOCKED_DF = 0x6283;
const SW_RECORD_NOT_FOUND = 0x6a83;
const SFI_EF05 = 0x05;
const SFI_EF06 = 0x06;

export interface TerminalOptions {
  /** Card key table (default: 06-keys.md). */
  keys?: readonly CardKeyRef[];
  /**
   * Algorithm to assume when the MF FCI cannot tell (a blocked SSSE under T=0 answers 6283
   * without its FCI). Normally read from the FCI (86 01 alg).
   */
  algorithm?: Algorithm;
  /** Source of the terminal's random X and N blocks (default node:crypto). */
  random?: (length: number) => Uint8Array;
}

/** Options of record and binary commands. */
export interface AccessOptions {
  /** Send with line protection (CLA 04, MAC under the current DF's key 03); reads check the response MAC. */
  sm?: boolean;
}

/**
 * 01-card: the card factor is the ATR's last 8 bytes on the T=0 card, which are the last 8
 * historical bytes; a T=1 or contactless ATR of the same card ends with a TCK instead, so the
 * historical bytes are what counts. An ATR that does not parse falls back to its last 8 bytes.
 */
function cardFactorOf(atr: Uint8Array): Uint8Array {
  let historical: Uint8Array | null = null;
  try {
    historical = parseAtr(atr).historical;
  } catch {}
  if (historical !== null && historical.length >= 8) return historical.slice(-8);
  if (atr.length < 8) throw new Error(`ATR of ${atr.length} bytes has no card factor`);
  return atr.slice(-8);
}

/** How a record is addressed: by number, or by identifier (first occurrence of the tag). */
export type RecordAddress = { record: number } | { tag: number };

export class Terminal {
  private readonly card: ApduLink;
  private readonly table: readonly CardKeyRef[];
  private readonly random: (length: number) => Uint8Array;
  private currentDf = MF;
  private identity: CardIdentity;

  private constructor(
    card: Transport,
    readonly keys: KeySource,
    options: TerminalOptions,
    identity: CardIdentity,
  ) {
    this.card = new ApduLink(card, 'card');
    this.table = options.keys ?? STANDARD_CARD_KEYS;
    this.random = options.random ?? ((n) => Uint8Array.from(randomBytes(n)));
    this.identity = identity;
  }

  /**
   * Starts a session with the card in front of the terminal: card factor from the ATR, SELECT
   * of the SSSE by name (algorithm from its FCI), region from EF05 record 1 (city factor, for
   * ministry keys) when the card lets it be read.
   */
  static async open(card: Transport, keys: KeySource, options: TerminalOptions = {}): Promise<Terminal> {
    const atr = await card.atr();
    const placeholder: CardIdentity = {
      algorithm: options.algorithm ?? '3des',
      cardFactor: cardFactorOf(atr),
      cityFactor: null,
    };
    const terminal = new Terminal(card, keys, options, placeholder);
    const fci = await terminal.selectMf();
    const algorithm = algorithmFromFci(fci) ?? options.algorithm;
    if (algorithm === undefined) {
      throw new TerminalError(
        'card',
        'SELECT SSSE',
        SW_BLOCKED_DF,
        'no FCI to read the algorithm from; pass options.algorithm',
      );
    }
    terminal.identity = { ...placeholder, algorithm };
    const region = await terminal.card.send(apdu(0x00, 0xb2, 0x01, (SFI_EF05 << 3) | 0x04, undefined, 0x00));
    if (region.sw === SW_OK && region.data.length >= 5 && region.data[0] === 0x01) {
      terminal.identity.cityFactor = cityFactor(region.data.subarray(2, 5));
    }
    return terminal;
  }

  /** The card as the key source sees it (algorithm, factors). */
  get cardIdentity(): Readonly<CardIdentity> {
    return this.identity;
  }

  get algorithm(): Algorithm {
    return this.identity.algorithm;
  }

  // ---- selection ---------------------------------------------------------------------------

  /** SELECT of the SSSE by name; its FCI (empty under T=0 when blocked: 6283). */
  async selectMf(): Promise<Uint8Array> {
    const fci = await this.card.expect(apdu(0x00, 0xa4, 0x04, 0x00, SSSE_NAME, 0x00), 'SELECT SSSE', [
      SW_OK,
      SW_BLOCKED_DF,
    ]);
    this.currentDf = MF;
    return fci.slice();
  }

  /** SELECT of a DF under the SSSE (a blocked one still becomes current: 6283). */
  async selectDf(fid: number): Promise<void> {
    if (fid === MF) {
      await this.selectMf();
      return;
    }
    if (this.currentDf !== MF) await this.selectMf();
    await this.card.expect(apdu(0x00, 0xa4, 0x00, 0x00, fid16(fid), 0x00), `SELECT ${hexWord(fid)}`, [
      SW_OK,
      SW_BLOCKED_DF,
    ]);
    this.currentDf = fid;
  }

  // ---- authentication ----------------------------------------------------------------------

  /**
   * EXTERNAL AUTHENTICATE, session form (04-crypto.md), with key `id` of DF `df`: SELECT, GET
   * CHALLENGE, C = E(DIV(K, R), X) from the key source, `00 82 00 id C ‖ X`.
   */
  async authenticate(df: number, id: number): Promise<void> {
    const key = this.key(df, id);
    await this.selectDf(df);
    const r = await this.challenge();
    const x = this.random(blockSize(this.algorithm));
    const c = await this.keys.sessionCryptogram(key, this.identity, r, x);
    await this.card.expect(
      apdu(0x00, 0x82, 0x00, id, concatBytes(c, x)),
      `EXTERNAL AUTHENTICATE ${hexWord(df)} key ${hexByte(id)}`,
    );
  }

  /** Opens a zone (05-psam.md terminal flow): its read key 01 or its update key 02. */
  async openZone(df: number, access: 'read' | 'update' = 'read'): Promise<void> {
    await this.authenticate(df, access === 'read' ? KEY_ID.zoneRead : KEY_ID.zoneUpdate);
  }

  /** Is the card genuine? INTERNAL AUTHENTICATE with key 05 against the key source (05-psam.md). */
  async internalAuthenticate(): Promise<boolean> {
    const key = this.key(MF, KEY_ID.internalAuth);
    if (this.currentDf !== MF) await this.selectMf();
    const n = this.random(blockSize(this.algorithm));
    const a = await this.card.expect(
      apdu(0x00, 0x88, 0x00, KEY_ID.internalAuth, n, 0x00),
      'INTERNAL AUTHENTICATE',
    );
    const expected = await this.keys.encrypt(key, this.identity, n);
    return equalBytes(a, expected);
  }

  // ---- records and binaries (current DF) ---------------------------------------------------

  async readRecord(sfi: number, address: RecordAddress, options: AccessOptions = {}): Promise<Uint8Array> {
    const [p1, p2] = recordP1P2(sfi, address);
    return this.read(0xb2, p1, p2, `READ RECORD ${describeRecord(sfi, address)}`, options);
  }

  async updateRecord(
    sfi: number,
    address: RecordAddress,
    tlv: Uint8Array,
    options: AccessOptions = {},
  ): Promise<void> {
    const [p1, p2] = recordP1P2(sfi, address);
    await this.write(0xdc, p1, p2, tlv, `UPDATE RECORD ${describeRecord(sfi, address)}`, options);
  }

  async appendRecord(sfi: number, record: Uint8Array, options: AccessOptions = {}): Promise<void> {
    await this.write(0xe2, 0x00, sfi << 3, record, `APPEND RECORD SFI ${hexByte(sfi)}`, options);
  }

  /** READ BINARY by SFI; length 0 = to the end of the file (at most 256). */
  async readBinary(
    sfi: number,
    offset: number,
    length: number,
    options: AccessOptions = {},
  ): Promise<Uint8Array> {
    return this.read(0xb0, 0x80 | sfi, offset, `READ BINARY SFI ${hexByte(sfi)}`, options, length);
  }

  async updateBinary(
    sfi: number,
    offset: number,
    data: Uint8Array,
    options: AccessOptions = {},
  ): Promise<void> {
    await this.write(0xd6, 0x80 | sfi, offset, data, `UPDATE BINARY SFI ${hexByte(sfi)}`, options);
  }

  // ---- PIN ---------------------------------------------------------------------------------

  /** VERIFY of the service PIN; a wrong one is a TerminalError 63Cx (`triesLeft`) or 6983. */
  async verifyPin(pin: string): Promise<void> {
    await this.card.expect(apdu(0x00, 0x20, 0x00, 0x00, pinBcd(pin)), 'VERIFY');
  }

  /** Tries left without spending one (VERIFY without data); 0 when blocked. */
  async pinTriesLeft(): Promise<number> {
    const r = await this.card.send(apdu(0x00, 0x20, 0x00, 0x00));
    if ((r.sw & 0xfff0) === 0x63c0) return r.sw & 0x0f;
    if (r.sw === 0x6983) return 0;
    throw new TerminalError('card', 'VERIFY (tries left)', r.sw);
  }

  async changePin(oldPin: string, newPin: string): Promise<void> {
    const data = concatBytes(pinBcd(oldPin), Uint8Array.of(0xff), pinBcd(newPin));
    await this.card.expect(apdu(0x80, 0x5e, 0x01, 0x00, data), 'CHANGE PIN');
  }

  /** RELOAD PIN (service window): new PIN ‖ MAC under the SSSE's PIN-reload key 02. */
  async reloadPin(newPin: string): Promise<void> {
    await this.selectMf();
    const pin = pinBcd(newPin);
    const mac = await this.keys.reloadPinMac(this.key(MF, KEY_ID.pinReload), this.identity, pin);
    await this.card.expect(apdu(0x80, 0x5e, 0x00, 0x00, concatBytes(pin, mac)), 'RELOAD PIN');
  }

  /** PIN UNBLOCK (issuer): E(PUK, LD ‖ PIN ‖ 80…) ‖ line MAC under the PUK, key 01. */
  async unblockPin(newPin: string): Promise<void> {
    await this.selectMf();
    const puk = this.key(MF, KEY_ID.pinUnblock);
    const r = await this.challenge();
    const block = await this.keys.encrypt(
      puk,
      this.identity,
      ldBlockPlain(pinBcd(newPin), blockSize(this.algorithm)),
    );
    const mac = await this.keys.lineMac(
      puk,
      this.identity,
      macIv(this.algorithm, r),
      macInput(0x84, 0x24, 0x00, 0x00, block),
    );
    await this.card.expect(apdu(0x84, 0x24, 0x00, 0x00, concatBytes(block, mac)), 'PIN UNBLOCK');
  }

  // ---- lifecycle (03-security.md) ------------------------------------------------------------

  /** Activation (开卡): APPLICATION UNBLOCK of a zone under its own line key 03 (DF04 by default). */
  async activateZone(df = 0xdf04): Promise<void> {
    await this.selectDf(df);
    await this.lifecycleCommand(
      0x18,
      0x00,
      this.key(df, KEY_ID.zoneLine),
      `APPLICATION UNBLOCK ${hexWord(df)}`,
    );
  }

  /** Temporary loss report (临时挂失): APPLICATION BLOCK P2=00 on the SSSE. */
  async reportLoss(): Promise<void> {
    await this.selectMf();
    await this.lifecycleCommand(
      0x1e,
      0x00,
      this.key(MF, KEY_ID.lineProtection),
      'APPLICATION BLOCK (temporary)',
    );
  }

  /** Loss cancelled (解挂): APPLICATION UNBLOCK on the SSSE; 9303 after a replacement. */
  async cancelLoss(): Promise<void> {
    await this.selectMf();
    await this.lifecycleCommand(0x18, 0x00, this.key(MF, KEY_ID.lineProtection), 'APPLICATION UNBLOCK');
  }

  /** Replacement issued (补卡): APPLICATION BLOCK P2=01 on the old card — permanent. */
  async reportReplacement(): Promise<void> {
    await this.selectMf();
    await this.lifecycleCommand(
      0x1e,
      0x01,
      this.key(MF, KEY_ID.lineProtection),
      'APPLICATION BLOCK (permanent)',
    );
  }

  /** Card destroyed: CARD BLOCK; every command answers 6A81 afterwards. */
  async blockCard(): Promise<void> {
    await this.selectMf();
    await this.lifecycleCommand(0x16, 0x00, this.key(MF, KEY_ID.lineProtection), 'CARD BLOCK');
  }

  // ---- basic info --------------------------------------------------------------------------

  /** The fields of EF05 and EF06, read by identifier (works on 2g and 3g cards). */
  async readBasicInfo(): Promise<BasicInfo> {
    await this.selectMf();
    const values = new Map<number, Uint8Array>();
    for (const [sfi, tags] of [
      [SFI_EF05, EF05_TAGS],
      [SFI_EF06, EF06_TAGS],
    ] as const) {
      for (const tag of tags) {
        const r = await this.card.send(apdu(0x00, 0xb2, tag, sfi << 3, undefined, 0x00));
        if (r.sw === SW_RECORD_NOT_FOUND && OPTIONAL_TAGS.has(tag)) continue;
        if (r.sw !== SW_OK)
          throw new TerminalError('card', `READ RECORD SFI ${hexByte(sfi)} tag ${hexByte(tag)}`, r.sw);
        values.set(tag, tlvValue(r.data, tag).slice());
      }
    }
    return decodeBasicInfo(values);
  }

  // ---- internals ---------------------------------------------------------------------------

  private key(df: number, id: number): CardKeyRef {
    const key = findCardKey(this.table, df, id);
    if (key === undefined)
      throw new Error(`no card key ${hexByte(id)} in ${hexWord(df)} in the terminal's key table`);
    return key;
  }

  /** GET CHALLENGE of one block (8 bytes 3DES, 16 SM4): R, and the MAC IV as it is. */
  private async challenge(): Promise<Uint8Array> {
    const n = blockSize(this.algorithm);
    const r = await this.card.expect(apdu(0x00, 0x84, 0x00, 0x00, undefined, n), 'GET CHALLENGE');
    return r.slice();
  }

  /** `84 INS 00 P2 04 MAC`: the MAC covers only the header (04-crypto.md). */
  private async lifecycleCommand(ins: number, p2: number, key: CardKeyRef, step: string): Promise<void> {
    const r = await this.challenge();
    const mac = await this.keys.lineMac(
      key,
      this.identity,
      macIv(this.algorithm, r),
      macInput(0x84, ins, 0x00, p2, new Uint8Array(0)),
    );
    await this.card.expect(apdu(0x84, ins, 0x00, p2, mac), step);
  }

  private lineKey(): CardKeyRef {
    return this.key(this.currentDf, this.currentDf === MF ? KEY_ID.lineProtection : KEY_ID.zoneLine);
  }

  private async read(
    ins: number,
    p1: number,
    p2: number,
    step: string,
    options: AccessOptions,
    le = 0,
  ): Promise<Uint8Array> {
    if (!options.sm) return (await this.card.expect(apdu(0x00, ins, p1, p2, undefined, le), step)).slice();
    const key = this.lineKey();
    const r = await this.challenge();
    const iv = macIv(this.algorithm, r);
    const mac = await this.keys.lineMac(
      key,
      this.identity,
      iv,
      macInput(0x04, ins, p1, p2, new Uint8Array(0)),
    );
    const answer = await this.card.expect(apdu(0x04, ins, p1, p2, mac, le === 0 ? 0 : le + MAC_LENGTH), step);
    if (answer.length < MAC_LENGTH) throw new ResponseMacError(step);
    const data = answer.slice(0, answer.length - MAC_LENGTH);
    const expected = await this.keys.lineMac(key, this.identity, iv, data);
    if (!equalBytes(expected, answer.subarray(answer.length - MAC_LENGTH))) throw new ResponseMacError(step);
    return data;
  }

  private async write(
    ins: number,
    p1: number,
    p2: number,
    data: Uint8Array,
    step: string,
    options: AccessOptions,
  ): Promise<void> {
    if (!options.sm) {
      await this.card.expect(apdu(0x00, ins, p1, p2, data), step);
      return;
    }
    const key = this.lineKey();
    const r = await this.challenge();
    const mac = await this.keys.lineMac(
      key,
      this.identity,
      macIv(this.algorithm, r),
      macInput(0x04, ins, p1, p2, data),
    );
    await this.card.expect(apdu(0x04, ins, p1, p2, concatBytes(data, mac)), step);
  }
}

/** The algorithm byte of the MF FCI: 6F / A5 / 9F0C / 86 01 alg (01 3DES, 03 SM4). */
export function algorithmFromFci(fci: Uint8Array): Algorithm | undefined {
  if (fci.length === 0) return undefined;
  try {
    const tag9f0c = findBerTlv(parseBerTlv(fci), 0x9f0c);
    if (tag9f0c === undefined) return undefined;
    const alg = findBerTlv(parseBerTlv(tag9f0c.value), 0x86);
    if (alg === undefined || alg.value.length !== 1) return undefined;
    if (alg.value[0] === 0x01) return '3des';
    if (alg.value[0] === 0x03) return 'sm4';
    return undefined;
  } catch {
    return undefined;
  }
}

/** ASCII of the region digits (cn 3) ‖ "sx" (01-card.md). */
function cityFactor(regionBcd: Uint8Array): Uint8Array {
  const digits = Buffer.from(regionBcd).toString('hex');
  return Uint8Array.from(`${digits}sx`, (c) => c.charCodeAt(0));
}

function recordP1P2(sfi: number, address: RecordAddress): [number, number] {
  return 'record' in address ? [address.record, (sfi << 3) | 0x04] : [address.tag, sfi << 3];
}

function describeRecord(sfi: number, address: RecordAddress): string {
  return 'record' in address
    ? `SFI ${hexByte(sfi)} #${address.record}`
    : `SFI ${hexByte(sfi)} tag ${hexByte(address.tag)}`;
}

function fid16(fid: number): Uint8Array {
  return Uint8Array.of(fid >> 8, fid & 0xff);
}
