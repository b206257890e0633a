/**
 * Writes a file so that a crash (kill -9, power loss) at any moment leaves either the old or
 * the new content, never a torn file: temp file in the same directory, fsync, rename over the
 * target, fsync the directory so the rename itself is durable.
 *
 * The temp file holds a whole card image, keys included, so it never outlives a failed write
 * (removed whether the write, the fsync or the rename failed), and the temp files a killed
 * process left behind are found by name and removed by `removeStaleTemps`.
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, unlinkSync, writeSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';

/** `.NAME.PID.tmp` next to the target. */
function tempPath(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
}

const TEMP_NAME = /^\.(.+)\.\d+\.tmp$/;

function removeQuietly(path: string): void {
  try {
    unlinkSync(path);
  } catch {}
}

export function writeFileAtomic(path: string, text: string): void {
  if (basename(path) === '' || path.endsWith('/')) throw new Error(`not a file path: "${path}"`);
  const dir = dirname(path);
  const temp = tempPath(path);
  const fd = openSync(temp, 'w', 0o600);
  try {
    const buffer = Buffer.from(text, 'utf8');
    let written = 0;
    while (written < buffer.length) written += writeSync(fd, buffer, written, buffer.length - written);
    fsyncSync(fd);
  } catch (e) {
    closeSync(fd);
    removeQuietly(temp);
    throw e;
  }
  closeSync(fd);
  try {
    renameSync(temp, path);
  } catch (e) {
    removeQuietly(temp);
    throw e;
  }
  const dirFd = openSync(dir, 'r');
  try {
    fsyncSync(dirFd);
  } finally {
    closeSync(dirFd);
  }
}

/**
 * Removes the temp files earlier writers of `path` left (a kill -9 between open and rename).
 * Only safe while no one else writes `path`: callers hold its lock (file-lock.ts).
 */
export function removeStaleTemps(path: string): void {
  const dir = dirname(path);
  const name = basename(path);
  for (const entry of readdirSync(dir)) {
    if (TEMP_NAME.exec(entry)?.[1] === name) removeQuietly(join(dir, entry));
  }
}
