/**
 * SELECT (00 A4): by FID (P1 00/02, child DF P1 01, MF with no data) or DF name (P1 04),
 * 01-card.md / 02-commands.md §v2.
 * A DF answers its FCI (T=1 directly, T=0 through 61xx); an EF answers 9000 without data.
 * A blocked DF still becomes current and answers 6283 (T=1 with its FCI, T=0 without data).
 */

import { childByFid, dfFci, dfPathByName } from '../engine/file-system.js';
import { defineHandler } from '../engine/handler.js';
import { respond } from '../engine/outcome.js';
import {
  OK,
  SW_BLOCKED_DF_SELECTED,
  SW_FILE_NOT_FOUND,
  SW_SUCCESS,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
  swBytesAvailable,
} from '../engine/status.js';
import { MF_FID } from '../image/nodes.js';
import type { DedicatedFile, ElementaryFile } from '../image/types.js';

type Selection = { kind: 'df'; path: DedicatedFile[] } | { kind: 'ef'; ef: ElementaryFile };

const BY_FID = 0x00;
/** 02-commands §v2 (ISO 7816-4): a DF that is a child of the current DF, by FID. */
const CHILD_DF_BY_FID = 0x01;
const EF_BY_FID = 0x02;
const BY_NAME = 0x04;

export const selectHandler = defineHandler<Selection>({
  name: 'SELECT',
  ins: 0xa4,
  classes: [0x00],
  allowedWhenBlocked: true,
  checkParams(cmd) {
    if (cmd.p1 !== BY_FID && cmd.p1 !== CHILD_DF_BY_FID && cmd.p1 !== EF_BY_FID && cmd.p1 !== BY_NAME)
      return SW_WRONG_P1P2;
    return cmd.p2 === 0x00 ? OK : SW_WRONG_P1P2;
  },
  checkLengths(cmd) {
    const n = cmd.data.length;
    if (cmd.p1 === BY_NAME) return n >= 1 && n <= 16 ? OK : SW_WRONG_LENGTH;
    // 02-commands §v2: P1=00 with no data (00 A4 00 00 00, or 00 A4 00 00 under T=0) is the MF.
    if (cmd.p1 === BY_FID && n === 0) return OK;
    return n === 2 ? OK : SW_WRONG_LENGTH;
  },
  resolve(cmd, ctx) {
    const mf = ctx.image.mf;
    if (cmd.p1 === BY_NAME) {
      const path = dfPathByName(mf, cmd.data);
      return path ? { kind: 'df', path } : SW_FILE_NOT_FOUND;
    }
    if (cmd.data.length === 0) return { kind: 'df', path: [mf] };
    const fid = (cmd.data[0]! << 8) | cmd.data[1]!;
    const path = ctx.session.dfPath;
    const current = path[path.length - 1]!;
    const child = childByFid(current, fid);
    if (cmd.p1 === EF_BY_FID) {
      return child && child.type !== 'df' ? { kind: 'ef', ef: child } : SW_FILE_NOT_FOUND;
    }
    if (cmd.p1 === CHILD_DF_BY_FID) {
      return child && child.type === 'df' ? { kind: 'df', path: [...path, child] } : SW_FILE_NOT_FOUND;
    }
    // 02-commands §v2: a profile may turn the 3F00 form off, as on some issued cards.
    if (fid === MF_FID) {
      return ctx.image.options.mfSelectableByFid === false ? SW_FILE_NOT_FOUND : { kind: 'df', path: [mf] };
    }
    if (child)
      return child.type === 'df' ? { kind: 'df', path: [...path, child] } : { kind: 'ef', ef: child };
    // [decision] as ISO 7816-4 allows: the current DF itself, its parent, and its sibling DFs.
    if (fid === current.fid) return { kind: 'df', path: path.slice() };
    if (path.length >= 2) {
      const parent = path[path.length - 2]!;
      if (fid === parent.fid) return { kind: 'df', path: path.slice(0, -1) };
      const sibling = childByFid(parent, fid);
      if (sibling && sibling.type === 'df') return { kind: 'df', path: [...path.slice(0, -1), sibling] };
    }
    return SW_FILE_NOT_FOUND;
  },
  execute(cmd, target, ctx) {
    if (target.kind === 'ef') {
      ctx.session.selectEf(target.ef);
      return SW_SUCCESS;
    }
    ctx.session.enterDf(target.path);
    const fci = dfFci(target.path[target.path.length - 1]!);
    const blocked = target.path.some((df) => df.lifecycle !== 'active');
    // [decision] An empty SELECT under T=0 answers like every SELECT there: its P3 is an Lc of
    // 0, not an Le, so the FCI comes through 61xx (a blocked DF: 6283 without data, 03-security).
    if (cmd.data.length === 0 && ctx.image.options.transport === 'T0') {
      if (blocked) return SW_BLOCKED_DF_SELECTED;
      ctx.session.pending = fci;
      return swBytesAvailable(fci.length);
    }
    return blocked ? respond(fci, SW_BLOCKED_DF_SELECTED) : respond(fci);
  },
});
