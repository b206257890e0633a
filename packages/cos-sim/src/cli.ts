/**
 * `cos-sim <command>`: a thin root that registers the commands of src/cli/. Argument handling
 * (one line and exit 2 on anything wrong, -h, --version) is the shared runCli's. Each
 * `*-command.ts` declares a command and loads its code only when it runs, so a one-APDU
 * `exec` loads the card and nothing of `serve`, `perso` or `info` (nor yargs: runCli).
 */
import { runCli } from '@ssc-cos/apdu-codec/cli-runner';
import { execCommand } from './cli/exec-command.js';
import { infoCommand } from './cli/info-command.js';
import { persoCommand } from './cli/perso-command.js';
import { serveCommand } from './cli/serve-command.js';

await runCli({
  name: 'cos-sim',
  moduleUrl: import.meta.url,
  commands: [execCommand, infoCommand, persoCommand, serveCommand],
});
