/**
 * Error classes that do not name themselves (issue 14 item 7): every exported class extending
 * Error, directly or through another such class of the workspace, must set `name` to its class
 * name (`override readonly name = 'X'` or `this.name = 'X'`), so a report's "X: message" says
 * which error it was. `tsx scripts/error-names.ts` prints each offender and exits 1 if any.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const CLASS = /^export\s+(?:abstract\s+)?class\s+(\w+)\s+extends\s+(\w+)[^{]*\{/gm;

interface ErrorClass {
  name: string;
  base: string;
  file: string;
  body: string;
}

/** The exported classes of `files` (path → text) with their base class and body. */
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

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** Every package's src/ files, path → text. */
export function workspaceSources(): [string, string][] {
  const packages = join(root, 'packages');
  const out: [string, string][] = [];
  for (const pkg of readdirSync(packages)) {
    const src = join(packages, pkg, 'src');
    if (!statSync(join(packages, pkg)).isDirectory()) continue;
    try {
      statSync(src);
    } catch {
      continue;
    }
    for (const file of sources(src)) out.push([relative(root, file), readFileSync(file, 'utf8')]);
  }
  return out;
}

if (process.argv[1] === import.meta.filename) {
  const bad = unnamedErrors(classesIn(workspaceSources()));
  for (const line of bad) console.log(line);
  process.exit(bad.length > 0 ? 1 : 0);
}
