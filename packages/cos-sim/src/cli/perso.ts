/**
 * `cos-sim perso --profile P --out F [--serial S] [--blank-state B]`: writes the FMCOS
 * personalisation script of a card profile (perso/script.ts) to F. With --blank-state it also
 * writes the blank chip the script starts from as a state file, so
 * `cos-sim exec --profile P --state B < F` personalises it.
 */
import { writeFileSync } from 'node:fs';
import { blankChipFor } from '../perso/blank-chip.js';
import { persoScriptLines } from '../perso/script.js';
import { buildImage, loadProfile } from '../profile/index.js';
import { saveStateFile } from '../state/state-file.js';
import { CliError } from './exec.js';

export interface PersoOptions {
  profile: string;
  out: string;
  serial?: string | undefined;
  blankState?: string | undefined;
}

/** Does the work of `perso`; returns the summary line it prints. Bad input → CliError. */
export function runPerso(options: PersoOptions): string {
  let lines: string[];
  let blank: ReturnType<typeof blankChipFor>;
  try {
    const image = buildImage(
      loadProfile(options.profile),
      options.serial === undefined ? {} : { serial: options.serial },
    );
    lines = persoScriptLines(image);
    blank = blankChipFor(image);
  } catch (e) {
    throw new CliError(`profile ${options.profile}: ${e instanceof Error ? e.message : String(e)}`);
  }
  try {
    writeFileSync(options.out, `${lines.join('\n')}\n`);
    if (options.blankState !== undefined) saveStateFile(options.blankState, blank);
  } catch (e) {
    throw new CliError(e instanceof Error ? e.message : String(e));
  }
  const apdus = lines.filter((l) => !l.startsWith('#')).length;
  return `wrote ${apdus} APDUs to ${options.out}${options.blankState === undefined ? '' : `, blank chip to ${options.blankState}`}`;
}
