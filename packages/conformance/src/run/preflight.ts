/**
 * Pre-flight (08-conformance §Against a real card): before any command that changes state,
 * check that the card in the reader is the one the profile describes and that the PSAM can
 * work with it, and find which card keys the PSAM can serve. Every command sent here is a
 * reset, a SELECT, a READ BINARY, VERIFY without data, INTERNAL AUTHENTICATE (no counter) or
 * a PSAM command: none spends a card try or changes a record. A mismatch stops the run with
 * one line (PreflightError) before the card is touched.
 */
import { hexByte, toHex } from '@ssc-cos/apdu-codec';
import type { Algorithm } from '@ssc-cos/apdu-codec/crypto';
import { concatBytes, hexWord, sameBytes } from '../bytes.js';
import { Channel } from '../channel/channel.js';
import { TraceLog } from '../channel/trace.js';
import {
  allDfs,
  blockSizeOf,
  type CardDescription,
  type KeyDescription,
  SSSE_NAME,
} from '../description/card-description.js';
import type { SuiteKeys } from '../keys/suite-keys.js';
import type { PreflightReport } from '../report/result.js';
import type { Target } from '../targets/target.js';

export class PreflightError extends Error {
  override readonly name = 'PreflightError';
  constructor(message: string) {
    super(`pre-flight: ${message}`);
  }
}

export interface PreflightResult {
  report: PreflightReport;
  /** The keys cases may use: those the key source proved it holds. */
  served: ReadonlySet<KeyDescription>;
}

const PSAM_DF01 = Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 0x06, 0xd1, 0x56, 0x00, 0x00, 0x05, 0x90);
const PSAM_MF = Uint8Array.of(0x00, 0xa4, 0x00, 0x00, 0x02, 0x3f, 0x00);
/** 05-psam §Card image: 3B 6C 00 00 ‖ 00 90 ‖ "PSAM" ‖ serial. */
const PSAM_MARK = Uint8Array.of(0x50, 0x53, 0x41, 0x4d);

export function keyLabel(dfFid: number, key: KeyDescription): string {
  return `${dfFid === 0x3f00 ? 'MF' : hexWord(dfFid)}/${hexByte(key.id)}`;
}

/** The algorithm an FCI names in `86 01 <alg>` (01 = 3DES, 03 = SM4), or null. */
export function fciAlgorithm(fci: Uint8Array): Algorithm | null {
  for (let i = 0; i + 2 < fci.length; i++) {
    if (fci[i] === 0x86 && fci[i + 1] === 0x01) {
      if (fci[i + 2] === 0x01) return '3des';
      if (fci[i + 2] === 0x03) return 'sm4';
    }
  }
  return null;
}

function contains(haystack: Uint8Array, needle: Uint8Array): boolean {
  for (let i = 0; i + needle.length <= haystack.length; i++)
    if (sameBytes(haystack.subarray(i, i + needle.length), needle)) return true;
  return false;
}

/**
 * Runs the checks; `keys` is the key source the cases would use (PSAM or master keys).
 * Throws PreflightError on the first mismatch.
 */
