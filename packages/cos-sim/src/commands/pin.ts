/**
 * The SSSE PIN (03-security.md "PIN"): VERIFY (00 20), CHANGE PIN (80 5E 01 00) and RELOAD
 * PIN (80 5E 00 00) — one INS, told apart by P1 — and PIN UNBLOCK (84 24). In the PKI ADF
 * (11-pki.md, docs/pki.md) also the ciphered VERIFY of the cardholder's PIN (00 20 01 81) and
 * of the admin PIN (00 20 01 00), and CHANGE of the admin PIN under MAC (84 5E 01 00).
 *
 * A try is spent and committed before any comparison; a right PIN restores the counter.
 * RELOAD and UNBLOCK set a new PIN and restore the counter even when the PIN is blocked.
 * CHANGE, RELOAD and UNBLOCK clear `pinVerified`.
 */
import {
  adminPinChangeMac,
  cipheredPin,
  decryptLdBlock,
  equalBytes,
  MAC_LENGTH,
  pinCipherKey,
  reloadPinMac,
} from '@ssc-cos/apdu-codec/crypto';
import type { CommandContext } from '../engine/context.js';
import { defineHandler } from '../engine/handler.js';
import {
  OK,
  SW_AUTH_OBJECT_BLOCKED,
  SW_CLA_NOT_SUPPORTED,
  SW_KEY_NOT_FOUND,
  SW_NO_CHALLENGE,
  SW_SM_WRONG,
  SW_SUCCESS,
  SW_WRONG_DATA,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
  swTriesLeft,
} from '../engine/status.js';
import { ownedBytes } from '../image/owned-bytes.js';
import type { KeyType } from '../image/types.js';
import { macCheckSpendingTry, raiseRegister, restoreTries, spendTry } from '../security/counters.js';
import { type KeyRef, keyBlocked, keyInChain, keyOfTypeIn, PIN_KEY_ID } from '../security/keys.js';
import { PIN_MAX_BYTES, PIN_MIN_BYTES, pinDigits, pinValid } from '../security/pin-format.js';
import { adminPinRef, isPkiAdf, PKI_CHALLENGE_LENGTH } from './pki-application.js';

const PIN_SEPARATOR = 0xff;
const P1_RELOAD = 0x00;
const P1_CHANGE = 0x01;
/** VERIFY P1 01: the ciphered form of the PKI application (P2 81 cardholder, 00 admin). */
const P1_CIPHERED = 0x01;
const P2_USER_PIN = 0x81;
const P2_ADMIN_PIN = 0x00;
const CIPHERED_PIN_LENGTH = 16;
/** CLA of CHANGE admin PIN: 84, its own MAC (not the DF's line MAC). */
const CLA_ADMIN_CHANGE = 0x84;
const ADMIN_CHANGE_LENGTH = 16 + MAC_LENGTH;

function pinRef(ctx: CommandContext): KeyRef | undefined {
  return keyInChain(ctx.session.dfPath, PIN_KEY_ID, 'pin');
}

/** The PIN DF's key of `type` (its reload or unblock key: they live beside the PIN). */
function keyBesidePin(ctx: CommandContext, pin: KeyRef, type: KeyType): KeyRef | undefined {
  const key = keyOfTypeIn(ctx.session.dfPath[pin.depth]!, type);
  return key ? { key, depth: pin.depth } : undefined;
}

function samePin(stored: Uint8Array, sent: Uint8Array): boolean {
  const a = pinDigits(stored);
  const b = pinDigits(sent);
  return a !== null && b !== null && equalBytes(a, b);
}

/** Writes a new PIN with a full counter (RELOAD, UNBLOCK, CHANGE). */
function replacePin(ctx: CommandContext, ref: KeyRef, pin: Uint8Array): void {
  ctx.tx.replaceKey(ref.depth, { ...ref.key, value: ownedBytes(pin), triesLeft: ref.key.maxTries });
  ctx.session.pinVerified = false;
}

