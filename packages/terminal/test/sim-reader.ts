/**
 * An in-process reader for the SDK tests: cos-sim's card in the contact slot and one of its
 * PSAMs (under the card's algorithm) in the PSAM slot. `inService` runs the issuer's 开卡 first
 * (DF04 is issued temporarily blocked, 01-card.md), with the test master keys, as a card in a
 * hospital has had it.
 */
import { buildImage, Card, CardTransport, loadProfile } from '@ssc-cos/cos-sim';
import { MasterKeySource, type Reader, Terminal, testMasterKeys } from '../src/index.js';
import { simPsam } from './in-process-target.js';

export const SIM_SERIAL = 'SIM000000001';

export interface SimReader extends Reader {
  card: Card;
}

export async function simReader(
  profile: 'ssc-2g-des' | 'ssc-3g-sm4' | 'ssc-3g-des',
  psam: string | null,
  options: {
    inService?: boolean;
    /** Reproducible card challenges, and the card side of every exchange. */
    seed?: number;
    trace?: (command: Uint8Array, response: Uint8Array) => void;
  } = {},
): Promise<SimReader> {
  const image = buildImage(loadProfile(profile));
  const card = new Card(image, {
    ...(options.seed === undefined ? {} : { seed: options.seed }),
    ...(options.trace === undefined ? {} : { trace: options.trace }),
  });
  card.powerOn();
  const contact = new CardTransport(card);
  if (options.inService ?? true) {
    const issuer = await Terminal.open(contact, new MasterKeySource(testMasterKeys()));
    await issuer.activateZone(0xdf04);
  }
  const psamTransport = psam === null ? null : simPsam(psam, image.algorithm);
  return { card, contact, contactless: null, psam: psamTransport, serial: SIM_SERIAL };
}
