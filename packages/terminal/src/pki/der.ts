/**
 * The few DER encodings a test certificate and an SM2 signature need (X.690): definite
 * lengths, INTEGER from unsigned bytes, SEQUENCE, OID, UTF8String, UTCTime, BIT STRING. Not a
 * general ASN.1 library: @peculiar/x509 and pkijs sign through WebCrypto, which has no SM2.
 */
import { concatBytes } from '@ssc-cos/apdu-codec';

function length(n: number): Uint8Array {
  if (n < 0x80) return Uint8Array.of(n);
  if (n < 0x100) return Uint8Array.of(0x81, n);
  return Uint8Array.of(0x82, n >> 8, n & 0xff);
}

export function derTlv(tag: number, ...content: Uint8Array[]): Uint8Array {
  const body = concatBytes(...content);
  return concatBytes(Uint8Array.of(tag), length(body.length), body);
}

export const derSequence = (...parts: Uint8Array[]): Uint8Array => derTlv(0x30, ...parts);

/** INTEGER of an unsigned big-endian value (leading zeros dropped, a 00 added before a high bit). */
export function derUnsigned(value: Uint8Array): Uint8Array {
  let i = 0;
  while (i < value.length - 1 && value[i] === 0) i++;
  const v = value.subarray(i);
  return derTlv(0x02, v[0]! & 0x80 ? concatBytes(Uint8Array.of(0), v) : v);
}

/** OBJECT IDENTIFIER from its dotted form. */
export function derOid(dotted: string): Uint8Array {
  const arcs = dotted.split('.').map(Number);
  const out: number[] = [40 * arcs[0]! + arcs[1]!];
  for (const arc of arcs.slice(2)) {
    const base128: number[] = [];
    let v = arc;
    do {
      base128.unshift(v & 0x7f);
      v = Math.floor(v / 128);
    } while (v > 0);
    for (let j = 0; j < base128.length - 1; j++) base128[j]! |= 0x80;
    out.push(...base128);
  }
  return derTlv(0x06, Uint8Array.from(out));
}

export const derUtf8 = (text: string): Uint8Array => derTlv(0x0c, new TextEncoder().encode(text));

/** UTCTime YYMMDDHHMMSSZ (years 1950–2049). */
export function derUtcTime(date: Date): Uint8Array {
  const two = (n: number): string => n.toString().padStart(2, '0');
  const text = `${two(date.getUTCFullYear() % 100)}${two(date.getUTCMonth() + 1)}${two(date.getUTCDate())}${two(date.getUTCHours())}${two(date.getUTCMinutes())}${two(date.getUTCSeconds())}Z`;
  return derTlv(0x17, new TextEncoder().encode(text));
}

/** BIT STRING with no unused bits. */
export const derBitString = (bytes: Uint8Array): Uint8Array => derTlv(0x03, Uint8Array.of(0), bytes);

/** Raw SM2 r ‖ s → the DER SEQUENCE { r, s } of GM/T 0009 (X.509 signatures, OpenSSL). */
export function sm2SignatureDer(rs: Uint8Array): Uint8Array {
  return derSequence(derUnsigned(rs.subarray(0, 32)), derUnsigned(rs.subarray(32, 64)));
}
