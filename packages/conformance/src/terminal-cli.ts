/**
 * `pnpm terminal <function> …` / `pnpm terminal serve-http …` (docs/terminal.md): the standard
 * terminal interface of @ssc-cos/terminal over the suite's targets. It lives here, not in the
 * terminal package, because the sim target is cos-sim in process, which the terminal library
 * never imports. Argument handling (one line and exit 2 on
 * anything wrong, -h, --version) is the shared runCli's.
 */
import { runCli } from '@ssc-cos/apdu-codec/cli-runner';
import { sdkCommands } from './terminal-cli/sdk-commands.js';
import { serveHttpCommand } from './terminal-cli/serve-http-command.js';

await runCli({ name: 'terminal', moduleUrl: import.meta.url, commands: [...sdkCommands, serveHttpCommand] });
