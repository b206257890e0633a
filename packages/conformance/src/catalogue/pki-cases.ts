/**
 * 11-pki.md: the PKI application of 3rd-generation cards as a terminal sees it — the
 * cardholder's PIN before key generation and signing, the admin PIN before the envelope, the
 * SM4 key load, the key-pair write and certificate writes, no private key in any response, a
 * one-bit change fails verification, a wrong envelope refused with nothing changed. PINs go
 * ciphered (SM4 of the challenge under SM3(PIN)); the admin PIN is the card description's.
 * Key generation replaces the card's signing key for good: irreversible on a real card.
 */
import { fromHex, hexWord } from '@ssc-cos/apdu-codec';
import {
  cipheredPin,
  encryptEcb,
  equalBytes,
  sm2Digest,
  sm2Encrypt,
  sm2PublicKeyOf,
  sm2VerifyDigest,
} from '@ssc-cos/apdu-codec/crypto';
import { PKI_ADF_NAME, PKI_DDF_NAME, pinBcd } from '@ssc-cos/terminal';
import { concatBytes, sameBytes } from '../bytes.js';
import { allDfs, type CardDescription, keyOf } from '../description/card-description.js';
import type { ConformanceCase } from '../kit/case.js';
import { NotApplicable } from '../kit/case-errors.js';
import type { Kit } from '../kit/kit.js';
import { triesSw } from '../patterns.js';

const P = '11-pki';
/**
 * The admin PIN (digits, tries) as the card description gives it: key 01 of the PKI ADF
 * (docs/pki.md). A description without it (no PKI ADF, or a key without its own digits) has
 * 11-pki.md's test value and the cardholder PIN's tries, as cos-sim reads such a profile.
 */
export function pkiAdminPin(card: CardDescription): { digits: string; tries: number } {
  const adf = allDfs(card).find((df) => df.name !== null && sameBytes(df.name, PKI_ADF_NAME));
  const key = adf === undefined ? undefined : keyOf(adf, 0x01, 'pin');
  return { digits: key?.pin ?? TEST_ADMIN_PIN, tries: key?.tries ?? card.pin.tries };
}
const TEST_ADMIN_PIN = '12345678';
const SIGNING_PAIR = fromHex('C0020012C2020013');
// irreversible first: on a card that cannot be replaced that is the reason it is n/a, whatever its generation
export const PKI_TAGS = ['irreversible', 'destructive', '3g'] as const;

const select = (name: Uint8Array): Uint8Array =>
  concatBytes(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, name.length), name);

/** SELECT the PKI DDF and ADF; n/a when the card has none. */
async function openPki(k: Kit): Promise<void> {
  k.requireIrreversible('key generation replaces the signing key pair');
  const ddf = await k.card.exchange(select(PKI_DDF_NAME));
  if (ddf.sw === 0x6a82) throw new NotApplicable('no PKI application (DDF PKI.社会保障)');
  k.check(ddf.sw === 0x9000, `SELECT PKI DDF: expected 9000, got ${hexWord(ddf.sw)}`);
  await k.ok(select(PKI_ADF_NAME), 'SELECT PKI ADF');
}

async function verifyCiphered(k: Kit, p2: number, digits: string, what: string): Promise<void> {
  const r = await k.ok(Uint8Array.of(0x00, 0x84, 0x00, 0x00, 0x10), 'GET CHALLENGE 16');
  await k.expect(
    concatBytes(Uint8Array.of(0x00, 0x20, 0x01, p2, 0x10), cipheredPin(pinBcd(digits), r)),
    '9000',
    what,
  );
}

const verifyUser = (k: Kit): Promise<void> =>
  verifyCiphered(k, 0x81, k.description.pin.digits, 'VERIFY PIN (ciphered)');
const verifyAdmin = (k: Kit): Promise<void> =>
  verifyCiphered(k, 0x00, pkiAdminPin(k.description).digits, 'VERIFY admin PIN (ciphered)');

const GENERATE = concatBytes(Uint8Array.of(0x80, 0x40, 0x00, 0x00, 0x08), SIGNING_PAIR);

