/** iGetReaderInfo (10-terminal-api.md): `读卡器序列号|终端机编号|` — the reader's serial and the PSAM's EF16. */
import { toHex } from '@ssc-cos/apdu-codec';
import { answer, fields, type SdkAnswer } from './answer.js';
import { psamKeys, type Reader } from './reader.js';
import type { SdkFunction } from './sdk-function.js';

export interface ReaderInfo {
  serial: string;
  /** 12 digits (cn 6). */
  terminalNumber: string;
}

export async function readerInfo(reader: Reader): Promise<ReaderInfo> {
  const number = await psamKeys(reader).terminalNumber();
  return { serial: reader.serial, terminalNumber: toHex(number) };
}

export function iGetReaderInfo(reader: Reader): Promise<SdkAnswer> {
  return answer(async () => {
    const info = await readerInfo(reader);
    return fields([info.serial, info.terminalNumber]);
  });
}

export const READER_INFO_FUNCTIONS: readonly SdkFunction[] = [
  { name: 'iGetReaderInfo', params: [], call: (reader) => iGetReaderInfo(reader) },
];
