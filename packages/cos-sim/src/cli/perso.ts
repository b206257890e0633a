/**
 * `cos-sim perso --profile P --out F [--serial S] [--blank-state B]`: writes the FMCOS
 * personalisation script of a card profile (perso/script.ts) to F. With --blank-state it also
 * writes the blank chip the script starts from as a state file, so
 * `cos-sim exec --profile P --state B < F` personalises it.
 */
import { writeFileSync } from 'node:fs';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
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

interface PersoArgs {
  profile: string;
  out: string;
  serial: string | undefined;
  blankState: string | undefined;
}

export const persoCommand: CommandModule<object, PersoArgs> = {
  command: 'perso',
  describe: 'write the FMCOS personalisation script of a card profile',
  builder: (y: Argv<object>) =>
    y
      .option('profile', {
        type: 'string',
        demandOption: true,
        describe: 'built-in card profile name or JSON path',
      })
      .option('out', {
        type: 'string',
        demandOption: true,
        describe: 'script file to write (one hex APDU per line)',
      })
      .option('serial', { type: 'string', describe: 'card serial (hex) replacing the profile one' })
      .option('blank-state', {
        type: 'string',
        describe: 'also write the blank chip as a state file for exec --state',
      }) as unknown as Argv<PersoArgs>,
  handler: (args: ArgumentsCamelCase<PersoArgs>) => {
    process.stdout.write(`${runPerso(args)}\n`);
  },
};