async function readPublicKey(k: Kit): Promise<Uint8Array> {
  await k.expect(
    concatBytes(Uint8Array.of(0x80, 0xc9, 0x82, 0x00, 0x08), SIGNING_PAIR),
    '9000',
    '80 C9 82 00',
  );
  const answer = await k.ok(Uint8Array.of(0x80, 0xc9, 0x82, 0x80, 0x00), '80 C9 82 80');
  k.check(
    answer.length === 66 && answer[0] === 0xca && answer[1] === 0x40,
    'the public key is not CA 40 ‖ X ‖ Y',
  );
  return answer.slice(2);
}

/** PIN, key generation, public key: a card with a fresh signing pair. */
async function withSigningKey(k: Kit): Promise<Uint8Array> {
  await openPki(k);
  await verifyUser(k);
  await k.ok(GENERATE, 'GENERATE KEY PAIR');
  return readPublicKey(k);
}

const sign = (e: Uint8Array): Uint8Array =>
  concatBytes(Uint8Array.of(0x80, 0x2a, 0x9e, 0x9a, 0x20), e, Uint8Array.of(0x00));
const verify = (e: Uint8Array, rs: Uint8Array): Uint8Array =>
  concatBytes(Uint8Array.of(0x80, 0x2a, 0x00, 0xa8, 0x60), e, rs);
const unwrap = (cipher: Uint8Array): Uint8Array =>
  concatBytes(fromHex('804E000178C2020013C1820070'), cipher, Uint8Array.of(0x00));

/** A copy with one bit flipped. */
function flipped(bytes: Uint8Array, at: number): Uint8Array {
  const out = bytes.slice();
  out[at] = out[at]! ^ 0x01;
  return out;
}

