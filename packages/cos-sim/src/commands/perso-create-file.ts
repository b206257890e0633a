/**
 * CREATE FILE `80 E0 FID Lc data` (09-perso.md): creates the MF (on a blank chip), a DF, the
 * current DF's key file or an EF in the current DF, with the FMCOS layouts and this project's
 * vendor extensions (perso/fmcos-layout.ts). It also takes the vendor "issue" form `E2 01 lc`
 * that sets the lifecycle of an existing child DF (how DF04 is issued temporarily blocked).
 */
import type { CommandContext } from '../engine/context.js';
import { defineHandler } from '../engine/handler.js';
import {
  OK,
  SW_CONDITIONS_NOT_SATISFIED,
  SW_FILE_NOT_FOUND,
  SW_NOT_ENOUGH_SPACE,
  SW_SUCCESS,
  SW_WRONG_DATA,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
} from '../engine/status.js';
import {
  dedicatedFile,
  defaultFciProprietary,
  keyFileDescriptor,
  MF_FID,
  recordFile,
  transparentFile,
} from '../image/nodes.js';
import { recordFileSize, transparentFileSize } from '../image/physical-size.js';
import { usedSpace } from '../image/space.js';
import type { DedicatedFile, FileNode } from '../image/types.js';
import { isBlankMf } from '../perso/blank-chip.js';
import { type CreateFileData, decodeCreateFile } from '../perso/fmcos-layout.js';
import { isOpenDf, managementRule } from '../perso/management-access.js';

/** MF, DF, DF: FMCOS nests at most 3 DF levels counting the MF (09-perso.md) → 6A80 beyond. */
const MAX_DF_DEPTH_INDEX = 2;

interface CreateTarget {
  /** DF the command writes into (the MF itself when defining the MF). */
  df: DedicatedFile;
  depth: number;
  fid: number;
  spec: CreateFileData;
}

const fidOf = (p1: number, p2: number): number => (p1 << 8) | p2;

function childWithFid(df: DedicatedFile, fid: number): FileNode | undefined {
  return df.children.find((c) => c.fid === fid);
}

/**
 * 09-perso.md §v2: the issue ("end of creation") form belongs to personalisation. It applies
 * only while the DF holding the child is still being built (open: no master key 0F yet, as in
 * the perso script, which issues child DFs before the parent's keys) and never to a permanently
 * blocked DF: once issued, DF04 is activated by APPLICATION UNBLOCK with its own line key.
 */
function issueAllowed(parent: DedicatedFile, fid: number): number {
  const child = childWithFid(parent, fid);
  if (child?.type === 'df' && child.lifecycle === 'permanently-blocked') return SW_CONDITIONS_NOT_SATISFIED;
  return isOpenDf(parent) ? OK : SW_CONDITIONS_NOT_SATISFIED;
}

