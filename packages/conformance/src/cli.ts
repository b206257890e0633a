/**
 * `conformance <command>`: run the suite, replay/record vectors, merge JUnit files. Argument
 * handling (one line and exit 2 on anything wrong, -h, --version) is the shared runCli's;
 * `run` exits 0 only when every applicable case passed.
 */
import { runCli } from '@ssc-cos/apdu-codec/cli-runner';
import { listCommand, mergeJunitCommand } from './cli/misc-commands.js';
import { runCommand } from './cli/run-command.js';
import { importScriptorCommand, recordCommand, replayCommand } from './cli/vector-commands.js';

await runCli({
  name: 'conformance',
  moduleUrl: import.meta.url,
  commands: [runCommand, replayCommand, recordCommand, importScriptorCommand, mergeJunitCommand, listCommand],
});