/** The pending 16-byte challenge a ciphered VERIFY or admin change needs (consumed by it). */
function pkiChallenge(ctx: CommandContext): Uint8Array | null {
  const r = ctx.session.commandChallenge;
  return r !== null && r.length === PKI_CHALLENGE_LENGTH ? r : null;
}

/** Forgets the right a failed PIN attempt was for: the cardholder's, or the ADF's admin state. */
function dropRight(ctx: CommandContext, ref: KeyRef, admin: boolean): void {
  if (!admin) {
    if (ref.depth === 0) ctx.session.pinVerified = false;
    else ctx.session.localPinVerified = false;
    return;
  }
  if (ref.depth === ctx.session.dfPath.length - 1) ctx.session.dfRegister = 0;
  ctx.session.pkiSessionKey = null;
}

export const verifyHandler = defineHandler<KeyRef>({
  name: 'VERIFY',
  ins: 0x20,
  classes: [0x00],
  checkParams(cmd, ctx) {
    if (cmd.p1 === 0 && cmd.p2 === 0) return OK;
    // docs/pki.md: the two ciphered forms of 11-pki.md, in the PKI ADF only.
    if (cmd.p1 === P1_CIPHERED && (cmd.p2 === P2_USER_PIN || cmd.p2 === P2_ADMIN_PIN))
      return isPkiAdf(ctx.session.currentDf) ? OK : SW_WRONG_P1P2;
    return SW_WRONG_P1P2;
  },
  checkLengths(cmd) {
    const n = cmd.data.length;
    if (cmd.p1 === P1_CIPHERED) return n === CIPHERED_PIN_LENGTH && cmd.ne === null ? OK : SW_WRONG_LENGTH;
    // [decision] `00 20 00 00 00` is the "no data" query too: under T=0 a P3 of 00 cannot be
    // told from Lc=0, so a Le of 00 without data is read as Lc absent.
    if (n === 0) return cmd.ne === null || cmd.ne === 256 ? OK : SW_WRONG_LENGTH;
    return n >= PIN_MIN_BYTES && n <= PIN_MAX_BYTES && cmd.ne === null ? OK : SW_WRONG_LENGTH;
  },
  resolve(cmd, ctx) {
    if (cmd.p1 === P1_CIPHERED && cmd.p2 === P2_ADMIN_PIN) return adminPinRef(ctx) ?? SW_KEY_NOT_FOUND;
    return pinRef(ctx) ?? SW_KEY_NOT_FOUND;
  },
  access: (_cmd, ref) => (keyBlocked(ref.key) ? SW_AUTH_OBJECT_BLOCKED : OK),
  // docs/pki.md: a ciphered VERIFY needs the 16-byte challenge it is the answer to.
  checkMac: (cmd, _ref, ctx) => (cmd.p1 !== P1_CIPHERED || pkiChallenge(ctx) !== null ? OK : SW_NO_CHALLENGE),
  checkData: (cmd) =>
    cmd.p1 === P1_CIPHERED || cmd.data.length === 0 || pinValid(cmd.data) ? OK : SW_WRONG_DATA,
  execute(cmd, ref, ctx) {
    // No data: tell the tries left without spending one.
    if (cmd.data.length === 0) return swTriesLeft(ref.key.triesLeft);
    const ciphered = cmd.p1 === P1_CIPHERED;
    const admin = ciphered && cmd.p2 === P2_ADMIN_PIN;
    const left = spendTry(ctx, ref);
    // 03-security.md §v2: only the SSSE's PIN (key 00 of the MF) sets pinVerified; a PIN of
    // another DF has its own state, which opens only that DF's own PIN rules. The PKI admin
    // PIN's state is its ADF's FMCOS register (raiseRegister, docs/pki.md).
    const ssse = ref.depth === 0;
    const right = ciphered
      ? equalBytes(cipheredPin(ref.key.value, pkiChallenge(ctx)!), cmd.data)
      : samePin(ref.key.value, cmd.data);
    if (!right) {
      dropRight(ctx, ref, admin);
      return swTriesLeft(left);
    }
    restoreTries(ctx, ref);
    if (ssse) ctx.session.pinVerified = true;
    else if (!admin) ctx.session.localPinVerified = true;
    raiseRegister(ctx, ref);
    return SW_SUCCESS;
  },
});

