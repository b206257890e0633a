/**
 * WRITE KEY `80/84 D4 P1 kid Lc data` (09-perso.md): P1 = 01 adds a key to the current DF's
 * key file, P1 = its type byte replaces the key (type, kid) with a record of the same length.
 * CLA 84 [decision, docs/profile.md]: the data carry a line MAC under the DF master key (0F)
 * with the pending challenge as IV. They are an LD block encrypted under the same key when the
 * type says so (bits 8 and 7): in P1 for a replace; for an add, when the data decrypt to a
 * well-formed LD block whose type byte has both bits — otherwise they are the plain record,
 * whose type must have bit 8 only.
 */
import { decryptLdBlock, MAC_LENGTH } from '@ssc-cos/apdu-codec/crypto';
import type { CommandContext } from '../engine/context.js';
import { type Command, defineHandler } from '../engine/handler.js';
import {
  OK,
  SW_FILE_NOT_FOUND,
  SW_KEY_NOT_FOUND,
  SW_NOT_ENOUGH_SPACE,
  SW_SUCCESS,
  SW_WRONG_DATA,
  SW_WRONG_LENGTH,
  SW_WRONG_P1P2,
} from '../engine/status.js';
import { withKey } from '../image/key-order.js';
import { keyRecordSize, PSAM_KEY_RECORD_SIZE, writeKeyDataLength } from '../image/physical-size.js';
import type { DedicatedFile, KeyObject } from '../image/types.js';
import {
  decodeKeyRecord,
  KEY_FLAG_ENCRYPTED,
  KEY_FLAG_MAC,
  keyTypeInDf,
  keyTypeOfByte,
} from '../perso/fmcos-layout.js';
import { managementRule, masterKeyOf } from '../perso/management-access.js';

const P1_ADD = 0x01;
const FLAGS = KEY_FLAG_MAC | KEY_FLAG_ENCRYPTED;

interface WriteKeyTarget {
  df: DedicatedFile;
  depth: number;
  /** Replace: the key being replaced. Add: null. */
  existing: KeyObject | null;
  /** Filled by checkData: the key to store. */
  key: KeyObject | null;
}

/** The key record a secure (CLA 84) WRITE KEY carries, MAC removed; null if it cannot be read. */
function secureRecord(
  cmd: Command,
  ctx: CommandContext,
  master: KeyObject,
): { record: Uint8Array | null; encrypted: boolean } {
  const alg = ctx.image.algorithm;
  if (cmd.p1 !== P1_ADD) {
    if ((cmd.p1 & KEY_FLAG_ENCRYPTED) === 0) return { record: cmd.data, encrypted: false };
    return { record: decryptLdBlock(alg, master.value, cmd.data), encrypted: true };
  }
  if (cmd.data.length % ctx.blockSize === 0) {
    const clear = decryptLdBlock(alg, master.value, cmd.data);
    if (clear !== null && ((clear[0] ?? 0) & FLAGS) === FLAGS) return { record: clear, encrypted: true };
  }
  return { record: cmd.data, encrypted: false };
}

function keyBytesUsed(df: DedicatedFile): number {
  let used = 0;
  for (const k of df.keys) used += keyRecordSize(writeKeyDataLength(k.type, k.value.length));
  return used + (df.psamKeys?.length ?? 0) * PSAM_KEY_RECORD_SIZE;
}

export const writeKeyHandler = defineHandler<WriteKeyTarget>({
  name: 'WRITE KEY',
  ins: 0xd4,
  classes: [0x80, 0x84],
  checkParams(cmd) {
    return cmd.p1 === P1_ADD || keyTypeOfByte(cmd.p1) !== undefined ? OK : SW_WRONG_P1P2;
  },
  checkLengths(cmd) {
    const min = cmd.cla & 0x04 ? MAC_LENGTH + 1 : 5;
    return cmd.data.length >= min && cmd.ne === null ? OK : SW_WRONG_LENGTH;
  },
  resolve(cmd, ctx: CommandContext) {
    const df = ctx.session.currentDf;
    if (df.keyFile === null) return SW_FILE_NOT_FOUND;
    const depth = ctx.session.dfPath.length - 1;
    if (cmd.p1 === P1_ADD) return { df, depth, existing: null, key: null };
    const type = keyTypeInDf(keyTypeOfByte(cmd.p1)!, df);
    const existing = df.keys.find((k) => k.id === cmd.p2 && k.type === type);
    return existing === undefined ? SW_KEY_NOT_FOUND : { df, depth, existing, key: null };
  },
  access: (_cmd, t) => managementRule(t.df),
  secureMessaging(cmd, t) {
    // Plain CLA 80: the type byte (P1 for a replace, else the first data byte) says if a MAC is due.
    const type = cmd.p1 !== P1_ADD ? cmd.p1 : (cmd.data[0] ?? 0);
    return {
      required: (type & KEY_FLAG_MAC) !== 0,
      key: masterKeyOf(t.df) ?? null,
      macResponse: false,
    };
  },
  checkData(cmd, t, ctx) {
    const secure = (cmd.cla & 0x04) !== 0;
    // Under CLA 84 the dispatcher has checked the MAC with the master key, so it exists.
    const { record, encrypted } = secure
      ? secureRecord(cmd, ctx, masterKeyOf(t.df)!)
      : { record: cmd.data, encrypted: false };
    if (record === null) return SW_WRONG_DATA;
    const flags = (record[0] ?? 0) & FLAGS;
    const wantFlags = encrypted ? FLAGS : secure ? KEY_FLAG_MAC : 0;
    if (flags !== wantFlags) return SW_WRONG_DATA;
    const decoded = decodeKeyRecord(record, cmd.p2, ctx.image.algorithm);
    if ('error' in decoded) return decoded.error === 'length' && !encrypted ? SW_WRONG_LENGTH : SW_WRONG_DATA;
    const type = keyTypeInDf(decoded.type, t.df);
    const key = type === decoded.type ? decoded : { ...decoded, type };
    if (t.existing !== null) {
      if (key.type !== t.existing.type) return SW_WRONG_DATA;
      if (key.value.length !== t.existing.value.length) return SW_WRONG_LENGTH;
    } else {
      if (t.df.keys.some((k) => k.id === key.id && k.type === key.type)) return SW_WRONG_DATA;
      const size = keyRecordSize(writeKeyDataLength(key.type, key.value.length));
      if (keyBytesUsed(t.df) + size > t.df.keyFile!.space) return SW_NOT_ENOUGH_SPACE;
    }
    t.key = key;
    return OK;
  },
  execute(_cmd, t, ctx) {
    const key = t.key!;
    ctx.tx.updateDf(t.depth, (df) => ({ ...df, keys: withKey(df.keys, key) }));
    return SW_SUCCESS;
  },
});
