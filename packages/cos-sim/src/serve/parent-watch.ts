/**
 * Exit with the parent: `pnpm cos-sim serve …` / `npx cos-sim serve …` start the server under a
 * package runner, and the user stops what they started (`kill <pnpm's pid>`, even `kill -9`). A
 * runner that dies without passing the signal on leaves its child to init; this notices. Node's
 * `process.ppid` is the parent at start (read once), so the live parent comes from
 * /proc/self/stat (Linux), else from whether that first parent's pid still exists.
 */
import { readFileSync } from 'node:fs';

/** How often the parent is looked at: a stop a user waits for, not a hot loop. */
export const PARENT_POLL_MS = 500;

function currentParent(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    // "pid (comm) state ppid …": comm may hold spaces and parentheses, so read after the last ")".
    const ppid = Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]);
    return Number.isInteger(ppid) ? ppid : null;
  } catch {
    return null;
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (e) {
    return (e as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Calls onGone once when the process's parent is gone; returns a function that stops watching. */
export function watchParent(onGone: (parent: number) => void): () => void {
  // process.ppid is the parent at start: one that died while the server was loading counts too.
  const first = process.ppid;
  const timer = setInterval(() => {
    const now = currentParent();
    if (now === null ? alive(first) : now === first) return;
    clearInterval(timer);
    onGone(first);
  }, PARENT_POLL_MS);
  timer.unref(); // the sockets keep the process alive, not this
  return () => clearInterval(timer);
}
