/**
 * `cos-sim <command>`: a thin root that registers the command modules of src/cli/. Argument
 * handling (one line and exit 2 on anything wrong, -h, --version) is the shared runCli's.
 */
import { runCli } from '@ssc-cos/apdu-codec/cli-runner';
import { execCommand } from './cli/exec.js';
import { infoCommand } from './cli/info.js';
import { persoCommand } from './cli/perso.js';
import { serveCommand } from './cli/serve.js';

await runCli({
  name: 'cos-sim',
  moduleUrl: import.meta.url,
  commands: [execCommand, infoCommand, persoCommand, serveCommand],
});