export const pkiCases: ConformanceCase[] = [
  {
    id: `${P}/pin-before-keygen-and-sign`,
    clause: `${P} §Commands (generate and sign need the user PIN)`,
    title: 'key generation and signing answer 6982 until the cardholder PIN is verified (ciphered VERIFY)',
    tags: PKI_TAGS,
    async run(k) {
      await openPki(k);
      await k.expect(GENERATE, '6982', 'GENERATE KEY PAIR without the PIN');
      await verifyUser(k);
      await k.ok(GENERATE, 'GENERATE KEY PAIR with the PIN');
      await k.card.reset();
      await openPki(k);
      await k.expect(sign(new Uint8Array(32).fill(1)), '6982', 'SIGN after a reset, without the PIN');
    },
  },
  {
    id: `${P}/admin-pin-before-envelope-and-writes`,
    clause: `${P} §Commands (envelope, SM4 key, key-pair and certificate writes need the admin PIN)`,
    title:
      'with only the cardholder PIN: 80 4E, 80 4A, 80 C2 and UPDATE BINARY of 0018 answer 6982; with the admin PIN they work',
    tags: PKI_TAGS,
    async run(k) {
      const signing = await withSigningKey(k);
      const key = new Uint8Array(16).fill(0x42);
      const envelope = sm2Encrypt(signing, key);
      await k.expect(unwrap(envelope), '6982', '80 4E without the admin PIN');
      await k.expect(concatBytes(fromHex('804A021012C110'), key), '6982', '80 4A without the admin PIN');
      await k.expect(
        concatBytes(fromHex('80C2400046C0020014CA40'), signing),
        '6982',
        '80 C2 without the admin PIN',
      );
      await k.ok(Uint8Array.of(0x00, 0xa4, 0x02, 0x00, 0x02, 0x00, 0x18), 'SELECT 0018');
      await k.expect(fromHex('00D600000430820100'), '6982', 'UPDATE BINARY 0018 without the admin PIN');
      await verifyAdmin(k);
      const unwrapped = await k.ok(unwrap(envelope), '80 4E with the admin PIN');
      k.check(equalBytes(unwrapped, key), 'the unwrapped key is not the wrapped one');
      await k.ok(Uint8Array.of(0x00, 0xa4, 0x02, 0x00, 0x02, 0x00, 0x18), 'SELECT 0018');
      await k.expect(fromHex('00D600000430820100'), '9000', 'UPDATE BINARY 0018 with the admin PIN');
    },
  },
  {
    id: `${P}/no-private-key-in-responses`,
    clause: `${P} §Commands (private keys never leave the card)`,
    title:
      'no 32 bytes of any answer (key reads, READ BINARY of 0012–0015, signatures, envelope) are a d with d·G = the public key',
    tags: PKI_TAGS,
    async run(k) {
      const answers: Uint8Array[] = [];
      const signing = await withSigningKey(k);
      await verifyAdmin(k);
      const key = new Uint8Array(16).fill(0x24);
      answers.push(await k.ok(unwrap(sm2Encrypt(signing, key)), '80 4E'));
      for (const fid of [0x12, 0x13, 0x14, 0x15]) {
        await k.ok(Uint8Array.of(0x00, 0xa4, 0x02, 0x00, 0x02, 0x00, fid), `SELECT ${hexWord(fid)}`);
        const r = await k.card.exchange(Uint8Array.of(0x00, 0xb0, 0x00, 0x00, 0x00));
        answers.push(r.data);
        if (fid === 0x13 || fid === 0x15)
          k.check(r.sw === 0x6982, `READ BINARY of private key ${hexWord(fid)}: ${hexWord(r.sw)}`);
      }
      answers.push(await k.ok(sign(new Uint8Array(32).fill(7)), 'SIGN'));
      for (const data of answers)
        for (let at = 0; at + 32 <= data.length; at++) {
          const window = data.subarray(at, at + 32);
          let match = false;
          try {
            match = equalBytes(sm2PublicKeyOf(window), signing);
          } catch {
            match = false; // not a scalar in [1, n-2]
          }
          k.check(!match, 'an answer carries the signing private key');
        }
    },
  },
  {
    id: `${P}/one-bit-change-fails`,
    clause: `${P} §Commands (sign r ‖ s over SM3(Z ‖ M); a changed message does not verify)`,
    title:
      'the card signature verifies under the public key read (here and on the card); one bit of the message changed fails (6988)',
    tags: PKI_TAGS,
    async run(k) {
      const signing = await withSigningKey(k);
      const message = new TextEncoder().encode('conformance: signed by the card');
      const e = sm2Digest(signing, message);
      const rs = await k.ok(sign(e), 'SIGN');
      k.check(rs.length === 64, `SIGN answered ${rs.length} bytes, not r ‖ s`);
      k.check(sm2VerifyDigest(signing, e, rs), 'the signature does not verify under the public key read');
      await k.expect(verify(e, rs), '9000', 'on-card VERIFY of the signature');
      const changed = sm2Digest(signing, flipped(message, 3));
      k.check(!sm2VerifyDigest(signing, changed, rs), 'the signature verifies on a changed message');
      await k.expect(verify(changed, rs), '6988', 'on-card VERIFY of a changed message');
    },
  },
  {
    id: `${P}/wrong-envelope-refused`,
    clause: `${P} §Commands (unwrap envelope; a wrong one changes nothing)`,
    title:
      'an envelope with C3 or C1 changed answers 6A80, spends no PIN try, and the keys stay as they were; the right one then works',
    tags: PKI_TAGS,
    async run(k) {
      const signing = await withSigningKey(k);
      await verifyAdmin(k);
      const key = new Uint8Array(16).fill(0x5a);
      const envelope = sm2Encrypt(signing, key);
      await k.expect(unwrap(flipped(envelope, 64)), '6A80', '80 4E with C3 changed');
      await k.expect(unwrap(flipped(envelope, 1)), '6A80', '80 4E with C1 changed');
      k.check(equalBytes(await readPublicKey(k), signing), 'the signing public key changed');
      await k.expect(Uint8Array.of(0x00, 0x20, 0x00, 0x00), triesSw(k.description.pin.tries), 'PIN tries');
      const unwrapped = await k.ok(unwrap(envelope), '80 4E with the right envelope');
      k.check(equalBytes(unwrapped, key), 'the unwrapped key is not the wrapped one');
      // a private key that does not match the written public key is refused too
      await k.ok(concatBytes(fromHex('804A021012C110'), key), '80 4A');
      await k.ok(concatBytes(fromHex('80C2400046C0020014CA40'), signing), '80 C2 40 00');
      await k.expect(
        concatBytes(fromHex('80C2C00126C2020015CB20'), encryptEcb('sm4', key, new Uint8Array(32).fill(3))),
        '6A80',
        '80 C2 C0 01 with a d that is not the public key’s',
      );
    },
  },
];