interface PinChange {
  pin: KeyRef;
  /** RELOAD only: the reload key. */
  reloadKey?: KeyRef;
}

/** CHANGE PIN data `old ‖ FF ‖ new`, split at the first FF byte. */
function splitChange(data: Uint8Array): [Uint8Array, Uint8Array] | null {
  const at = data.indexOf(PIN_SEPARATOR);
  if (at < 0) return null;
  return [data.subarray(0, at), data.subarray(at + 1)];
}

export const changeReloadPinHandler = defineHandler<PinChange>({
  name: 'CHANGE/RELOAD PIN',
  ins: 0x5e,
  classes: [0x80, CLA_ADMIN_CHANGE],
  checkParams(cmd, ctx) {
    if (cmd.cla === CLA_ADMIN_CHANGE) {
      // docs/pki.md: CLA 84 is only the admin PIN change, in the PKI ADF.
      if (cmd.p1 !== P1_CHANGE || cmd.p2 !== 0) return SW_WRONG_P1P2;
      return isPkiAdf(ctx.session.currentDf) ? OK : SW_CLA_NOT_SUPPORTED;
    }
    return (cmd.p1 === P1_RELOAD || cmd.p1 === P1_CHANGE) && cmd.p2 === 0 ? OK : SW_WRONG_P1P2;
  },
  checkLengths(cmd) {
    const n = cmd.data.length;
    if (cmd.ne !== null) return SW_WRONG_LENGTH;
    if (cmd.cla === CLA_ADMIN_CHANGE) return n === ADMIN_CHANGE_LENGTH ? OK : SW_WRONG_LENGTH;
    if (cmd.p1 === P1_CHANGE)
      return n >= 2 * PIN_MIN_BYTES + 1 && n <= 2 * PIN_MAX_BYTES + 1 ? OK : SW_WRONG_LENGTH;
    return n >= PIN_MIN_BYTES + MAC_LENGTH && n <= PIN_MAX_BYTES + MAC_LENGTH ? OK : SW_WRONG_LENGTH;
  },
  resolve(cmd, ctx) {
    if (cmd.cla === CLA_ADMIN_CHANGE) {
      const admin = adminPinRef(ctx);
      return admin ? { pin: admin } : SW_KEY_NOT_FOUND;
    }
    const pin = pinRef(ctx);
    if (!pin) return SW_KEY_NOT_FOUND;
    if (cmd.p1 === P1_CHANGE) return { pin };
    const reloadKey = keyBesidePin(ctx, pin, 'pin-reload');
    return reloadKey ? { pin, reloadKey } : SW_KEY_NOT_FOUND;
  },
  // CHANGE PIN works only while the PIN is not blocked; RELOAD works even then.
  access: (cmd, t) => (cmd.p1 === P1_CHANGE && keyBlocked(t.pin.key) ? SW_AUTH_OBJECT_BLOCKED : OK),
  checkMac(cmd, t, ctx) {
    // The admin change's MAC is checked in execute: a wrong one spends a try (docs/pki.md).
    if (cmd.cla === CLA_ADMIN_CHANGE) return pkiChallenge(ctx) !== null ? OK : SW_NO_CHALLENGE;
    if (cmd.p1 === P1_CHANGE) return OK;
    const n = cmd.data.length - MAC_LENGTH;
    const reloadKey = t.reloadKey!.key;
    if (keyBlocked(reloadKey)) return SW_AUTH_OBJECT_BLOCKED;
    const mac = reloadPinMac(ctx.image.algorithm, reloadKey.value, cmd.data.subarray(0, n));
    // 03-security.md §v2: a wrong MAC spends a try of the reload key.
    const right = () => equalBytes(mac.subarray(0, MAC_LENGTH), cmd.data.subarray(n));
    return macCheckSpendingTry(ctx, reloadKey, right) ? OK : SW_SM_WRONG;
  },
  checkData(cmd) {
    if (cmd.cla === CLA_ADMIN_CHANGE) return OK;
    if (cmd.p1 === P1_RELOAD)
      return pinValid(cmd.data.subarray(0, cmd.data.length - MAC_LENGTH)) ? OK : SW_WRONG_DATA;
    const parts = splitChange(cmd.data);
    return parts && pinValid(parts[0]) && pinValid(parts[1]) ? OK : SW_WRONG_DATA;
  },
  execute(cmd, t, ctx) {
    if (cmd.cla === CLA_ADMIN_CHANGE) return changeAdminPin(cmd.data, t.pin, ctx);
    if (cmd.p1 === P1_RELOAD) {
      replacePin(ctx, t.pin, cmd.data.subarray(0, cmd.data.length - MAC_LENGTH));
      return SW_SUCCESS;
    }
    const [oldPin, newPin] = splitChange(cmd.data)!;
    const left = spendTry(ctx, t.pin);
    if (!samePin(t.pin.key.value, oldPin)) {
      ctx.session.pinVerified = false;
      return swTriesLeft(left);
    }
    replacePin(ctx, t.pin, newPin);
    return SW_SUCCESS;
  },
});

