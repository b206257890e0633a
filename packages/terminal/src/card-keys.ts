/**
 * The card keys a terminal uses, as 06-keys.md lists them: where each lives (DF, id), how it
 * is diversified (ministry: city then card; province: card), which master it comes from and
 * which PSAM key (usage, id) holds that master. A vendor's card with other ids passes its
 * own table to the Terminal.
 */
import type { KeyFamily } from '@ssc-cos/apdu-codec/crypto';

export type { KeyFamily };

export const MF = 0x3f00;

export interface CardKeyRef {
  /** DF holding the key: 3F00 for the SSSE (MF), DF01..DF04 for the zones. */
  df: number;
  id: number;
  family: KeyFamily;
  /** Name of the master key (06-keys.md), for a MasterKeySource. */
  master: string;
  /** PSAM key table entry holding the master (05-psam.md). */
  psam: { usage: number; id: number };
}

/** Well-known card key ids (06-keys.md). */
export const KEY_ID = {
  pinUnblock: 0x01,
  pinReload: 0x02,
  lineProtection: 0x03,
  updateBasicData: 0x04,
  internalAuth: 0x05,
  readBiometrics: 0x07,
  updatePersonCodes: 0x0d,
  master: 0x0f,
  /** Zone keys. */
  zoneRead: 0x01,
  zoneUpdate: 0x02,
  zoneLine: 0x03,
  zoneMaster: 0x0f,
} as const;

function key(
  df: number,
  id: number,
  family: KeyFamily,
  master: string,
  usage: number,
  psamId: number,
): CardKeyRef {
  return { df, id, family, master, psam: { usage, id: psamId } };
}

const ZONES = [1, 2, 3, 4] as const;

/** 06-keys.md "Card key table" of the built-in profiles. */
export const STANDARD_CARD_KEYS: readonly CardKeyRef[] = [
  key(MF, 0x01, 'province', 'MP-PUK', 0x23, 0x01),
  key(MF, 0x02, 'province', 'MP-RPK', 0x24, 0x02),
  key(MF, 0x03, 'province', 'MP-STK', 0x25, 0x03),
  key(MF, 0x04, 'ministry', 'MM-UB', 0x48, 0x12),
  key(MF, 0x05, 'ministry', 'MM-IRK', 0x47, 0x15),
  key(MF, 0x07, 'ministry', 'MM-RB', 0x48, 0x5d),
  key(MF, 0x0d, 'ministry', 'MM-UE', 0x48, 0x13),
  key(MF, 0x0f, 'province', 'MP-MK', 0x20, 0x0f),
  ...ZONES.flatMap((n) => {
    const df = 0xdf00 + n;
    return [
      key(df, 0x01, 'province', `MP-RK-DF0${n}`, 0x28, 0x10 + n),
      key(df, 0x02, 'province', `MP-UK-DF0${n}`, 0x28, 0x20 + n),
      key(df, 0x03, 'province', `MP-STK-DF0${n}`, 0x25, 0x30 + n),
      key(df, 0x0f, 'province', `MP-MK-DF0${n}`, 0x20, 0x40 + n),
    ];
  }),
];

/** Names of every master in STANDARD_CARD_KEYS. */
export const STANDARD_MASTER_NAMES: readonly string[] = STANDARD_CARD_KEYS.map((k) => k.master);

/** Looks a key up in a table; undefined when the card has no such key. */
export function findCardKey(table: readonly CardKeyRef[], df: number, id: number): CardKeyRef | undefined {
  return table.find((k) => k.df === df && k.id === id);
}
