/**
 * The `cos-sim exec` command as the argument layer sees it: its options as plain data (so
 * runCli parses a plain `exec --profile P` without loading yargs: cli-direct-args.ts) and a
 * handler that loads the card only once it runs (exec.ts), so `cos-sim --help` or another
 * command loads none of it.
 */
import type { ArgumentsCamelCase, CommandModule } from 'yargs';

interface ExecArgs {
  profile: string;
  seed: number | undefined;
  state: string | undefined;
  trace: boolean;
}

export const execCommand: CommandModule<object, ExecArgs> = {
  command: 'exec',
  describe: 'answer APDUs read from stdin (one hex line each), one response line each',
  builder: {
    profile: { type: 'string', demandOption: true, describe: 'built-in profile name or JSON path' },
    seed: { type: 'number', describe: 'seed for reproducible challenges' },
    state: { type: 'string', describe: 'card state file: loaded at start, saved on change' },
    trace: {
      type: 'boolean',
      default: false,
      describe: 'write the exchanges to stderr in the trace format (docs/trace.md)',
    },
  },
  handler: async (args: ArgumentsCamelCase<ExecArgs>) => {
    let stdoutClosed = false;
    process.stdout.once('error', () => (stdoutClosed = true));
    const { runExec } = await import('./exec.js');
    const code = await runExec(args, process.stdin, process.stdout, process.stderr);
    // `exec … | head -1`: nothing more can be said; stdin may still be open, so leave now.
    if (stdoutClosed) process.exit(0);
    process.exitCode = code;
  },
};