/**
 * 84 5E 01 00: a try is spent before the MAC is compared (a wrong MAC is a wrong PIN); with
 * the MAC right the counter is full again and the new PIN, decrypted under the same CTK, must
 * be 2–6 BCD bytes (else 6A80, the try stays spent). The admin state ends either way.
 */
function changeAdminPin(data: Uint8Array, ref: KeyRef, ctx: CommandContext): number {
  const cryptogram = data.subarray(0, data.length - MAC_LENGTH);
  const mac = adminPinChangeMac(ref.key.value, pkiChallenge(ctx)!, cryptogram);
  const left = spendTry(ctx, ref);
  dropRight(ctx, ref, true);
  if (!equalBytes(mac, data.subarray(data.length - MAC_LENGTH))) return swTriesLeft(left);
  const newPin = decryptLdBlock('sm4', pinCipherKey(ref.key.value), cryptogram);
  if (newPin === null || !pinValid(newPin)) return SW_WRONG_DATA;
  ctx.tx.replaceKey(ref.depth, { ...ref.key, value: ownedBytes(newPin), triesLeft: ref.key.maxTries });
  return SW_SUCCESS;
}

interface PinUnblock {
  pin: KeyRef;
  puk: KeyRef;
}

export const pinUnblockHandler = defineHandler<PinUnblock>({
  name: 'PIN UNBLOCK',
  ins: 0x24,
  classes: [0x80, 0x84],
  checkParams: (cmd) => (cmd.p1 === 0 && cmd.p2 === 0 ? OK : SW_WRONG_P1P2),
  checkLengths(cmd, ctx) {
    // enc(LD ‖ PIN) is whole blocks, then the MAC (CLA 80 carries no MAC: 6987 at step 9).
    const n = cmd.data.length - (cmd.cla & 0x04 ? MAC_LENGTH : 0);
    return n > 0 && n % ctx.blockSize === 0 && cmd.ne === null ? OK : SW_WRONG_LENGTH;
  },
  resolve(_cmd, ctx) {
    const pin = pinRef(ctx);
    if (!pin) return SW_KEY_NOT_FOUND;
    const puk = keyBesidePin(ctx, pin, 'pin-unblock');
    return puk ? { pin, puk } : SW_KEY_NOT_FOUND;
  },
  secureMessaging: (_cmd, t) => ({ required: true, key: t.puk.key, macResponse: false }),
  checkData(cmd, t, ctx) {
    const pin = decryptLdBlock(ctx.image.algorithm, t.puk.key.value, cmd.data);
    return pin !== null && pinValid(pin) ? OK : SW_WRONG_DATA;
  },
  execute(cmd, t, ctx) {
    replacePin(ctx, t.pin, decryptLdBlock(ctx.image.algorithm, t.puk.key.value, cmd.data)!);
    return SW_SUCCESS;
  },
});
