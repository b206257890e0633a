/**
 * The string face's result: the return value and the out string (`pOutInfo`). On failure the
 * out string says why, as the SDKs' error buffers do. `answer()` runs a typed function and
 * turns what it returns or throws into that pair, so every SDK name is one line over its typed
 * function.
 */
import { toSdkError } from './return-codes.js';

export interface SdkAnswer {
  code: number;
  out: string;
}

export async function answer(run: () => Promise<string>, code = 0): Promise<SdkAnswer> {
  try {
    return { code, out: await run() };
  } catch (e) {
    const err = toSdkError(e);
    return { code: err.code, out: err.message };
  }
}

/** Fields each ended by `|` (10-terminal-api.md). */
export function fields(values: readonly string[]): string {
  return values.map((v) => `${v}|`).join('');
}
