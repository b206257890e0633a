/**
 * Control commands on stdin outlive their writer: when stdin is a pipe or a FIFO, the server
 * opens it once more, read-write, and keeps that descriptor. A pipe reaches end of file only
 * when no writer is left, so with the server itself holding one it never does: each
 * `echo status > /tmp/ctl` is read in turn, however many writers come and go, and a pipe whose
 * first writer closed (`printf 'status\n' | cos-sim serve …`) still takes commands written to
 * /proc/PID/fd/0. Linux only (/proc); elsewhere, and for a socket, a file or a terminal, end of
 * file ends the commands, never the server.
 */
import { fstatSync, openSync } from 'node:fs';

/** Returns the held descriptor, or null when stdin is not a pipe/FIFO or cannot be reopened. */
export function holdStdinOpen(): number | null {
  try {
    if (!fstatSync(0).isFIFO()) return null;
    return openSync('/proc/self/fd/0', 'r+');
  } catch {
    return null;
  }
}
