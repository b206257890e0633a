/**
 * Every command handler, mapped INS → handler (engine/ins-table.ts): one frozen list for the
 * user's card, one for the PSAM (an image of kind "psam" answers with the PSAM list), and their
 * tables, built once when this module loads. To add a command, import its handler and add it
 * to the list here (one INS each; a second handler for an INS throws at load).
 */
import type { AnyCommandHandler } from '../engine/handler.js';
import { buildInsTable, type InsTable } from '../engine/ins-table.js';
import { externalAuthenticateHandler, internalAuthenticateHandler } from './auth.js';
import { readBinaryHandler, updateBinaryHandler } from './binary.js';
import { getChallengeHandler } from './challenge.js';
import { getResponseHandler } from './get-response.js';
import { applicationBlockHandler, applicationUnblockHandler, cardBlockHandler } from './lifecycle.js';
import { getBalanceHandler } from './passbook-balance.js';
import { creditHandler } from './passbook-credit.js';
import { debitHandler } from './passbook-debit.js';
import { initializeHandler } from './passbook-initialize.js';
import { getTransactionProveHandler } from './passbook-prove.js';
import { persoHandlers } from './perso-handlers.js';
import { changeReloadPinHandler, pinUnblockHandler, verifyHandler } from './pin.js';
import { unwrapEnvelopeHandler } from './pki-envelope.js';
import { generateKeyPairHandler } from './pki-key-generation.js';
import { writeKeyPairHandler } from './pki-key-write.js';
import { pinDigestHandler } from './pki-pin-digest.js';
import { readPublicKeyHandler } from './pki-public-key.js';
import { loadSessionKeyHandler } from './pki-session-key.js';
import { signatureHandler } from './pki-signature.js';
import { cipherDataHandler } from './psam-cipher-data.js';
import { initForDescryptHandler } from './psam-init-for-descrypt.js';
import { creditSamForPurchaseHandler, initSamForPurchaseHandler } from './psam-purchase.js';
import { sessionInitHandler } from './psam-session-init.js';
import { appendRecordHandler, readRecordHandler, updateRecordHandler } from './records.js';
import { selectHandler } from './select.js';

export const commandHandlers: readonly AnyCommandHandler[] = Object.freeze([
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
  initializeHandler,
  debitHandler,
  creditHandler,
  getBalanceHandler,
  getTransactionProveHandler,
  // 11-pki: the PKI application (docs/pki.md); its ciphered VERIFY and admin PIN change are pin.ts's.
  pinDigestHandler,
  generateKeyPairHandler,
  readPublicKeyHandler,
  unwrapEnvelopeHandler,
  loadSessionKeyHandler,
  writeKeyPairHandler,
  signatureHandler,
]);

/** The PSAM (05-psam.md): file access of its own, then its key commands (psam-*.ts). */
export const psamCommandHandlers: readonly AnyCommandHandler[] = Object.freeze([
  selectHandler,
  readBinaryHandler,
  getResponseHandler,
  initForDescryptHandler,
  sessionInitHandler,
  cipherDataHandler,
  initSamForPurchaseHandler,
  creditSamForPurchaseHandler,
]);

export const cardInsTable: InsTable = buildInsTable(commandHandlers);
export const psamInsTable: InsTable = buildInsTable(psamCommandHandlers);
