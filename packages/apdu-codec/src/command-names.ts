/**
 * What a command is called and what its P1/P2 mean: ISO 7816-4 interindustry commands, the
 * card's proprietary 80/84 commands (02-commands.md, 09-perso.md) and the PSAM's (05-psam.md).
 * Only for humans (decoder, traces, reports); the card dispatches on bytes. P1/P2 meanings are
 * in decoder.ts.
 */

import { decodeCla } from './cla.js';
import { hexByte } from './hex.js';

const ISO_NAMES: Readonly<Record<number, string>> = {
  4: 'DEACTIVATE FILE',
  14: 'ERASE BINARY',
  16: 'PERFORM SCQL OPERATION',
  32: 'VERIFY',
  33: 'VERIFY',
  34: 'MANAGE SECURITY ENVIRONMENT',
  36: 'CHANGE REFERENCE DATA',
  38: 'DISABLE VERIFICATION REQUIREMENT',
  40: 'ENABLE VERIFICATION REQUIREMENT',
  42: 'PERFORM SECURITY OPERATION',
  44: 'RESET RETRY COUNTER',
  68: 'ACTIVATE FILE',
  70: 'GENERATE ASYMMETRIC KEY PAIR',
  112: 'MANAGE CHANNEL',
  130: 'EXTERNAL AUTHENTICATE',
  132: 'GET CHALLENGE',
  134: 'GENERAL AUTHENTICATE',
  136: 'INTERNAL AUTHENTICATE',
  160: 'SEARCH BINARY',
  162: 'SEARCH RECORD',
  164: 'SELECT',
  176: 'READ BINARY',
  177: 'READ BINARY',
  178: 'READ RECORD',
  179: 'READ RECORD',
  192: 'GET RESPONSE',
  194: 'ENVELOPE',
  202: 'GET DATA',
  203: 'GET DATA',
  208: 'WRITE BINARY',
  210: 'WRITE RECORD',
  214: 'UPDATE BINARY',
  218: 'PUT DATA',
  219: 'PUT DATA',
  220: 'UPDATE RECORD',
  224: 'CREATE FILE',
  226: 'APPEND RECORD',
  228: 'DELETE FILE',
  230: 'TERMINATE DF',
  232: 'TERMINATE EF',
  254: 'TERMINATE CARD USAGE',
};

/** CLA 80/84: the card's proprietary commands and the PSAM's (FMCOS naming). */
const PROPRIETARY_NAMES: Readonly<Record<number, string>> = {
  14: 'ERASE DF',
  22: 'CARD BLOCK',
  24: 'APPLICATION UNBLOCK',
  26: 'INIT FOR DESCRYPT',
  30: 'APPLICATION BLOCK',
  36: 'PIN UNBLOCK',
  80: 'INITIALIZE FOR PURCHASE', // P1=00 is INITIALIZE FOR LOAD, see commandNameOf (12-payment.md)
  82: 'CREDIT FOR LOAD',
  84: 'DEBIT FOR PURCHASE',
  90: 'GET TRANSACTION PROVE',
  92: 'GET BALANCE',
  94: 'CHANGE PIN', // P1=00 is RELOAD PIN, see commandNameOf
  112: 'INIT SAM FOR PURCHASE', // the PSAM's MAC1 (12-payment.md)
  114: 'CREDIT SAM FOR PURCHASE', // the PSAM's MAC2 check
  212: 'WRITE KEY',
  224: 'CREATE FILE',
  250: 'CIPHER DATA',
};

/**
 * The command's name from its class and INS ("SELECT", "RELOAD PIN", "SESSION INIT");
 * "UNKNOWN CLA INS" when neither table knows it. Secure messaging is not part of the name.
 */
export function commandNameOf(cla: number, ins: number, p1: number): string {
  const info = decodeCla(cla);
  let name: string | undefined;
  if (cla === 0xbf && ins === 0xde)
    name = 'SESSION INIT'; // the PSAM's BF DE (05-psam.md)
  else if (info.class === 'proprietary' && (cla & 0xf0) === 0x80) {
    if (ins === 0x5e && p1 === 0x00) name = 'RELOAD PIN';
    else if (ins === 0x50 && p1 === 0x00) name = 'INITIALIZE FOR LOAD';
    else name = PROPRIETARY_NAMES[ins] ?? ISO_NAMES[ins];
  } else if (info.class === 'interindustry') name = ISO_NAMES[ins];
  return name ?? `UNKNOWN ${hexByte(cla)} ${hexByte(ins)}`;
}

/** Same, from the bytes of a command (at least CLA INS P1); "?" when shorter. */
export function commandName(command: Uint8Array): string {
  if (command.length < 3) return '?';
  return commandNameOf(command[0]!, command[1]!, command[2]!);
}
