/**
 * The `cos-sim serve` command as the argument layer sees it: its options as plain data and a
 * handler that loads the server only once it runs (serve.ts).
 */
import type { ArgumentsCamelCase, CommandModule } from 'yargs';
import type { ServeArgs } from './serve.js';

/** vpcd's default port for its first reader slot. */
const DEFAULT_PORT = 35963;

export const serveCommand: CommandModule<object, ServeArgs> = {
  command: 'serve',
  describe: 'serve cards to pcscd through vpcd (a TCP client of vpcd; see docs/pcsc.md)',
  builder: {
    profile: { type: 'string', describe: 'built-in profile name or JSON path (one card)' },
    port: { type: 'number', default: DEFAULT_PORT, describe: 'vpcd port of the reader slot' },
    host: { type: 'string', default: '127.0.0.1', describe: 'where vpcd listens' },
    state: { type: 'string', describe: 'card state file: loaded if present, saved on every change' },
    slot: {
      type: 'string',
      array: true, // repeatable: one value per --slot
      nargs: 1,
      describe: 'PROFILE@PORT[:contactless][:STATEFILE], repeatable: several cards in one process',
    },
    seed: { type: 'number', describe: 'seed for reproducible challenges' },
    trace: {
      type: 'boolean',
      default: false,
      describe: 'log every APDU and power event to stderr, in the trace format (docs/trace.md)',
    },
    'trace-file': {
      type: 'string',
      describe: 'write the trace (docs/trace.md) to this file instead of stderr; implies --trace',
    },
    quickack: {
      type: 'boolean',
      default: true,
      describe: 'set TCP_QUICKACK after each read/write (--no-quickack to measure the 40 ms trap)',
    },
    stdin: {
      type: 'string',
      default: 'auto',
      choices: ['auto', 'on', 'off'],
      describe: 'read insert/remove/toggle/status/quit commands on stdin (auto: when not a terminal)',
    },
    timing: {
      type: 'string',
      default: 'off',
      choices: ['off', 'real'],
      describe: 'real: answer as late as a real card (per-command figures of the profile; docs/pcsc.md)',
    },
  },
  handler: async (args: ArgumentsCamelCase<ServeArgs>) => {
    const { serveFromArgs } = await import('./serve.js');
    serveFromArgs(args);
  },
};
