/**
 * Every command handler, mapped INS → handler by the engine (engine/ins-table.ts): one list for
 * the user's card, one for the PSAM (an image of kind "psam" answers with the PSAM list).
 * To add a command family, import its handlers and append them to the list (one INS each).
 */
import type { AnyCommandHandler } from '../engine/handler.js';
import { externalAuthenticateHandler, internalAuthenticateHandler } from './auth.js';
import { readBinaryHandler, updateBinaryHandler } from './binary.js';
import { getChallengeHandler } from './challenge.js';
import { getResponseHandler } from './get-response.js';
import { applicationBlockHandler, applicationUnblockHandler, cardBlockHandler } from './lifecycle.js';
import { persoHandlers } from './perso-handlers.js';
import { changeReloadPinHandler, pinUnblockHandler, verifyHandler } from './pin.js';
import { cipherDataHandler } from './psam-cipher-data.js';
import { initForDescryptHandler } from './psam-init-for-descrypt.js';
import { sessionInitHandler } from './psam-session-init.js';
import { appendRecordHandler, readRecordHandler, updateRecordHandler } from './records.js';
import { selectHandler } from './select.js';

export const commandHandlers: AnyCommandHandler[] = [
  selectHandler,
  readBinaryHandler,
  updateBinaryHandler,
  readRecordHandler,
  updateRecordHandler,
  appendRecordHandler,
  getChallengeHandler,
  getResponseHandler,
  externalAuthenticateHandler,
  internalAuthenticateHandler,
  verifyHandler,
  changeReloadPinHandler,
  pinUnblockHandler,
  applicationBlockHandler,
  applicationUnblockHandler,
  cardBlockHandler,
  ...persoHandlers,
];

/** The PSAM (05-psam.md): file access of its own, then its key commands (appended by psam-*.ts). */
export const psamCommandHandlers: AnyCommandHandler[] = [
  selectHandler,
  readBinaryHandler,
  getResponseHandler,
  initForDescryptHandler,
  sessionInitHandler,
  cipherDataHandler,
];
