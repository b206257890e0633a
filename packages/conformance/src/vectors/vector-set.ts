/** Files and directories given on a command line → session files (directories: every *.json and *.trace under them). */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { VectorError } from './vector-file.js';

export function vectorPaths(inputs: readonly string[]): string[] {
  const out: string[] = [];
  const walk = (path: string): void => {
    let st: ReturnType<typeof statSync>;
    try {
      st = statSync(path);
    } catch {
      throw new VectorError(`${path}: no such file or directory`);
    }
    if (st.isDirectory()) {
      for (const name of readdirSync(path).sort()) {
        const child = join(path, name);
        if (/\.(?:json|trace)$/.test(name) || statSync(child).isDirectory()) walk(child);
      }
    } else out.push(path);
  };
  for (const input of inputs) walk(input);
  return out;
}
