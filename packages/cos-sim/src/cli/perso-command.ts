/**
 * The `cos-sim perso` command as the argument layer sees it: its options as plain data and a
 * handler that loads the personalisation code only once it runs (perso.ts).
 */
import type { ArgumentsCamelCase, CommandModule } from 'yargs';

interface PersoArgs {
  profile: string;
  out: string;
  serial: string | undefined;
  blankState: string | undefined;
}

export const persoCommand: CommandModule<object, PersoArgs> = {
  command: 'perso',
  describe: 'write the FMCOS personalisation script of a card profile',
  builder: {
    profile: { type: 'string', demandOption: true, describe: 'built-in card profile name or JSON path' },
    out: { type: 'string', demandOption: true, describe: 'script file to write (one hex APDU per line)' },
    serial: { type: 'string', describe: 'card serial (hex) replacing the profile one' },
    'blank-state': { type: 'string', describe: 'also write the blank chip as a state file for exec --state' },
  },
  handler: async (args: ArgumentsCamelCase<PersoArgs>) => {
    const { runPerso } = await import('./perso.js');
    process.stdout.write(`${runPerso(args)}\n`);
  },
};
