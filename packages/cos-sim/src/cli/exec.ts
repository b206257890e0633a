/**
 * `cos-sim exec --profile P [--seed N] [--state F] [--trace]`: reads APDUs from stdin (one per
 * line, hex, spaces allowed, `#` comments, `reset` prints the ATR) and prints one response per
 * line (upper-case hex), written line by line so another program can drive it interactively.
 * `--state F` loads the card from F when it exists and saves it atomically after every command
 * that changed it.
 */
import { existsSync } from 'node:fs';
import { createInterface } from 'node:readline';
import type { Readable, Writable } from 'node:stream';
import { formatCommand, formatResponse, fromHex, toHex } from '@ssc-cos/apdu-codec';
import type { ArgumentsCamelCase, Argv, CommandModule } from 'yargs';
import { Card } from '../card.js';
import type { CardImage } from '../image/types.js';
import { buildImage, loadProfile } from '../profile/index.js';
import { loadStateFile, saveStateFile } from '../state/state-file.js';

/** An error the CLI reports as one line on stderr with exit code 2 (bad argument, bad input). */
export class CliError extends Error {
  override readonly name = 'CliError';
}

/** The card image of a profile (built-in name → vectors/profiles/NAME.json, or a path). */
export function imageFromProfile(nameOrPath: string): CardImage {
  try {
    return buildImage(loadProfile(nameOrPath));
  } catch (e) {
    throw new CliError(`profile ${nameOrPath}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

export interface ExecOptions {
  profile: string;
  seed?: number | undefined;
  state?: string | undefined;
  trace?: boolean | undefined;
}

function hexLine(line: string, lineNumber: number): Uint8Array {
  try {
    return fromHex(line);
  } catch {
    throw new CliError(`line ${lineNumber}: malformed hex "${line.slice(0, 40)}"`);
  }
}

/** The exchange on stderr, decoded by the codec: `> HEX  meaning` / `< HEX  meaning`. */
function tracer(err: Writable): (command: Uint8Array, response: Uint8Array) => void {
  return (command, response) => {
    const answer = response.length >= 2 ? formatResponse(response) : 'no response (power cut)';
    err.write(`> ${toHex(command)}  ${formatCommand(command)}\n< ${toHex(response)}  ${answer}\n`);
  };
}

/** The loop behind `exec`, on any streams (tests drive it in process). */
export async function runExec(
  options: ExecOptions,
  input: Readable,
  out: Writable,
  err: Writable,
): Promise<void> {
  if (options.seed !== undefined && (!Number.isSafeInteger(options.seed) || options.seed < 0)) {
    throw new CliError(`--seed must be a non-negative integer, got ${options.seed}`);
  }
  let image: CardImage | undefined;
  const statePath = options.state;
  if (statePath !== undefined) {
    try {
      image = loadStateFile(statePath);
    } catch (e) {
      throw new CliError(`state ${statePath}: ${e instanceof Error ? e.message : String(e)}`);
    }
  }
  const fresh = image === undefined;
  image ??= imageFromProfile(options.profile);
  const card = new Card(image, {
    ...(options.seed !== undefined ? { seed: options.seed } : {}),
    ...(statePath !== undefined ? { onWrite: (img: CardImage) => saveStateFile(statePath, img) } : {}),
    ...(options.trace ? { trace: tracer(err) } : {}),
  });
  if (statePath !== undefined && (fresh || !existsSync(statePath))) saveStateFile(statePath, card.image);

  const lines = createInterface({ input, crlfDelay: Number.POSITIVE_INFINITY });
  let lineNumber = 0;
  for await (const raw of lines) {
    lineNumber++;
    const line = raw.replace(/#.*/, '').trim();
    if (line === '') continue;
    if (line.toLowerCase() === 'reset') {
      out.write(`${toHex(card.reset())}\n`);
      continue;
    }
    out.write(`${toHex(card.transmit(hexLine(line, lineNumber)))}\n`);
  }
}

interface ExecArgs {
  profile: string;
  seed: number | undefined;
  state: string | undefined;
  trace: boolean;
}

export const execCommand: CommandModule<object, ExecArgs> = {
  command: 'exec',
  describe: 'answer APDUs read from stdin (one hex line each), one response line each',
  builder: (y: Argv<object>) =>
    y
      .option('profile', {
        type: 'string',
        demandOption: true,
        describe: 'built-in profile name or JSON path',
      })
      .option('seed', { type: 'number', describe: 'seed for reproducible challenges' })
      .option('state', { type: 'string', describe: 'card state file: loaded at start, saved on change' })
      .option('trace', {
        type: 'boolean',
        default: false,
        describe: 'write the exchange to stderr',
      }) as Argv<ExecArgs>,
  handler: async (args: ArgumentsCamelCase<ExecArgs>) => {
    await runExec(args, process.stdin, process.stdout, process.stderr);
  },
};
