/**
 * ERASE DF `80 0E 00 00` (09-perso.md): removes everything under the current DF — its files,
 * child DFs, key file and keys — when its erase right (the DF master key, KEY 0F, or an open
 * DF) is met. The DF itself, its name and rights stay — except the MF: erasing it leaves the
 * blank chip's MF (perso/blank-chip.ts), which CREATE FILE 3F00 defines again.
 */
import { defineHandler } from '../engine/handler.js';
import {
  OK,
  SW_CONDITIONS_NOT_SATISFIED,
  SW_SUCCESS,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
} from '../engine/status.js';
import type { Mutable } from '../image/mutable.js';
import type { DedicatedFile } from '../image/types.js';
import { blankMf } from '../perso/blank-chip.js';
import { managementRule } from '../perso/management-access.js';

function holdsPermanentBlock(df: DedicatedFile): boolean {
  return (
    df.lifecycle === 'permanently-blocked' ||
    df.children.some((c) => c.type === 'df' && holdsPermanentBlock(c))
  );
}

export const eraseDfHandler = defineHandler<DedicatedFile>({
  name: 'ERASE DF',
  ins: 0x0e,
  classes: [0x80],
  checkParams: (cmd) => (cmd.p1 === 0 && cmd.p2 === 0 ? OK : SW_WRONG_P1P2),
  checkLengths: (cmd) => (cmd.data.length === 0 && cmd.ne === null ? OK : SW_WRONG_LENGTH),
  resolve: (_cmd, ctx) => ctx.session.currentDf,
  access: (_cmd, df) => managementRule(df),
  // 09-perso.md §v2: erasing would make a permanently blocked application usable again.
  checkData: (_cmd, df) => (holdsPermanentBlock(df) ? SW_CONDITIONS_NOT_SATISFIED : OK),
  execute(_cmd, _df, ctx) {
    const depth = ctx.session.dfPath.length - 1;
    if (depth === 0) {
      ctx.tx.updateDf(0, () => blankMf());
      return SW_SUCCESS;
    }
    ctx.tx.updateDf(depth, (df) => {
      const erased: Mutable<DedicatedFile> = { ...df, keyFile: null, keys: [], children: [] };
      if (erased.psamKeys !== undefined) delete erased.psamKeys;
      return erased;
    });
    return SW_SUCCESS;
  },
});
