/**
 * One SDK function as the CLI and the HTTP service call it: its name, its parameters in SDK
 * order, and a call on string arguments. Each family file exports its own list; functions.ts
 * gathers them, so a new family is a new file plus one line there.
 */
import type { KeySource } from '../key-source.js';
import type { TestCa } from '../pki/test-ca.js';
import type { SdkAnswer } from './answer.js';
import type { Catalogue } from './catalogue.js';
import type { Reader } from './reader.js';

export interface SdkOptions {
  /** Item encodings and access rules (default: 01-card.md). */
  catalogue?: Catalogue;
  /** Where cryptograms come from (default: the reader's PSAM; the HSM variants pass their bridge). */
  keys?: KeySource;
  /** The CA iWriteCA certifies with (default: a fresh test CA per call). */
  ca?: TestCa;
}

export interface SdkFunction {
  name: string;
  params: readonly string[];
  /**
   * It replaces what a real card cannot get back (iWriteCA: the key pairs): the CLI and the
   * HTTP service run it on a real card only when told to (`--irreversible`).
   */
  irreversible?: true;
  call(reader: Reader, args: readonly string[], options: SdkOptions): Promise<SdkAnswer>;
}
