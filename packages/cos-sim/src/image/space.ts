/**
 * Space a DF spends on its key file and children (physical-size.ts rules). Structural, so the
 * profile reader (sizing a DF spec) and the CREATE FILE handler (an image DF) share the rule.
 */
import { recordFileSize, transparentFileSize } from './physical-size.js';

/** A child as far as its space goes: a DF's declared space, an EF's physical size. */
export type SpaceChild =
  | { readonly type: 'df'; readonly space: number }
  | { readonly type: 'transparent'; readonly size: number }
  | {
      readonly type: 'fixed' | 'variable' | 'cyclic';
      readonly maxRecords: number;
      readonly recordLength: number;
    };

export function usedSpace(df: {
  readonly keyFile: { readonly space: number } | null;
  readonly children: readonly SpaceChild[];
}): number {
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
