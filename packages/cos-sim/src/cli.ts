/**
 * `pnpm cos-sim <command>`: a thin root that registers the command modules of src/cli/.
 * Bad arguments and bad input end with one line on stderr and exit code 2, never a stack trace.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { execCommand } from './cli/exec.js';
import { infoCommand } from './cli/info.js';
import { persoCommand } from './cli/perso.js';
import { serveCommand } from './cli/serve.js';

/** Every command's name, taken from the modules registered below, so the hint lists them all. */
const COMMAND_NAMES = [execCommand, infoCommand, persoCommand, serveCommand]
  .map((c) => String(c.command).split(' ')[0])
  .join(', ');

function failAndExit(message: string): never {
  process.stderr.write(`cos-sim: ${message.split('\n')[0]}\n`);
  process.exit(2);
}

try {
  await yargs(hideBin(process.argv))
    .scriptName('cos-sim')
    .command(execCommand)
    .command(infoCommand)
    .command(persoCommand)
    .command(serveCommand)
    .demandCommand(1, `name a command: ${COMMAND_NAMES}`)
    .strict()
    .fail((message, error) => failAndExit(error ? error.message : message))
    .help()
    .parseAsync();
} catch (e) {
  failAndExit(e instanceof Error ? e.message : String(e));
}
