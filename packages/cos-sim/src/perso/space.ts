/** Space a DF already spends on its key file and children (physical-size.ts rules). */
import type { DedicatedFile } from '../image/types.js';
import { recordFileSize, transparentFileSize } from './physical-size.js';

export function usedSpace(df: DedicatedFile): number {
  let used = df.keyFile?.space ?? 0;
  for (const c of df.children) {
    used +=
      c.type === 'df'
        ? c.space
        : c.type === 'transparent'
          ? transparentFileSize(c.size)
          : recordFileSize(c.maxRecords, c.recordLength);
  }
  return used;
}
