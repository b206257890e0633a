/**
 * `pnpm conformance <command>`: run the suite, replay/record vectors, merge JUnit files.
 * Bad arguments and bad input end with one line on stderr and exit code 2, never a stack
 * trace; `run` exits 0 only when every applicable case passed.
 */
import yargs from 'yargs';
import { hideBin } from 'yargs/helpers';
import { listCommand, mergeJunitCommand } from './cli/misc-commands.js';
import { runCommand } from './cli/run-command.js';
import { importScriptorCommand, recordCommand, replayCommand } from './cli/vector-commands.js';

function failAndExit(message: string): never {
  process.stderr.write(`conformance: ${message.split('\n')[0]}\n`);
  process.exit(2);
}

try {
  await yargs(hideBin(process.argv))
    .scriptName('conformance')
    .command(runCommand)
    .command(replayCommand)
    .command(recordCommand)
    .command(importScriptorCommand)
    .command(mergeJunitCommand)
    .command(listCommand)
    .demandCommand(1, 'name a command: run, replay, record, import-scriptor, merge-junit, list')
    .strict()
    .fail((message, error) => failAndExit(error ? error.message : message))
    .help()
    .parseAsync();
} catch (e) {
  failAndExit(e instanceof Error ? e.message : String(e));
}
