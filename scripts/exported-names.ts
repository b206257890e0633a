/**
 * Lists exported names defined in more than one source file of the workspace (issue 14: one
 * name per concept). Re-exports (`export { x } from`, `export *`) are not definitions.
 * `tsx scripts/exported-names.ts` prints one line per duplicate and exits 1 if there is any;
 * scripts/test/structure.test.ts keeps it so.
 */
import { readFileSync } from 'node:fs';
import { relative } from 'node:path';
import { packageSources, workspaceRoot as root, sourceFiles } from './workspace-sources.js';

const DEFINITION =
  /^export\s+(?:declare\s+)?(?:abstract\s+)?(?:async\s+)?(?:const|let|function\*?|class|interface|type|enum)\s+([A-Za-z_$][\w$]*)/gm;

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
  for (const src of packageSources())
    for (const file of sourceFiles(src)) files.push([relative(root, file), readFileSync(file, 'utf8')]);
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
