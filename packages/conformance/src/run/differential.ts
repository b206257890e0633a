/**
 * `--against sim`: the same generated sequences run on the target and on the simulator built
 * from the same profile. Each side follows its own challenges (cryptograms are computed per
 * side), responses are compared with challenge bytes masked, and the first diverging response
 * is reported with both traces. fast-check shrinks the sequence first.
 */
import { toHex } from '@ssc-cos/apdu-codec';
import fc from 'fast-check';
import { sameBytes, statusWord } from '../bytes.js';
import type { Exchange } from '../channel/trace.js';
import type { CardDescription } from '../description/card-description.js';
import type { SuiteKeys } from '../keys/suite-keys.js';
import { modelCommandArbitraries } from '../model/alphabet.js';
import { runOnce } from '../model/model-run.js';
import type { Divergence } from '../report/result.js';
import type { Target } from '../targets/target.js';

export interface DifferentialResult {
  runs: number;
  divergence: Divergence | null;
}

/** GET CHALLENGE data is random on both sides: only its length and SW are compared. */
function comparable(entry: Exchange): Uint8Array {
  const c = entry.command;
  if (c !== null && c[1] === 0x84 && statusWord(entry.response) === 0x9000) {
    const masked = entry.response.slice();
    masked.fill(0, 0, masked.length - 2);
    return masked;
  }
  return entry.response;
}

function firstDivergence(a: Exchange[], b: Exchange[]): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a[i];
    const y = b[i];
    if (x === undefined || y === undefined || !sameBytes(comparable(x), comparable(y))) return i;
  }
  return -1;
}

export async function runDifferential(
  target: { target: Target; keys: SuiteKeys },
  reference: { target: Target; keys: SuiteKeys },
  card: CardDescription,
  opts: {
    runs: number;
    length: number;
    seed: number;
    /** Every exchange of both sides as it happens (`run --trace`). */
    onExchange?: (entry: Exchange, side: 'target' | 'simulator') => void;
  },
): Promise<DifferentialResult> {
  let last: { a: Exchange[]; b: Exchange[]; at: number; commands: string } | null = null;
  const property = fc.asyncProperty(
    fc.commands(modelCommandArbitraries(), { maxCommands: opts.length, size: 'max' }),
    async (cmds) => {
      // Both sides must generate the same commands: protect both cards when either is real.
      const protect = !target.target.capabilities.freshCard || !reference.target.capabilities.freshCard;
      // Trace kept, lenient: the sides are compared with each other, not with the model.
      const live = opts.onExchange;
      const side = (s: { target: Target; keys: SuiteKeys }, name: 'target' | 'simulator') =>
        runOnce(
          s.target,
          card,
          s.keys,
          cmds,
          live ? (e) => live(e, name) : undefined,
          true,
          true,
          undefined,
          protect,
        );
      const a = await side(target, 'target');
      const b = await side(reference, 'simulator');
      const at = firstDivergence(a.log.entries, b.log.entries);
      if (at >= 0) {
        last = { a: a.log.entries, b: b.log.entries, at, commands: cmds.toString() };
        throw new Error(`responses diverge at exchange ${at + 1}`);
      }
    },
  );
  const details = await fc.check(property, { numRuns: opts.runs, seed: opts.seed });
  if (!details.failed || last === null) return { runs: details.numRuns, divergence: null };
  const { a, b, at, commands } = last as { a: Exchange[]; b: Exchange[]; at: number; commands: string };
  const cmd = a[at]?.command ?? b[at]?.command ?? null;
  return {
    runs: details.numRuns,
    divergence: {
      step: at,
      command: cmd === null ? 'reset' : toHex(cmd),
      target: a[at] ? toHex(a[at].response) : '(none)',
      reference: b[at] ? toHex(b[at].response) : '(none)',
      targetTrace: a.slice(0, at + 1),
      referenceTrace: b.slice(0, at + 1),
      commands,
    },
  };
}
