/**
 * Error classes that do not name themselves (issue 14 item 7): every class extending
 * Error, directly or through another such class of the workspace, must set `name` to its class
 * name (`override readonly name = 'X'` or `this.name = 'X'`), so a report's "X: message" says
 * which error it was. `tsx scripts/error-names.ts` prints each offender and exits 1 if any.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { packageSources, workspaceRoot as root, sourceFiles } from './workspace-sources.js';

const CLASS = /^(?:export\s+)?(?:abstract\s+)?class\s+(\w+)\s+extends\s+(\w+)[^{]*\{/gm;

interface ErrorClass {
  name: string;
  base: string;
  file: string;
  body: string;
}

/** The top-level classes of `files` (path → text) with their base class and body. */
export function classesIn(files: Iterable<[string, string]>): ErrorClass[] {
  const out: ErrorClass[] = [];
  for (const [file, text] of files) {
    for (const m of text.matchAll(CLASS)) {
      // the body runs to the first line that closes a top-level block
      const start = m.index + m[0].length;
      const end = text.indexOf('\n}', start);
      out.push({ name: m[1]!, base: m[2]!, file, body: text.slice(start, end < 0 ? undefined : end) });
    }
  }
  return out;
}

/** Error subclasses (transitively) whose body does not set name to the class name. */
export function unnamedErrors(classes: readonly ErrorClass[]): string[] {
  const isError = new Set(['Error', 'RangeError', 'TypeError']);
  let grew = true;
  while (grew) {
    grew = false;
    for (const c of classes)
      if (isError.has(c.base) && !isError.has(c.name)) {
        isError.add(c.name);
        grew = true;
      }
  }
  return classes
    .filter((c) => isError.has(c.base))
    .filter(
      (c) =>
        !new RegExp(`(?:readonly\\s+name(?::\\s*string)?\\s*=|this\\.name\\s*=)\\s*'${c.name}'`).test(c.body),
    )
    .map((c) => `${c.file}: ${c.name}`);
}

/** Every package's src/ files, path → text. */
export function workspaceSources(): [string, string][] {
  const out: [string, string][] = [];
  for (const src of packageSources())
    for (const file of sourceFiles(src)) out.push([relative(root, file), readFileSync(file, 'utf8')]);
  return out;
}

if (process.argv[1] === import.meta.filename) {
  const bad = unnamedErrors(classesIn(workspaceSources()));
  for (const line of bad) console.log(line);
  process.exit(bad.length > 0 ? 1 : 0);
}
