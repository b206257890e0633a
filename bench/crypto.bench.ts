/**
 * Figures for the crypto module (04-crypto): what caching OpenSSL cipher objects per key buys,
 * and what a line-protection MAC costs per APDU. The card runs one MAC per `+SM` command and
 * one per `+SM` response, against a goal of >= 100,000 APDU/s overall (10 µs per APDU), so a
 * MAC should take well under half of that: goal >= 200,000 MACs/s.
 *
 * Imported by relative path: the workspace root does not depend on the packages, so
 * `@ssc-cos/apdu-codec/crypto` does not resolve from bench/ (same module, not a copy).
 */
import { createCipheriv } from 'node:crypto';
import {
  encryptEcb,
  lineMac,
  protectCommand,
  responseMac,
  verifyCommandMac,
} from '../packages/apdu-codec/src/crypto/index.js';
import { type Figure, figureFromSamples, opsPerSecond } from './harness.js';

const KEY = Uint8Array.from({ length: 16 }, (_, i) => i);
const BLOCK = Uint8Array.from({ length: 16 }, (_, i) => 0xf0 ^ i);
const CHALLENGE_8 = Uint8Array.from([1, 2, 3, 4, 5, 6, 7, 8]);
const CHALLENGE_16 = Uint8Array.from({ length: 16 }, (_, i) => i * 17);
/** A `+SM` READ RECORD answer: the 16-byte card identification record as TLV (01 10 …). */
const RECORD = Uint8Array.from([
  0x01, 0x10, 0x11, 0x01, 0x00, 0xd1, 0x56, 0, 0, 5, 0x26, 0x11, 0x22, 0, 0, 1, 0, 0,
]);
/** A protected UPDATE RECORD's data field. */
const UPDATE_DATA = RECORD;

const MAC_GOAL = { direction: 'min', target: 200_000 } as const;

/** GB/T 32907 A.2: 1,000,000 chained encryptions; returns seconds taken and whether the KAT held. */
function sm4MillionKat(): { seconds: number; ok: boolean } {
  const gbt = Uint8Array.from([
    0x01, 0x23, 0x45, 0x67, 0x89, 0xab, 0xcd, 0xef, 0xfe, 0xdc, 0xba, 0x98, 0x76, 0x54, 0x32, 0x10,
  ]);
  const t0 = process.hrtime.bigint();
  let x: Uint8Array = gbt;
  for (let i = 0; i < 1_000_000; i++) x = encryptEcb('sm4', gbt, x);
  const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
  const ok = Buffer.from(x).toString('hex').toUpperCase() === '595298C7C6FD271F0402F804C33D3F66';
  return { seconds, ok };
}

export async function figures(): Promise<Figure[]> {
  const out: Figure[] = [];
  let sink = 0;

  out.push(
    opsPerSecond(
      'crypto.sm4.block.openssl-per-call',
      'SM4 block, OpenSSL, new cipher object per call',
      () => {
        const c = createCipheriv('sm4-ecb', KEY, null).setAutoPadding(false);
        sink ^= c.update(BLOCK)[0]!;
      },
      { opsPerRun: 50_000, unit: 'blocks/s' },
    ),
  );
  const reused = createCipheriv('sm4-ecb', KEY, null).setAutoPadding(false);
  out.push(
    opsPerSecond(
      'crypto.sm4.block.openssl-reused',
      'SM4 block, OpenSSL, cipher object reused',
      () => {
        sink ^= reused.update(BLOCK)[0]!;
      },
      { opsPerRun: 200_000, unit: 'blocks/s' },
    ),
  );
  out.push(
    opsPerSecond(
      'crypto.sm4.block.encryptEcb',
      'SM4 block, encryptEcb (hand-written SM4, round keys cached)',
      () => {
        sink ^= encryptEcb('sm4', KEY, BLOCK)[0]!;
      },
      { opsPerRun: 500_000, unit: 'blocks/s' },
    ),
  );
  const [perCall, reusedFig, mine] = [out[0]!, out[1]!, out[2]!];
  reusedFig.note = `${(reusedFig.median / perCall.median).toFixed(1)}× the per-call rate`;
  mine.note = `${(mine.median / reusedFig.median).toFixed(1)}× OpenSSL reused`;

  const BLOCK_8 = BLOCK.subarray(0, 8);
  out.push(
    opsPerSecond(
      'crypto.3des.block.cached',
      '3DES block, encryptEcb (OpenSSL, cipher cached per key)',
      () => {
        sink ^= encryptEcb('3des', KEY, BLOCK_8)[0]!;
      },
      { opsPerRun: 200_000, unit: 'blocks/s' },
    ),
  );

  for (const [alg, challenge] of [
    ['3des', CHALLENGE_8],
    ['sm4', CHALLENGE_16],
  ] as const) {
    const iv = challenge.subarray(0, alg === 'sm4' ? 16 : 8);
    out.push(
      opsPerSecond(
        `crypto.${alg}.lineMac.18`,
        `${alg.toUpperCase()} lineMac, 18-byte record (response MAC)`,
        () => {
          sink ^= lineMac(alg, KEY, iv, RECORD)[0]!;
        },
        { opsPerRun: 100_000, unit: 'MACs/s', goal: MAC_GOAL },
      ),
    );
    out.push(
      opsPerSecond(
        `crypto.${alg}.responseMac.18`,
        `${alg.toUpperCase()} responseMac (IV from challenge), 18-byte record`,
        () => {
          sink ^= responseMac(alg, KEY, challenge, RECORD)[0]!;
        },
        { opsPerRun: 100_000, unit: 'MACs/s', goal: MAC_GOAL },
      ),
    );
    const apdu = protectCommand(alg, KEY, challenge, 0x04, 0xdc, 0x01, 0x0c, UPDATE_DATA);
    const field = apdu.subarray(5);
    out.push(
      opsPerSecond(
        `crypto.${alg}.verifyCommandMac.18`,
        `${alg.toUpperCase()} verifyCommandMac, UPDATE RECORD with 18 data bytes`,
        () => {
          if (verifyCommandMac(alg, KEY, challenge, 0x04, 0xdc, 0x01, 0x0c, field)) sink ^= 1;
        },
        { opsPerRun: 100_000, unit: 'MACs/s', goal: MAC_GOAL },
      ),
    );
  }

  const runs: number[] = [];
  let allOk = true;
  for (let r = 0; r < 3; r++) {
    const { seconds, ok } = sm4MillionKat();
    runs.push(seconds);
    allOk &&= ok;
  }
  out.push(
    figureFromSamples(
      'crypto.sm4.gbt-a2',
      'SM4 GB/T 32907 A.2 KAT (1,000,000 chained blocks)',
      's',
      runs,
      undefined,
      allOk ? 'KAT passed (595298C7…3F66)' : 'KAT FAILED',
    ),
  );

  if (sink === 0x1234_5678) console.log(sink); // keeps the work observable to the optimiser
  return out;
}
