/**
 * @ssc-cos/terminal/internal: what the workspace's own packages need beyond the public root —
 * the conformance suite's payment model (BCD date-time of a debit record) and its terminal-API
 * cases (decoding an item as the SDK does), and its OpenSSL cross-check (a signature's DER form). No
 * compatibility promise; every name here is imported by another package
 * (scripts/test/structure.test.ts), so this is not a second root to grow.
 */
export { bcdDateTime } from './payment/passbook.js';
export { sm2SignatureDer } from './pki/der.js';
export { decodeItem } from './sdk/index.js';
