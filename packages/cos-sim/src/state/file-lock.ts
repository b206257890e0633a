/**
 * An exclusive lock on a state file, held by the kernel on an open descriptor (flock(2)), so it
 * ends with the process however the process ends: a kill -9 cannot leave it stale, unlike a
 * pid file. The lock is taken on a sidecar `.NAME.lock` next to the state file, not on the
 * state file itself, because every save replaces the state file's inode by a rename and a lock
 * on the old inode would no longer exclude anyone.
 *
 * Node has no flock; libc's is called through koffi (already the FFI of serve/quick-ack.ts).
 */
import { closeSync, openSync } from 'node:fs';
import { createRequire } from 'node:module';
import { basename, dirname, join } from 'node:path';

const LOCK_EX = 2;
const LOCK_NB = 4;

type Flock = (fd: number, operation: number) => number;
let flock: Flock | null | undefined;

function loadFlock(): Flock | null {
  if (flock !== undefined) return flock;
  try {
    const require = createRequire(import.meta.url);
    const koffi = require('koffi') as typeof import('koffi');
    flock = koffi
      .load(process.platform === 'darwin' ? 'libc.dylib' : 'libc.so.6')
      .func('int flock(int, int)') as Flock;
  } catch {
    flock = null;
  }
  return flock;
}

export class StateLockError extends Error {
  override readonly name = 'StateLockError';
}

/** The sidecar lock file's path for a state file. */
export function lockPathOf(statePath: string): string {
  return join(dirname(statePath), `.${basename(statePath)}.lock`);
}

/** A held lock; `release` closes its descriptor (the kernel drops the lock with it). */
export interface HeldLock {
  release(): void;
}

/**
 * Takes the lock of `statePath` without waiting; throws StateLockError when another process (or
 * another open of the same file in this process) holds it.
 */
export function lockStateFile(statePath: string): HeldLock {
  const fd = openSync(lockPathOf(statePath), 'a', 0o600);
  const call = loadFlock();
  if (call === null) {
    closeSync(fd);
    throw new StateLockError('cannot lock (flock through koffi unavailable)');
  }
  if (call(fd, LOCK_EX | LOCK_NB) !== 0) {
    closeSync(fd);
    throw new StateLockError('in use by another process');
  }
  let held = true;
  return {
    release() {
      if (!held) return;
      held = false;
      closeSync(fd);
    },
  };
}
