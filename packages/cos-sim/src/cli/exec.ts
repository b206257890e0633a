/**
 * `cos-sim exec --profile P [--seed N] [--state F] [--trace]`: reads APDUs from stdin (one per
 * line, hex, spaces allowed, `#` comments, `reset` prints the ATR) and prints one response per
 * line (upper-case hex), written line by line so another program can drive it interactively.
 * `cut-power-after N` (12-payment 防拔) arms the card's power-cut hook: the next command loses
 * power right after its N-th internal write, prints an empty line (no answer) and the card
 * comes back as after a power-on — so an integrator can test a terminal's recovery.
 * `--state F` loads the card from F when it exists and saves it atomically after every command
 * that changed it, before that command's answer is printed; a save that fails makes the answer
 * 6581 (03-security.md §v2) and the exit code 1. Input lines are limited to MAX_LINE_CHARS and
 * read only as fast as stdout takes the answers; a closed stdout ends exec quietly (exit 0).
 * `--trace` writes every exchange and reset on stderr in the one trace format (docs/trace.md).
 */
import type { Readable, Writable } from 'node:stream';
import { fromHex, TRACE_HEADER, type TraceEntry, toHex, traceLines } from '@ssc-cos/apdu-codec';
import { Card } from '../card.js';
import type { CardImage } from '../image/types.js';
import { buildImage } from '../profile/build-image.js';
import { loadProfile } from '../profile/load.js';
import { openStateFile, type StateFile, StateSaveError } from '../state/state-file.js';
import { boundedLines, LineTooLongError } from './input-lines.js';

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

/**
 * `--trace`: the exchanges on `err` in the one trace format (docs/trace.md), header first, each
 * with the shared decoded comment; the device is `card` or `psam` (the profile's kind).
 */
function tracer(err: Writable, device: string): (entry: Omit<TraceEntry, 'device'>) => void {
  err.write(`${TRACE_HEADER}\n`);
  return (entry) => err.write(traceLines({ device, ...entry }));
}

/**
 * Opens `--state F` for this process (locked, links resolved, stale temp files removed) and
 * loads it; a fresh card from the profile when F does not exist yet, saved at once.
 */
export function openCardState(
  statePath: string,
  profile: string,
): { image: CardImage; stateFile: StateFile; fresh: boolean } {
  const what = (e: unknown) => `state ${statePath}: ${e instanceof Error ? e.message : String(e)}`;
  let stateFile: StateFile;
  try {
    stateFile = openStateFile(statePath);
  } catch (e) {
    throw new CliError(what(e));
  }
  try {
    const loaded = stateFile.load();
    const image = loaded ?? imageFromProfile(profile);
    if (loaded === undefined) stateFile.save(image);
    return { image, stateFile, fresh: loaded === undefined };
  } catch (e) {
    stateFile.close();
    throw e instanceof CliError ? e : new CliError(what(e));
  }
}

/** Resolves once `out` can take more (or will never: closed, failed). */
function drained(out: Writable): Promise<void> {
  return new Promise((resolve) => {
    const done = () => {
      out.off('drain', done);
      out.off('close', done);
      out.off('error', done);
      resolve();
    };
    out.once('drain', done);
    out.once('close', done);
    out.once('error', done);
  });
}

/**
 * The loop behind `exec`, on any streams (tests drive it in process). Resolves with the exit
 * code: 0, or 1 when a state save failed (the card answered 6581, a line on `err` each time).
 * A closed `out` (EPIPE: `exec … | head -1`) ends the loop quietly with 0. Input is read only
 * as fast as `out` drains.
 */
export async function runExec(
  options: ExecOptions,
  input: Readable,
  out: Writable,
  err: Writable,
): Promise<number> {
  if (options.seed !== undefined && (!Number.isSafeInteger(options.seed) || options.seed < 0)) {
    throw new CliError(`--seed must be a non-negative integer, got ${options.seed}`);
  }
  const statePath = options.state;
  const opened = statePath === undefined ? null : openCardState(statePath, options.profile);
  let saveFailures = 0;
  let outClosed = false;
  const onOutError = (e: NodeJS.ErrnoException) => {
    outClosed = true;
    if (e.code !== 'EPIPE') err.write(`cos-sim: cannot write the output: ${e.message}\n`);
  };
  out.on('error', onOutError);
  err.on('error', () => {}); // a closed stderr must not end the card either
  try {
    const stateFile = opened?.stateFile;
    const card = new Card(opened?.image ?? imageFromProfile(options.profile), {
      ...(options.seed !== undefined ? { seed: options.seed } : {}),
      ...(stateFile
        ? {
            onWrite: (img: CardImage) => {
              try {
                stateFile.save(img);
              } catch (e) {
                saveFailures++;
                throw e; // the card answers 6581 and reports it through onFault
              }
            },
          }
        : {}),
      onFault: (e) => {
        const message = e instanceof Error ? e.message : String(e);
        err.write(
          `cos-sim: ${e instanceof StateSaveError ? `${message}; answered 6581` : `fault while answering a command: ${message}`}\n`,
        );
      },
    });
    const trace = options.trace ? tracer(err, card.image.kind) : null;
    const emit = async (text: string) => {
      if (!out.write(text) && !outClosed) await drained(out);
    };
    let lineNumber = 0;
    try {
      for await (const raw of boundedLines(input)) {
        lineNumber++;
        if (outClosed || out.destroyed) break;
        const line = raw.replace(/#.*/, '').trim();
        if (line === '') continue;
        const cut = /^cut-power-after\s+(\S+)$/i.exec(line);
        if (cut !== null) {
          const writes = Number(cut[1]);
          if (!Number.isSafeInteger(writes) || writes < 1)
            throw new CliError(
              `line ${lineNumber}: cut-power-after takes a write count ≥ 1, got "${cut[1]}"`,
            );
          card.cutPowerAfterWrites(writes);
        } else if (line.toLowerCase() === 'reset') {
          const timestamp = Date.now();
          const atr = card.reset();
          trace?.({ command: null, response: atr, timestamp, answeredAt: Date.now() });
          await emit(`${toHex(atr)}\n`);
        } else {
          const command = hexLine(line, lineNumber);
          const timestamp = Date.now();
          const response = card.transmit(command);
          // A power cut (cut-power-after) answers nothing: a command line without its `<` line.
          const answer = response.length === 0 ? {} : { response, answeredAt: Date.now() };
          trace?.({ command, timestamp, ...answer });
          await emit(`${toHex(response)}\n`);
        }
      }
    } catch (e) {
      if (e instanceof LineTooLongError) throw new CliError(e.message);
      throw e;
    }
  } finally {
    opened?.stateFile.close();
    out.off('error', onOutError);
    if (outClosed) out.on('error', () => {});
  }
  return outClosed ? 0 : saveFailures > 0 ? 1 : 0;
}
