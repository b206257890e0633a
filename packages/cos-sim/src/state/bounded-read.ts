/**
 * Reads a text file of untrusted size without ever holding more than `limit + 1` bytes: a
 * profile or state file given as /dev/zero, a pipe that never ends or a 2 GB file is refused
 * with one line instead of growing the process without bound.
 */
import { closeSync, fstatSync, openSync, readSync } from 'node:fs';

/** State and profile files: a full card image is ~16 KB, the biggest profile ~40 KB. */
export const MAX_CARD_FILE_BYTES = 1024 * 1024;

export class FileRefusedError extends Error {
  override readonly name = 'FileRefusedError';
}

/**
 * The file's text, read up to `limit` bytes. `regularOnly` refuses anything but a regular file
 * before reading (a state file is replaced by rename: renaming over /dev/zero would replace the
 * device). Errors of open (ENOENT…) are thrown as they are.
 */
export function readTextBounded(path: string, limit = MAX_CARD_FILE_BYTES, regularOnly = false): string {
  const fd = openSync(path, 'r');
  try {
    const stat = fstatSync(fd);
    if (regularOnly && !stat.isFile()) throw new FileRefusedError('not a regular file');
    if (stat.isFile() && stat.size > limit) {
      throw new FileRefusedError(`larger than ${limit} bytes (${stat.size} bytes)`);
    }
    const buffer = Buffer.allocUnsafe(limit + 1);
    let filled = 0;
    while (filled < buffer.length) {
      const n = readSync(fd, buffer, filled, buffer.length - filled, null);
      if (n === 0) break;
      filled += n;
    }
    if (filled > limit) throw new FileRefusedError(`larger than ${limit} bytes`);
    return buffer.toString('utf8', 0, filled);
  } finally {
    closeSync(fd);
  }
}
