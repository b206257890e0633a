/**
 * What a terminal knows from the spec alone: the master keys of 06-keys.md, the test card's ATR
 * and factors (01-card.md) and the diversification of 04-crypto.md. Tests derive every card key
 * from here, never from the image under test.
 */
import { type Algorithm, diversify } from '@ssc-cos/apdu-codec/crypto';
import type { AccessRule } from '../../src/image/types.js';
import { ascii, hex } from './bytes.js';

export type Generation = '2g' | '3g';

/** 06-keys.md master keys (the same values serve 3DES and SM4). */
export const MASTER_KEYS = {
  'MP-PUK': '122165624B75F7D72224B4A5A70087FF',
  'MP-RPK': 'C5F58239745A28D0B1EEEC545EF933CB',
  'MP-STK': '62CF7E2C8725CBB0EE7CA6DD12E5C7E8',
  'MM-UB': '875EAA7BD3F1F6D1155AE54F88BA7831',
  'MM-IRK': 'D056D473C1D83B343389B498DFDED816',
  'MM-RB': '741526930B54C5FC3DCD25A02C4346A7',
  'MM-UE': '51C8E76A5A34BD39201A05511045D36F',
  'MP-MK': '66D82906BD8DA8A5A1B500C5E9B6D78A',
} as const;

/** 06-keys.md zone masters: RK, UK, STK, MK per DF (keyed by FID, 0xDF01 = 57089). */
export const ZONE_MASTER_KEYS: Record<number, { RK: string; UK: string; STK: string; MK: string }> = {
  57089: {
    // DF01
    RK: '9B6C2478C5F0767A9BF1446A17107A1E',
    UK: '73B44E7D857E5C8020F0355D8462741C',
    STK: '5F3BB4DFC42A3D2D99DDEF0B8B0C7E35',
    MK: '200278E7B82418B44BE3F8EB6CACACBF',
  },
  57090: {
    // DF02
    RK: '57CC4DD488A060D9888BE0B399EE8848',
    UK: '5C076BB78F201BABC75CF2B8EC07B78F',
    STK: '6E33DA520BB22202A445DFE0E194D84F',
    MK: 'CF19D2A1242E8190CE18E32347F04A6B',
  },
  57091: {
    // DF03
    RK: 'C09BEF91E5961BA9A383FBE4E8972546',
    UK: '954097ED555E24C8DFF3091C94981F29',
    STK: 'B5A0231908947EE0DBBD00E7C478648F',
    MK: '962F5F2A869A49F582BA78A2236AEB75',
  },
  57092: {
    // DF04
    RK: '2BB240AB6BE62579B5F4C45BF021B541',
    UK: 'C47CFDA39326EA946D137F1E83BAF044',
    STK: '385B84FEA63F85C5736E1ABA5D86D5FA',
    MK: '0B9469951ECC9E187ACE1BE128E186F0',
  },
};

/** 01-card.md: ATR of the test card; the card factor is its last 8 bytes. */
export const TEST_ATR = hex('3B6D00000090543116866026112200000' + '1');
export const CARD_FACTOR = TEST_ATR.subarray(TEST_ATR.length - 8);
/** Region 110100 → ASCII "110100" ‖ "sx". */
export const CITY_FACTOR = ascii('110100sx');
export const SSSE_NAME = hex('7378312E73682EC9E7BBE1B1A3D5CF');

export function provinceKey(alg: Algorithm, master: string): Uint8Array {
  return diversify(alg, hex(master), CARD_FACTOR);
}

export function ministryKey(alg: Algorithm, master: string): Uint8Array {
  return diversify(alg, diversify(alg, hex(master), CITY_FACTOR), CARD_FACTOR);
}

export function rule(text: string): AccessRule {
  const sm = text.endsWith(' +SM');
  const body = sm ? text.slice(0, -4) : text;
  const [kind, key] = body.split(' ') as [AccessRule['kind'], string | undefined];
  return key === undefined ? { kind, sm } : { kind, key: Number.parseInt(key, 16), sm };
}
