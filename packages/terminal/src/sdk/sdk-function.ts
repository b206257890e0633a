/**
 * One SDK function as the CLI and the HTTP service call it: its name, its parameters in SDK
 * order, and a call on string arguments. Each family file exports its own list; functions.ts
 * gathers them, so a new family is a new file plus one line there.
 */
import type { KeySource } from '../key-source.js';
import type { SdkAnswer } from './answer.js';
import type { Catalogue } from './catalogue.js';
import type { Reader } from './reader.js';

export interface SdkOptions {
  /** Item encodings and access rules (default: 01-card.md). */
  catalogue?: Catalogue;
  /** Where cryptograms come from (default: the reader's PSAM; the HSM variants pass their bridge). */
  keys?: KeySource;
}

export interface SdkFunction {
  name: string;
  params: readonly string[];
  call(reader: Reader, args: readonly string[], options: SdkOptions): Promise<SdkAnswer>;
}
