/**
 * 11-pki.md §PINs as a model-based case (issue 12 item 7): random sequences of ciphered
 * VERIFYs of the cardholder and admin PINs (right, wrong, with and without a 16-byte
 * challenge), the tries query, a signature (user PIN), a certificate UPDATE BINARY that writes
 * back what it read (admin PIN), SELECT of the ADF (which ends the admin state) and reset agree
 * with the suite's model on every status word (9000, 63Cx, 6983, 6984, 6982) and counter
 * (model/pki). Tagged irreversible like the other 11-pki cases: a real card's admin PIN need not
 * be the test value, and a try spent on it cannot be given back (no unblock, docs/pki.md).
 */
import { hexWord } from '@ssc-cos/apdu-codec';
import { PKI_DDF_NAME } from '@ssc-cos/terminal';
import { concatBytes } from '../bytes.js';
import type { ConformanceCase } from '../kit/case.js';
import { NotApplicable } from '../kit/case-errors.js';
import { runPkiPinModel } from '../model/pki/pin-run.js';
import { PKI_TAGS, pkiAdminPin } from './pki-cases.js';

export interface PkiPinStatesOptions {
  runs: number;
  length: number;
  seed: number;
}

/**
 * A PIN-state defect shows only after 3–4 commands in order (a right admin VERIFY, a SELECT,
 * an UPDATE): at least this many runs and commands, whatever smaller figures the suite's other
 * properties are given (a run on the sim takes milliseconds).
 */
const MIN_RUNS = 40;
const MIN_LENGTH = 24;

export function pkiPinStatesCase(given: PkiPinStatesOptions): ConformanceCase {
  const opts = {
    runs: Math.max(given.runs, MIN_RUNS),
    length: Math.max(given.length, MIN_LENGTH),
    seed: given.seed,
  };
  return {
    id: '11-pki/pin-states',
    clause: '11-pki §PINs (ciphered VERIFY, counters, blocking); docs/pki.md (admin state, challenge)',
    title: `${opts.runs} random sequences of up to ${opts.length} PIN-state commands agree with the suite's model of both PINs`,
    tags: PKI_TAGS,
    async run(k) {
      k.requireIrreversible('a try of the admin PIN cannot be given back');
      const ddf = await k.card.exchange(
        concatBytes(Uint8Array.of(0x00, 0xa4, 0x04, 0x00, PKI_DDF_NAME.length), PKI_DDF_NAME),
      );
      if (ddf.sw === 0x6a82) throw new NotApplicable('no PKI application (DDF PKI.社会保障)');
      k.check(ddf.sw === 0x9000, `SELECT PKI DDF: expected 9000, got ${hexWord(ddf.sw)}`);
      await k.provePinRestorable();
      const result = await runPkiPinModel(k.target, k.keys, {
        ...opts,
        user: k.description.pin,
        admin: pkiAdminPin(k.description),
        ...(k.observe ? { observe: k.observe } : {}),
      });
      if (result.failure) {
        k.attachTrace(result.failure.trace);
        k.fail(`${result.failure.message} — shrunk to: ${result.failure.commands}`);
      }
      k.check(result.commands > 0, 'no command was run');
    },
  };
}
