/**
 * Known-answer vectors as data (in the manner of paulmillr/noble-ciphers' test/vectors/): the
 * rows live in vectors/kat.json; this module only types them. Every row of the
 * 04-crypto table is here, named after it; the spec took them from OpenSSL, and the ciphers
 * themselves trace to the published standards named in `source`. Hex strings, upper case.
 */
import type { Algorithm } from '../../src/crypto/index.js';
import kat from './vectors/kat.json' with { type: 'json' };

interface Row {
  /** Test name: the 04-crypto table row it reproduces. */
  name: string;
  /** Where the vector comes from. */
  source: string;
}

/** E(K, input) in ECB, `iterations` times over its own output (default 1). */
export interface EcbVector extends Row {
  alg: Algorithm;
  key: string;
  input: string;
  output: string;
  iterations?: number;
}

/** Line-protection MAC (always padded 80 00…, left 4 bytes). */
export interface MacVector extends Row {
  alg: Algorithm;
  key: string;
  iv: string;
  input: string;
  mac: string;
  /** The whole last block where the source publishes it (checks the xor-fold option too). */
  fullBlock?: string;
}

export interface DivVector extends Row {
  alg: Algorithm;
  masterKey: string;
  factor: string;
  output: string;
}

export interface DirectCryptogramVector extends Row {
  alg: Algorithm;
  key: string;
  challenge: string;
  output: string;
}

export interface LdBlockVector extends Row {
  alg: Algorithm;
  key: string;
  plain: string;
  output: string;
}

/** Plain CBC-MAC without padding (message already whole blocks), the full last block. */
export interface CbcMacVector extends Row {
  alg: Algorithm;
  key: string;
  iv: string;
  input: string;
  mac: string;
}

/** The rows, with their sources, as data: vectors/kat.json. */
export const ecbVectors: readonly EcbVector[] = kat.ecb as EcbVector[];
export const macVectors: readonly MacVector[] = kat.mac as MacVector[];
export const divVectors: readonly DivVector[] = kat.diversification as DivVector[];
export const directCryptogramVectors: readonly DirectCryptogramVector[] =
  kat.directCryptogram as DirectCryptogramVector[];
export const ldBlockVectors: readonly LdBlockVector[] = kat.ldBlock as LdBlockVector[];
/**
 * Plain CBC-MAC vectors (full last block, no padding): independent published sources for the
 * CBC chaining the line MAC is built on (SM4: cnblogs.com/crypto2020/p/19277894 vectors 0 and
 * 1; 3DES/DES: FIPS 81 Appendix C).
 */
export const cbcMacVectors: readonly CbcMacVector[] = kat.cbcMac as CbcMacVector[];
