/**
 * The PIN functions (10-terminal-api.md): iVerifyPIN and iChangePIN (the cardholder's; the
 * SDKs read the PIN from the PIN pad, this library takes it as a parameter), iReloadPIN
 * (service window, PSAM's PIN-reload key) and iUnblockPIN (PSAM's PUK), both after checking
 * pCardInfo. A wrong PIN is −51 (the out string says how many tries are left), a locked one −52.
 */
import { pinBcd } from '../pin-block.js';
import type { Terminal } from '../terminal.js';
import { TerminalError } from '../terminal-error.js';
import { answer, type SdkAnswer } from './answer.js';
import { type CardInfo, checkCardInfo, parseCardInfo } from './card-info.js';
import { type IType, openCard, parseIType, type Reader } from './reader.js';
import { RC, SdkError } from './return-codes.js';
import type { SdkFunction, SdkOptions } from './sdk-function.js';

function checkPin(pin: string, what: string): string {
  try {
    pinBcd(pin);
  } catch {
    throw new SdkError(RC.badParameter, `${what} must be 4 to 12 digits`);
  }
  return pin;
}

/** 63Cx / 6983 of VERIFY and CHANGE PIN are the PIN's own codes (−51, −52). */
async function pinCommand(run: () => Promise<void>): Promise<void> {
  try {
    await run();
  } catch (e) {
    if (e instanceof TerminalError && e.device === 'card') {
      if ((e.sw & 0xfff0) === 0x63c0)
        throw new SdkError(RC.pinCheckFailed, `wrong PIN, ${e.sw & 0x0f} tries left`);
      if (e.sw === 0x6983) throw new SdkError(RC.pinLocked, 'the PIN is locked');
    }
    throw e;
  }
}

export async function verifyPin(reader: Reader, iType: IType, pin: string): Promise<void> {
  checkPin(pin, 'the PIN');
  const t = await openCard(reader, iType);
  await pinCommand(() => t.verifyPin(pin));
}

export async function changePin(reader: Reader, iType: IType, oldPin: string, newPin: string): Promise<void> {
  checkPin(oldPin, 'the old PIN');
  checkPin(newPin, 'the new PIN');
  const t = await openCard(reader, iType);
  await pinCommand(() => t.changePin(oldPin, newPin));
}

/** A service-window PIN operation: the new PIN checked, pCardInfo matched, then the keyed command. */
async function keyedPinCommand(
  reader: Reader,
  iType: IType,
  cardInfo: CardInfo,
  newPin: string,
  options: SdkOptions,
  run: (t: Terminal, pin: string) => Promise<void>,
): Promise<void> {
  checkPin(newPin, 'the new PIN');
  const t = await openCard(reader, iType, options.keys);
  await checkCardInfo(t, cardInfo);
  await run(t, newPin);
}

/** RELOAD PIN with the PSAM's PIN-reload key (SSSE key 02). */
export function reloadPin(
  reader: Reader,
  iType: IType,
  cardInfo: CardInfo,
  newPin: string,
  options: SdkOptions = {},
) {
  return keyedPinCommand(reader, iType, cardInfo, newPin, options, (t, pin) => t.reloadPin(pin));
}

/** PIN UNBLOCK with the PSAM's PUK (SSSE key 01). */
export function unblockPin(
  reader: Reader,
  iType: IType,
  cardInfo: CardInfo,
  newPin: string,
  options: SdkOptions = {},
) {
  return keyedPinCommand(reader, iType, cardInfo, newPin, options, (t, pin) => t.unblockPin(pin));
}

/** An SDK answer for a PIN operation: "" on success, the error's return code otherwise. */
function done(run: () => Promise<void>): Promise<SdkAnswer> {
  return answer(async () => {
    await run();
    return '';
  });
}

export function iVerifyPIN(reader: Reader, iType: number | string, pin: string): Promise<SdkAnswer> {
  return done(() => verifyPin(reader, parseIType(iType), pin));
}

export function iChangePIN(
  reader: Reader,
  iType: number | string,
  oldPin: string,
  newPin: string,
): Promise<SdkAnswer> {
  return done(() => changePin(reader, parseIType(iType), oldPin, newPin));
}

export function iReloadPIN(
  reader: Reader,
  iType: number | string,
  pCardInfo: string,
  newPin: string,
): Promise<SdkAnswer> {
  return done(() => reloadPin(reader, parseIType(iType), parseCardInfo(pCardInfo), newPin));
}

export function iUnblockPIN(
  reader: Reader,
  iType: number | string,
  pCardInfo: string,
  newPin: string,
): Promise<SdkAnswer> {
  return done(() => unblockPin(reader, parseIType(iType), parseCardInfo(pCardInfo), newPin));
}

export const PIN_FUNCTIONS: readonly SdkFunction[] = [
  {
    name: 'iVerifyPIN',
    params: ['iType', 'pPin'],
    call: (reader, [iType, pin]) => iVerifyPIN(reader, iType!, pin!),
  },
  {
    name: 'iChangePIN',
    params: ['iType', 'pOldPin', 'pNewPin'],
    call: (reader, [iType, oldPin, newPin]) => iChangePIN(reader, iType!, oldPin!, newPin!),
  },
  {
    name: 'iReloadPIN',
    params: ['iType', 'pCardInfo', 'pNewPin'],
    call: (reader, [iType, info, pin]) => iReloadPIN(reader, iType!, info!, pin!),
  },
  {
    name: 'iUnblockPIN',
    params: ['iType', 'pCardInfo', 'pNewPin'],
    call: (reader, [iType, info, pin]) => iUnblockPIN(reader, iType!, info!, pin!),
  },
];
