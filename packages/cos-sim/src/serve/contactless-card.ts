/**
 * The dual-interface card as a contactless (PC/SC part 3) reader shows it (issue 10 item 6,
 * `serve --slot PROFILE@PORT:contactless`): the reader builds a pseudo-ATR from the card's
 * historical bytes and answers the pseudo-APDU GET DATA (`FF CA 00 00 Le`: the UID; `FF CA 01 00`:
 * the historical bytes) itself;
 * every other APDU goes to the card, which speaks T=CL (block-oriented like T=1: no 61xx).
 */
import { buildAtr, parseAtr } from '@ssc-cos/apdu-codec';
import type { ServableCard } from './servable-card.js';

/**
 * PC/SC part 3 §3.1.3.2.3, ISO 14443-4 card: `3B 8n 80 01 ‖ historical bytes ‖ TCK` — TD1 = 80
 * (T=0, TD2 follows), TD2 = 01 (T=1), n = number of historical bytes, TCK = XOR of T0..last.
 */
export function contactlessPseudoAtr(historical: Uint8Array): Uint8Array {
  return buildAtr({ groups: [{ protocol: 0 }, { protocol: 1 }], historical });
}

/**
 * [decision] The UID of the test card: the last 4 bytes of its contact ATR (the card serial's
 * sequence part), a single-size (4-byte) ISO 14443-3 UID; a fixed UID, as a card would have.
 */
export function uidFromAtr(atr: Uint8Array): Uint8Array {
  return atr.slice(-4);
}

const SW_OK = [0x90, 0x00];

export class ContactlessCard implements ServableCard {
  private readonly atr: Uint8Array;
  private readonly historical: Uint8Array;
  readonly uid: Uint8Array;

  constructor(
    private readonly card: ServableCard,
    contactAtr: Uint8Array,
    uid: Uint8Array = uidFromAtr(contactAtr),
  ) {
    this.historical = parseAtr(contactAtr).historical.slice();
    this.atr = contactlessPseudoAtr(this.historical);
    this.uid = uid;
  }

  powerOn(): Uint8Array {
    this.card.powerOn();
    return this.atr.slice();
  }

  reset(): Uint8Array {
    this.card.reset();
    return this.atr.slice();
  }

  cutPowerAfterWrites(k: number): void {
    this.card.cutPowerAfterWrites?.(k);
  }

  transmit(command: Uint8Array): Uint8Array {
    if (command.length < 4 || command[0] !== 0xff) return this.card.transmit(command);
    // The reader's own pseudo-APDUs (CLA FF) never reach the card.
    const [, ins, p1, p2] = command;
    if (ins !== 0xca) return Uint8Array.of(0x6a, 0x81); // PC/SC part 3: function not supported
    if (p2 !== 0x00 || (p1 !== 0x00 && p1 !== 0x01)) return Uint8Array.of(0x6a, 0x81);
    if (command.length > 5) return Uint8Array.of(0x67, 0x00);
    // P1 00: the UID; P1 01: the historical bytes of the ATS (the card's, as in the pseudo-ATR).
    const data = p1 === 0x00 ? this.uid : this.historical;
    const le = command.length === 5 ? command[4]! : 0;
    if (le !== 0 && le !== data.length) return Uint8Array.of(0x6c, data.length);
    return Uint8Array.of(...data, ...SW_OK);
  }
}
