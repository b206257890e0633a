/**
 * Lists exported names defined in more than one source file of the workspace (issue 14: one
 * name per concept). Re-exports (`export { x } from`, `export *`) are not definitions.
 * `tsx scripts/exported-names.ts` prints one line per duplicate and exits 1 if there is any;
 * scripts/test/structure.test.ts keeps it so.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';

const root = join(import.meta.dirname, '..');
const DEFINITION =
  /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:const|let|function\*?|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;

function sources(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) sources(path, out);
    else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** name → the files (of `files`, path → text) that define it with `export`. */
export function definitionsIn(files: Iterable<[string, string]>): Map<string, string[]> {
  const where = new Map<string, string[]>();
  for (const [path, text] of files) {
    for (const m of text.matchAll(DEFINITION)) {
      const list = where.get(m[1]!) ?? [];
      list.push(path);
      where.set(m[1]!, list);
    }
  }
  return where;
}

/** name → files defining it, over every package's src/. */
export function exportedDefinitions(): Map<string, string[]> {
  const files: [string, string][] = [];
  const packages = join(root, 'packages');
  for (const pkg of readdirSync(packages)) {
    const src = join(packages, pkg, 'src');
    try {
      statSync(src);
    } catch {
      continue;
    }
    for (const file of sources(src)) files.push([relative(root, file), readFileSync(file, 'utf8')]);
  }
  return definitionsIn(files);
}

/** Names defined in more than one file. */
export function duplicates(where: Map<string, string[]>): [string, string[]][] {
  return [...where].filter(([, files]) => files.length > 1);
}

if (process.argv[1] === import.meta.filename) {
  const dups = duplicates(exportedDefinitions());
  for (const [name, files] of dups) console.log(`${name}: ${files.join(', ')}`);
  process.exit(dups.length > 0 ? 1 : 0);
}
