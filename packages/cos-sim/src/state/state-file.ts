/**
 * `--state F`: the card image kept in a file, loaded at start and saved atomically on change.
 *
 * `openStateFile` is how a process takes a state file for its lifetime (03-security.md §v2
 * "Persistence is part of the card"): the path is resolved through symbolic links (the link
 * stays a link; the target is what is written, atomically, next to itself), a dangling link is
 * refused rather than becoming a fresh card, the file is locked so a second process refuses
 * to start, and the temp files a killed writer left are removed.
 */
import { lstatSync, readlinkSync, realpathSync, statSync } from 'node:fs';
import type { CardImage } from '../image/types.js';
import { removeStaleTemps, writeFileAtomic } from './atomic-file.js';
import { MAX_CARD_FILE_BYTES, readTextBounded } from './bounded-read.js';
import { lockStateFile, StateLockError } from './file-lock.js';
import { deserializeImage, serializeImage } from './serialize.js';

/** Why a state file cannot be used; the message is one line, without the path. */
export class StateFileError extends Error {
  override readonly name = 'StateFileError';
}

/**
 * The image in `path`, or undefined when the file does not exist yet. Only a regular file of
 * at most MAX_CARD_FILE_BYTES is read; the image is validated (serialize.ts).
 */
export function loadStateFile(path: string): CardImage | undefined {
  let text: string;
  try {
    text = readTextBounded(path, MAX_CARD_FILE_BYTES, true);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw e;
  }
  return deserializeImage(text);
}

export function saveStateFile(path: string, image: CardImage): void {
  writeFileAtomic(path, serializeImage(image));
}

/** A save of a held state file failed: the image is not durable (the card answers 6581). */
export class StateSaveError extends Error {
  override readonly name = 'StateSaveError';
}

/** A state file held by this process (locked) until `close`. */
export interface StateFile {
  /** The file actually read and written (a symbolic link's target). */
  readonly path: string;
  load(): CardImage | undefined;
  /** Atomic and durable when it returns; throws StateSaveError when it could not be. */
  save(image: CardImage): void;
  /** Releases the lock (also released by the kernel when the process ends). */
  close(): void;
}

/** Where `path` really is: itself, or the end of its chain of symbolic links. */
function resolveTarget(path: string): string {
  let isLink: boolean;
  try {
    isLink = lstatSync(path).isSymbolicLink();
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return path; // a new card
    throw e;
  }
  let target = path;
  if (isLink) {
    try {
      target = realpathSync(path);
    } catch {
      throw new StateFileError(
        `is a dangling symbolic link (to ${readlinkSync(path)}); refusing to start a fresh card`,
      );
    }
  }
  // Before anything is created next to it (the lock): /dev/zero is not a card.
  if (!statSync(target).isFile()) throw new StateFileError('not a regular file');
  return target;
}

export function openStateFile(path: string): StateFile {
  if (path === '') throw new StateFileError('empty path (a state file needs a name)');
  const target = resolveTarget(path);
  let lock: ReturnType<typeof lockStateFile>;
  try {
    lock = lockStateFile(target);
  } catch (e) {
    if (e instanceof StateLockError) throw new StateFileError(e.message);
    throw new StateFileError(`cannot lock: ${(e as Error).message}`);
  }
  try {
    removeStaleTemps(target);
  } catch (e) {
    lock.release();
    throw new StateFileError(`cannot clean its directory: ${(e as Error).message}`);
  }
  return {
    path: target,
    load: () => loadStateFile(target),
    save: (image) => {
      try {
        saveStateFile(target, image);
      } catch (e) {
        throw new StateSaveError(`cannot save ${path}: ${(e as Error).message}`);
      }
    },
    close: () => lock.release(),
  };
}
