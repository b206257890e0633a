/**
 * The reader the SDK functions work on: a contact and a contactless slot (either may be
 * empty), a PSAM slot, and the reader's serial number. One Reader is one physical reader
 * (or its simulation); its transports stay open across calls, so a PIN verified in one call
 * holds for the next as on a real reader, until the card is reset.
 */
import type { Transport } from '@ssc-cos/apdu-codec';
import type { KeySource } from '../key-source.js';
import { PsamKeySource } from '../psam-key-source.js';
import { Terminal } from '../terminal.js';
import { RC, SdkError } from './return-codes.js';

export interface Reader {
  contact: Transport | null;
  contactless: Transport | null;
  psam: Transport | null;
  /** 终端设备号: the reader's serial (iReadCardBas field 11, iGetReaderInfo). */
  serial: string;
  /** The terminal's random X and N blocks (default node:crypto); tests fix it to compare two runs byte for byte. */
  random?: (length: number) => Uint8Array;
}

/** iType (10-terminal-api.md): 1 contact, 2 contactless, 3 auto contact first, 4 auto contactless first. */
export type IType = 1 | 2 | 3 | 4;

export function parseIType(value: number | string): IType {
  const n = typeof value === 'number' ? value : /^[1-4]$/.test(value) ? Number(value) : Number.NaN;
  if (n !== 1 && n !== 2 && n !== 3 && n !== 4)
    throw new SdkError(RC.badParameter, `iType must be 1, 2, 3 or 4, not "${value}"`);
  return n;
}

/** The slot iType asks for; −2 when it holds no card. */
export function cardSlot(reader: Reader, iType: IType): Transport {
  const order: (Transport | null)[] =
    iType === 1
      ? [reader.contact]
      : iType === 2
        ? [reader.contactless]
        : iType === 3
          ? [reader.contact, reader.contactless]
          : [reader.contactless, reader.contact];
  const card = order.find((t) => t !== null);
  if (card === undefined || card === null)
    throw new SdkError(RC.noCard, `no card in the ${slotName(iType)} slot`);
  return card;
}

function slotName(iType: IType): string {
  return iType === 1 ? 'contact' : iType === 2 ? 'contactless' : 'contact or contactless';
}

/** The reader's PSAM as a key source; −2201 when the PSAM slot is empty. */
export function psamKeys(reader: Reader): PsamKeySource {
  if (reader.psam === null) throw new SdkError(RC.noPsam, 'no PSAM in the reader');
  return new PsamKeySource(reader.psam);
}

/**
 * A terminal session on the card of the slot iType names, computing with `keys` (the PSAM by
 * default). Opening reads the ATR and selects the SSSE; a card without it is −1.
 */
export async function openCard(reader: Reader, iType: IType, keys?: KeySource): Promise<Terminal> {
  const card = cardSlot(reader, iType);
  const options = reader.random === undefined ? {} : { random: reader.random };
  return Terminal.open(card, keys ?? (reader.psam === null ? NO_PSAM : psamKeys(reader)), options);
}

/** Stands in for the PSAM when there is none: free items still read, keyed ones answer −2201. */
const NO_PSAM: KeySource = {
  name: 'no PSAM',
  sessionCryptogram: noPsam,
  lineMac: noPsam,
  encrypt: noPsam,
  reloadPinMac: noPsam,
};

async function noPsam(): Promise<never> {
  throw new SdkError(RC.noPsam, 'no PSAM in the reader: this needs a card key');
}
