/**
 * A builder's view of a read-only image node: a builder fills optional fields one by one before
 * handing the node out; from then on it is read-only (image/types.ts, copy-on-write).
 */
export type Mutable<T> = { -readonly [K in keyof T]: T[K] };