export async function preflight(
  target: Target,
  description: CardDescription,
  keys: (psam: Channel | null) => SuiteKeys,
): Promise<PreflightResult> {
  const log = new TraceLog(false);
  const card = new Channel('card', target.card, log);
  const psam = target.psam ? new Channel('psam', target.psam, log) : null;

  // 1. The card: ATR, then the SSSE's FCI and its algorithm.
  const atr = await card.reset();
  if (!sameBytes(atr, description.atr))
    throw new PreflightError(
      `the card's ATR ${toHex(atr)} is not the one profile ${description.profile} gives (${toHex(description.atr)}): wrong card or wrong profile`,
    );
  const select = await card.exchange(concatBytes(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 15), SSSE_NAME));
  if (select.sw === 0x6283)
    throw new PreflightError(
      'the card answers SELECT SSSE with 6283: its SSSE is blocked (loss report or replaced card)',
    );
  if (select.sw !== 0x9000)
    throw new PreflightError(
      `the card answers SELECT SSSE with ${hexWord(select.sw)}: not a usable social security card`,
    );
  const cardAlgorithm = fciAlgorithm(select.data);
  if (cardAlgorithm !== description.algorithm)
    throw new PreflightError(
      `the card's FCI names algorithm ${cardAlgorithm ?? 'none'} (86 01 …), profile ${description.profile} says ${description.algorithm}`,
    );
  const pin = await card.send(Uint8Array.of(0x00, 0x20, 0x00, 0x00));
  if (pin.sw === 0x6983)
    throw new PreflightError(
      "the card's PIN is blocked (VERIFY without data → 6983): reload or unblock it first",
    );
  if ((pin.sw & 0xfff0) !== 0x63c0)
    throw new PreflightError(
      `VERIFY without data answered ${hexWord(pin.sw)}, expected 63Cx (the tries left)`,
    );
  const pinTries = pin.sw & 0x0f;

  // 2. The PSAM: ATR, algorithm, terminal number.
  let psamAtr: string | null = null;
  let psamTerminal: string | null = null;
  let psamAlgorithm: Algorithm | null = null;
  if (psam) {
    const a = await psam.reset();
    psamAtr = toHex(a);
    if (!contains(a, PSAM_MARK))
      throw new PreflightError(
        `the PSAM reader holds a card whose ATR ${psamAtr} is not a PSAM's (05-psam: 3B6C0000 0090 "PSAM" serial): readers swapped?`,
      );
    const mf = await psam.exchange(PSAM_MF);
    psamAlgorithm = mf.sw === 0x9000 ? fciAlgorithm(mf.data) : null;
    if (psamAlgorithm !== null && psamAlgorithm !== cardAlgorithm)
      throw new PreflightError(
        `the PSAM works with ${psamAlgorithm} (its FCI 86 01 …), the card with ${cardAlgorithm}: a ${cardAlgorithm === 'sm4' ? '3rd' : '2nd'}-generation card needs a ${cardAlgorithm} PSAM`,
      );
    const tn = await psam.send(Uint8Array.of(0x00, 0xb0, 0x96, 0x00, 0x06));
    if (tn.sw !== 0x9000 || tn.data.length !== 6)
      throw new PreflightError(
        `the PSAM answers READ BINARY of its terminal number (EF16) with ${hexWord(tn.sw)}`,
      );
    psamTerminal = toHex(tn.data);
  }

  // 3. Which keys the source can serve: INIT FOR DESCRYPT on the PSAM spends no card try.
  const source = keys(psam);
  const served = new Set<KeyDescription>();
  const servedKeys: string[] = [];
  const unservedKeys: string[] = [];
  for (const df of allDfs(description)) {
    for (const key of df.keys) {
      if (key.role === 'pin') continue;
      let ok = source.has(key);
      if (ok && psam && key.psam) {
        const sel = await psam.exchange(PSAM_DF01);
        if (sel.sw !== 0x9000)
          throw new PreflightError(`the PSAM answers SELECT DF01 with ${hexWord(sel.sw)}`);
        const factors =
          key.levels === 2
            ? concatBytes(description.cardFactor, description.cityFactor)
            : description.cardFactor;
        const r = await psam.send(
          concatBytes(Uint8Array.of(0x80, 0x1a, key.psam.usage, key.psam.id, factors.length), factors),
        );
        if (r.sw !== 0x9000 && r.sw !== 0x6a88)
          throw new PreflightError(
            `the PSAM answers INIT FOR DESCRYPT of key ${hexByte(key.psam.usage)}/${hexByte(key.psam.id)} with ${hexWord(r.sw)}`,
          );
        ok = r.sw === 0x9000;
      }
      if (ok) served.add(key);
      (ok ? servedKeys : unservedKeys).push(keyLabel(df.fid, key));
    }
  }

  // 4. Do card and key source hold the same keys? INTERNAL AUTHENTICATE has no retry counter.
  let internalAuthentication: 'match' | null = null;
  const irk = description.mf.keys.find((k) => k.role === 'internal-auth');
  if (irk && served.has(irk)) {
    await card.exchange(concatBytes(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, 15), SSSE_NAME));
    const n = new Uint8Array(blockSizeOf(description)).map((_, i) => (i * 29 + 3) & 0xff);
    const a = await card.exchange(concatBytes(Uint8Array.of(0x00, 0x88, 0x00, irk.id, n.length), n));
    if (a.sw === 0x9000) {
      const expected = await source.encrypt(irk, n);
      if (!sameBytes(a.data, expected))
        throw new PreflightError(
          `INTERNAL AUTHENTICATE: the card answers ${toHex(a.data)}, the ${source.kind === 'psam' ? 'PSAM' : 'profile master keys'} ${toHex(expected)}: the keys are not this card's`,
        );
      internalAuthentication = 'match';
    }
  }
  await card.reset();
  if (psam) await psam.reset();
  return {
    report: {
      cardAtr: toHex(atr),
      cardAlgorithm,
      psamAtr,
      psamTerminal,
      psamAlgorithm,
      pinTries,
      servedKeys,
      unservedKeys,
      internalAuthentication,
    },
    served,
  };
}
