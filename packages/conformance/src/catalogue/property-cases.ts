/**
 * 08-conformance.md properties run as cases: model-based sequences and robustness against
 * random and mutated APDUs. Both use fast-check with the run's seed, so a run is repeatable.
 */
import { ApduError, fromHex, parseCommandApdu } from '@ssc-cos/apdu-codec';
import fc from 'fast-check';
import { readRecord } from '../apdus.js';
import { hexWord, statusWord } from '../bytes.js';
import { allDfs, type EfDescription } from '../description/card-description.js';
import type { ConformanceCase } from '../kit/case.js';
import type { Kit } from '../kit/kit.js';
import { runModel } from '../model/model-run.js';
import { type CardState, fileId, readCardState } from '../state/card-state.js';
import type { Vector } from '../vectors/format.js';
import { checkProperty } from './property.js';

export interface PropertyOptions {
  runs: number;
  length: number;
  seed: number;
  /** Seed of the target card (sim), recorded in failure vectors. */
  cardSeed?: number | null;
  /** Called with the vector of a shrunk failure (the runner writes it to a file). */
  onFailureVector?: (vector: Vector) => void;
}

/** 02-commands.md §Status words the card may answer (6F00 excluded: it is a fault). */
const DOCUMENTED = new Set([
  0x9000, 0x6281, 0x6283, 0x6581, 0x6700, 0x6881, 0x6981, 0x6982, 0x6983, 0x6984, 0x6985, 0x6986, 0x6987,
  0x6988, 0x6a80, 0x6a81, 0x6a82, 0x6a83, 0x6a84, 0x6a86, 0x6a88, 0x6b00, 0x6d00, 0x6e00, 0x9303,
]);

function documented(sw: number): boolean {
  return DOCUMENTED.has(sw) || sw >> 8 === 0x61 || sw >> 8 === 0x6c || (sw & 0xfff0) === 0x63c0;
}

/** Known commands with valid shapes, to be mutated bit by bit. */
const SEEDS = [
  '00A40000023F00',
  '00B2012C00',
  '0084000008',
  '00200000',
  '00B0870001',
  '00A4000002DF01',
  '00C0000010',
];

export function propertyCases(opts: PropertyOptions): ConformanceCase[] {
  return [
    {
      id: '08-conformance/model-based',
      clause: '08-conformance §Model-based properties',
      title: `${opts.runs} random sequences of up to ${opts.length} commands agree with the suite's model`,
      tags: ['destructive'],
      async run(k) {
        const target = k.target;
        const records = k.realCard
          ? recordsOnCard(await readCardState(k.card, k.keys, k.description), k)
          : undefined;
        const result = await runModel(target, k.description, k.keys, {
          ...(records ? { records } : {}),
          runs: opts.runs,
          length: opts.length,
          seed: opts.seed,
          cardSeed: opts.cardSeed ?? null,
          ...(k.observe ? { observe: k.observe } : {}),
        });
        if (result.failure) {
          opts.onFailureVector?.(result.failure.vector);
          k.attachTrace(result.failure.trace);
          k.fail(`${result.failure.message} — shrunk to: ${result.failure.commands}`);
        }
      },
    },
    {
      id: '08-conformance/robustness/random-apdus',
      clause: '08-conformance §robustness (random APDUs: no 6F00, no hang, no unpredicted change)',
      title: 'random byte strings get a documented status word and change nothing',
      tags: [],
      async run(k) {
        await k.selectMf();
        const first = k.mf.efs.find((e) => e.sfi === 5)?.records[0];
        await checkProperty(
          fc.asyncProperty(fc.uint8Array({ minLength: 0, maxLength: 40 }), async (bytes) => {
            // Random INS values that are real commands are left to the mutation property.
            if (bytes.length >= 2 && KNOWN_INS.has(bytes[1]!)) return;
            // Through a reader only well-formed short APDUs can be sent (T=0 cannot carry the rest).
            if (!k.capabilities.freshCard && !wellFormedShort(bytes)) return;
            let r: Awaited<ReturnType<typeof k.card.send>>;
            try {
              r = await k.card.send(bytes);
            } catch (e) {
              // A reader may refuse to send a byte string that is no APDU at all: nothing reached the card.
              if (e instanceof ApduError && e.code === 'transport' && !k.capabilities.freshCard) return;
              throw e;
            }
            const sw = statusWord(r.raw);
            if (r.raw.length < 2 || !documented(sw))
              k.fail(
                `${Buffer.from(bytes).toString('hex')} answered ${Buffer.from(r.raw).toString('hex') || 'nothing'}`,
              );
            const probe = await k.card.send(readRecord(1, 5));
            if (first && (probe.sw !== 0x9000 || Buffer.compare(probe.data, first) !== 0)) {
              k.fail(
                `after ${Buffer.from(bytes).toString('hex')}, SSSE EF05 record 1 answered ${hexWord(probe.sw)}`,
              );
            }
          }),
          { numRuns: Math.max(50, opts.runs), seed: opts.seed },
        );
      },
    },
    {
      id: '08-conformance/robustness/mutated-apdus',
      clause: '08-conformance §robustness (mutated APDUs: no 6F00, documented status words)',
      title: 'valid commands with random bit flips never produce 6F00 or an undocumented status word',
      tags: ['destructive'],
      async run(k) {
        await checkProperty(
          fc.asyncProperty(
            fc.constantFrom(...SEEDS),
            fc.array(fc.nat(), { minLength: 1, maxLength: 3 }),
            async (hex, flips) => {
              const apdu = Uint8Array.from(Buffer.from(hex, 'hex'));
              for (const f of flips) apdu[f % apdu.length] = apdu[f % apdu.length]! ^ (1 << (f % 8));
              if (!k.capabilities.freshCard && !wellFormedShort(apdu)) return;
              const r = await k.card.send(apdu);
              if (r.raw.length < 2 || !documented(r.sw))
                k.fail(
                  `${Buffer.from(apdu).toString('hex')} answered ${Buffer.from(r.raw).toString('hex') || 'nothing'}`,
                );
            },
          ),
          { numRuns: Math.max(50, opts.runs), seed: opts.seed },
        );
      },
    },
  ];
}

/** The record files of a state read from the card, keyed as the model keys them (by the EF description). */
function recordsOnCard(state: CardState, k: Kit): Map<EfDescription, Uint8Array[] | null> {
  const out = new Map<EfDescription, Uint8Array[] | null>();
  for (const df of allDfs(k.description)) {
    for (const ef of df.efs) {
      if (ef.kind === 'transparent') continue;
      const read = state.files[fileId(k.description.mf, df, ef)];
      out.set(ef, Array.isArray(read) ? read.map((h) => fromHex(h)) : null);
    }
  }
  return out;
}

/** A short APDU a T=0 reader can carry: well-formed, and INS not 6X/9X (procedure bytes, ISO 7816-3). */
function wellFormedShort(bytes: Uint8Array): boolean {
  const high = (bytes[1] ?? 0) & 0xf0;
  if (high === 0x60 || high === 0x90) return false;
  try {
    return !parseCommandApdu(bytes).extended;
  } catch {
    return false;
  }
}

const KNOWN_INS = new Set([
  0xa4, 0xb0, 0xd6, 0xb2, 0xdc, 0xe2, 0x84, 0x82, 0x88, 0x20, 0x5e, 0x24, 0x1e, 0x18, 0x16, 0xc0, 0xe0, 0xd4,
  0x0e,
]);