export const createFileHandler = defineHandler<CreateTarget>({
  name: 'CREATE FILE',
  ins: 0xe0,
  classes: [0x80],
  checkParams(cmd) {
    return fidOf(cmd.p1, cmd.p2) === 0xffff ? SW_WRONG_P1P2 : OK;
  },
  checkLengths(cmd) {
    if (cmd.ne !== null || cmd.data.length === 0) return SW_WRONG_LENGTH;
    const spec = decodeCreateFile(fidOf(cmd.p1, cmd.p2), cmd.data);
    return 'error' in spec && spec.error === 'length' ? SW_WRONG_LENGTH : OK;
  },
  resolve(cmd, ctx: CommandContext) {
    const fid = fidOf(cmd.p1, cmd.p2);
    const decoded = decodeCreateFile(fid, cmd.data);
    if ('error' in decoded) return SW_WRONG_DATA;
    const spec = decoded;
    if (fid === MF_FID) {
      // Only a blank chip's MF (or an erased card's) can be defined, and only as a DF.
      const mf = ctx.session.dfPath[0]!;
      if (!isBlankMf(mf)) return SW_WRONG_P1P2;
      if (spec.kind !== 'df') return SW_WRONG_DATA;
      return { df: mf, depth: 0, fid, spec };
    }
    const df = ctx.session.currentDf;
    const depth = ctx.session.dfPath.length - 1;
    const existing = childWithFid(df, fid);
    if (spec.kind === 'issue') {
      return existing?.type === 'df' ? { df, depth, fid, spec } : SW_FILE_NOT_FOUND;
    }
    if (spec.kind === 'passbook') return df.passbook === undefined ? { df, depth, fid, spec } : SW_WRONG_P1P2;
    if (existing !== undefined || df.keyFile?.fid === fid) return SW_WRONG_P1P2;
    if (spec.kind === 'key-file' && df.keyFile !== null) return SW_WRONG_P1P2;
    return { df, depth, fid, spec };
  },
  access: (_cmd, t) => managementRule(t.df),
  checkData(_cmd, t) {
    const { spec, df } = t;
    if (spec.kind === 'issue') return issueAllowed(df, t.fid);
    // [decision] The passbook takes no space of the DF's (its few bytes are the COS's own).
    if (t.fid === MF_FID || spec.kind === 'passbook') return OK;
    let needs: number;
    switch (spec.kind) {
      case 'df':
        if (t.depth + 1 > MAX_DF_DEPTH_INDEX) return SW_WRONG_DATA;
        needs = spec.space;
        break;
      case 'key-file':
        needs = spec.space;
        break;
      case 'ef':
        if (
          spec.structure === 'transparent' ? spec.size === 0 : spec.count === 0 || spec.recordLength === 0
        ) {
          return SW_WRONG_DATA;
        }
        if (spec.sfi !== null && df.children.some((c) => c.type !== 'df' && c.sfi === spec.sfi))
          return SW_WRONG_DATA;
        needs =
          spec.structure === 'transparent'
            ? transparentFileSize(spec.size)
            : recordFileSize(spec.count, spec.recordLength);
        break;
    }
    return usedSpace(df) + needs > df.space ? SW_NOT_ENOUGH_SPACE : OK;
  },
  execute(_cmd, t, ctx) {
    const { spec, fid } = t;
    const algorithm = ctx.image.algorithm;
    const newDf = (s: Extract<CreateFileData, { kind: 'df' }>): DedicatedFile =>
      dedicatedFile({
        fid,
        name: s.name.length === 0 ? null : s.name,
        fciProprietary: defaultFciProprietary(fid, algorithm),
        lifecycle: 'active',
        space: s.space,
        createRight: s.createRight,
        eraseRight: s.eraseRight,
        keyFile: null,
        keys: [],
        children: [],
      });
    if (fid === MF_FID && spec.kind === 'df') {
      ctx.tx.updateDf(0, () => newDf(spec));
      return SW_SUCCESS;
    }
    ctx.tx.updateDf(t.depth, (df) => {
      switch (spec.kind) {
        case 'issue':
          return {
            ...df,
            children: df.children.map((c) =>
              c.type === 'df' && c.fid === fid ? { ...c, lifecycle: spec.lifecycle } : c,
            ),
          };
        case 'key-file':
          return { ...df, keyFile: keyFileDescriptor(fid, spec.space, spec.addRight) };
        case 'passbook':
          return {
            ...df,
            passbook: {
              balance: spec.balance,
              onlineCounter: 0,
              offlineCounter: 0,
              overdraftLimit: spec.overdraftLimit,
              lastProof: null,
            },
          };
        case 'df':
          return { ...df, children: [...df.children, newDf(spec)] };
        case 'ef': {
          const common = { fid, sfi: spec.sfi, read: spec.read, write: spec.write };
          const ef =
            spec.structure === 'transparent'
              ? transparentFile(common, spec.size, null)
              : recordFile(common, spec.structure, spec.count, spec.recordLength, []);
          return { ...df, children: [...df.children, ef] };
        }
      }
    });
    return SW_SUCCESS;
  },
});
