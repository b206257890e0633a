/**
 * `pnpm terminal <function> …` / `pnpm terminal serve-http …` (docs/terminal.md): the standard
 * terminal interface of @ssc-cos/terminal over the suite's targets. It lives here, not in the
 * terminal package, because the sim target is cos-sim in process, which the terminal library
 * never imports. Bad arguments end with one line on stderr and exit code 2.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { sdkCommands } from './terminal-cli/sdk-commands.js';
import { serveHttpCommand } from './terminal-cli/serve-http-command.js';

function failAndExit(message: string): never {
  process.stderr.write(`terminal: ${message.split('\n')[0]}\n`);
  process.exit(2);
}

try {
  let cli = yargs(hideBin(process.argv)).scriptName('terminal');
  for (const c of sdkCommands) cli = cli.command(c);
  await cli
    .command(serveHttpCommand)
    .demandCommand(1, 'name a function (iReadCardBas, iReadCard, …) or serve-http')
    .strict()
    .fail((message, error) => failAndExit(error ? error.message : message))
    .help()
    .parseAsync();
} catch (e) {
  failAndExit(e instanceof Error ? e.message : String(e));
}
