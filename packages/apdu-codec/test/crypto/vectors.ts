/**
 * Known-answer vectors as data (in the manner of paulmillr/noble-ciphers). Every row of the
 * 04-crypto table is here, named after it; the spec took them from OpenSSL, and the ciphers
 * themselves trace to the published standards named in `source`. Hex strings, upper case.
 */
import type { Algorithm } from '../../src/crypto/index.js';

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

const GBT_KEY = '0123456789ABCDEFFEDCBA9876543210';
const K16 = '000102030405060708090A0B0C0D0E0F';

export const ecbVectors: EcbVector[] = [
  {
    name: 'SM4 (GB/T 32907 A.1)',
    source: '04-crypto KAT; GB/T 32907-2016 Appendix A example 1',
    alg: 'sm4',
    key: GBT_KEY,
    input: GBT_KEY,
    output: '681EDF34D206965E86B3E94F536E4246',
  },
  {
    name: 'SM4 ×1,000,000',
    source: '04-crypto KAT; GB/T 32907-2016 Appendix A example 2',
    alg: 'sm4',
    key: GBT_KEY,
    input: GBT_KEY,
    output: '595298C7C6FD271F0402F804C33D3F66',
    iterations: 1_000_000,
  },
  {
    name: 'DES',
    source: '04-crypto KAT; FIPS 81 Appendix B, the classic "Now is t" block',
    alg: '3des',
    key: '0123456789ABCDEF',
    input: '4E6F772069732074',
    output: '3FA40E8A984D4815',
  },
  {
    name: 'DES, three blocks "Now is the time for all "',
    source: 'FIPS 81 Appendix B table B1 (ECB)',
    alg: '3des',
    key: '0123456789ABCDEF',
    input: '4E6F77206973207468652074696D6520666F7220616C6C20',
    output: '3FA40E8A984D48156A271787AB8883F9893D51EC4B563B53',
  },
  {
    name: 'FMCOS internal auth',
    source: '04-crypto KAT (FMCOS 2.0 manual example)',
    alg: '3des',
    key: '1122334455667788',
    input: '0102030405060708',
    output: '178F59F8578E0D3F',
  },
];

export const macVectors: MacVector[] = [
  {
    name: 'FMCOS MAC (IV 0, always padded)',
    source: '04-crypto KAT (FMCOS 2.0 manual example)',
    alg: '3des',
    key: '1122334455667788',
    iv: '0000000000000000',
    input: '0102030405060708',
    mac: 'A82A8CEB',
  },
  {
    name: 'retail MAC',
    source: '04-crypto KAT (ISO 9797-1 MAC algorithm 3)',
    alg: '3des',
    key: K16,
    iv: '0102030405060708',
    input: '04D685000C1122334455667788',
    mac: '267649E6',
  },
  {
    name: 'CARD BLOCK MAC',
    source: '04-crypto KAT',
    alg: '3des',
    key: K16,
    iv: '0102030405060708',
    input: '8416000004',
    mac: 'CF65234E',
  },
  {
    name: 'retail MAC, "hello world"',
    source: 'pyemv tests/test_mac.py, mac_iso9797_3 with padding method 2 (ISO 9797-1 MAC algorithm 3)',
    alg: '3des',
    key: 'AAAAAAAAAAAAAAAABBBBBBBBBBBBBBBB',
    iv: '0000000000000000',
    input: '68656C6C6F20776F726C64',
    mac: '2BC2D9ED',
    fullBlock: '2BC2D9EDE0CF31F6',
  },
  {
    name: 'SM4 MAC',
    source: '04-crypto KAT',
    alg: 'sm4',
    key: K16,
    iv: '00112233445566778899AABBCCDDEEFF',
    input: '845E01001400112233445566778899AABBCCDDEEFF',
    mac: '00A54238',
  },
];

export const divVectors: DivVector[] = [
  {
    name: 'DIV 3DES',
    source: '04-crypto KAT (PBOC diversification)',
    alg: '3des',
    masterKey: K16,
    factor: '1234567890ABCDEF',
    output: 'B66BF77AA639CE2933AAB05E5D0D946A',
  },
  {
    name: 'DIV SM4',
    source: '04-crypto KAT',
    alg: 'sm4',
    masterKey: K16,
    factor: '1234567890ABCDEF',
    output: '9A0819DAB94B5FAFAB0088CA349B56CB',
  },
];

export const directCryptogramVectors: DirectCryptogramVector[] = [
  {
    name: 'FMCOS ext-auth (direct, DES key)',
    source: '04-crypto KAT (FMCOS 2.0 manual example)',
    alg: '3des',
    key: '0102030405060708',
    challenge: 'BB83BFF3',
    output: '74B0047DD681D96C',
  },
];

export const ldBlockVectors: LdBlockVector[] = [
  {
    name: 'encrypted LD block',
    source: '04-crypto KAT',
    alg: '3des',
    key: K16,
    plain: '123456',
    output: '9044367646555726',
  },
];

/**
 * CBC-MAC over aligned messages (no padding, IV given, the full last block): independent
 * sources for the CBC chaining the line MAC is built on. SM4: vectors 0 and 1 of
 * "密码算法测试向量——Cipher MAC SM4" (cnblogs crypto2020, attributed to a national testing
 * centre); DES: FIPS 81's CBC example, whose last ciphertext block is its CBC-MAC.
 */
export const cbcMacVectors: CbcMacVector[] = [
  {
    name: 'SM4 CBC-MAC, one block',
    source: 'cnblogs.com/crypto2020/p/19277894 vector 0',
    alg: 'sm4',
    key: 'EEF3C9888129755F2C769DBC459448CE',
    iv: 'FBD7B7AB0793F814B28A970F9E859C05',
    input: '99C9D02D03F2CD394A680DC51B112322',
    mac: '530EDF0605A302F30096AE46BD6316AF',
  },
  {
    name: 'SM4 CBC-MAC, two blocks',
    source: 'cnblogs.com/crypto2020/p/19277894 vector 1',
    alg: 'sm4',
    key: '973270DF92EFF5EC1E170A1566098CB3',
    iv: '2C2A98AF53A684F19DF3C39B721FA27E',
    input: 'AADA15E99FE95171B6F15FD3E427976EB1B595FCA82A23AC00C7AC7CEF9DDED7',
    mac: 'CF505945E5C135BC2BB4588D17E404D4',
  },
  {
    name: 'DES CBC, "Now is the time for all "',
    source: 'FIPS 81 Appendix C table C1 (CBC, IV 1234567890ABCDEF): last ciphertext block',
    alg: '3des',
    key: '0123456789ABCDEF',
    iv: '1234567890ABCDEF',
    input: '4E6F77206973207468652074696D6520666F7220616C6C20',
    mac: '683788499A7C05F6',
  },
];
