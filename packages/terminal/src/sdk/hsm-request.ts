/**
 * What step 1 of a `*_HSM_Step1/Step2` function hands the encryption machine (加密机): the
 * operation, the algorithm, the key's address (PSAM usage/id — the same table an encryption
 * machine is loaded with — and the master's name), the diversification factors card first,
 * the card's challenge (or MAC IV) and the data. As a string: those fields, each ended by `|`:
 * `session-cryptogram|3des|28/11|MP-RK-DF01|8660261122000001|<R>|<X>|`.
 */
import { fromHex, hexByte, toHex } from '@ssc-cos/apdu-codec';
import type { Algorithm } from '@ssc-cos/apdu-codec/crypto';
import { RC, SdkError } from './return-codes.js';

export type HsmOperation = 'session-cryptogram' | 'line-mac' | 'encrypt' | 'reload-pin-mac';

export interface HsmRequest {
  operation: HsmOperation;
  algorithm: Algorithm;
  psam: { usage: number; id: number };
  master: string;
  /** Card factor, then the city factor for a ministry key. */
  factors: Uint8Array[];
  /** The card's challenge (session cryptogram) or the MAC IV (line MAC); empty otherwise. */
  challenge: Uint8Array;
  data: Uint8Array;
}

const OPERATIONS: readonly HsmOperation[] = ['session-cryptogram', 'line-mac', 'encrypt', 'reload-pin-mac'];

export function formatHsmRequest(r: HsmRequest): string {
  const ref = `${hexByte(r.psam.usage)}/${hexByte(r.psam.id)}`;
  return [
    r.operation,
    r.algorithm,
    ref,
    r.master,
    r.factors.map(toHex).join('^'),
    toHex(r.challenge),
    toHex(r.data),
  ]
    .map((f) => `${f}|`)
    .join('');
}

export function parseHsmRequest(text: string): HsmRequest {
  const parts = text.split('|');
  if (parts.length !== 8 || parts[7] !== '')
    throw new SdkError(RC.badParameter, `not an HSM request: "${text}"`);
  const [operation, algorithm, ref, master, factors, challenge, data] = parts as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
  ];
  const m = /^([0-9A-F]{2})\/([0-9A-F]{2})$/i.exec(ref);
  if (
    !OPERATIONS.includes(operation as HsmOperation) ||
    (algorithm !== '3des' && algorithm !== 'sm4') ||
    m === null
  )
    throw new SdkError(RC.badParameter, `not an HSM request: "${text}"`);
  return {
    operation: operation as HsmOperation,
    algorithm,
    psam: { usage: Number.parseInt(m[1]!, 16), id: Number.parseInt(m[2]!, 16) },
    master,
    factors: factors.split('^').map((f) => fromHex(f)),
    challenge: fromHex(challenge),
    data: fromHex(data),
  };
}
