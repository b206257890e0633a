/**
 * @ssc-cos/apdu-codec — the wire language of the card. Cryptography is the separate subpath
 * `@ssc-cos/apdu-codec/crypto`.
 */
export * from './atr.js';
export * from './ber-tlv.js';
export * from './cla.js';
export * from './command-apdu.js';
export * from './command-names.js';
export * from './decoder.js';
export * from './errors.js';
export * from './hex.js';
export * from './pin-bytes.js';
export * from './response-apdu.js';
export * from './simple-tlv.js';
export * from './status-words.js';
export * from './t0-transport.js';
export * from './trace.js';
export * from './transport.js';
