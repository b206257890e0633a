/**
 * Lists exported names defined in more than one source file of the workspace (issue 14: one
 * name per concept). Re-exports (`export { x } from`, `export *`) are not definitions.
 * `tsx scripts/exported-names.ts` prints one line per duplicate and exits 1 if there is any.
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

/** name → files defining it, over every package's src/. */
export function exportedDefinitions(): Map<string, string[]> {
  const where = new Map<string, string[]>();
  const packages = join(root, 'packages');
  for (const pkg of readdirSync(packages)) {
    const src = join(packages, pkg, 'src');
    try {
      statSync(src);
    } catch {
      continue;
    }
    for (const file of sources(src)) {
      for (const m of readFileSync(file, 'utf8').matchAll(DEFINITION)) {
        const list = where.get(m[1]!) ?? [];
        list.push(relative(root, file));
        where.set(m[1]!, list);
      }
    }
  }
  return where;
}

if (process.argv[1] === import.meta.filename) {
  const dups = [...exportedDefinitions()].filter(([, files]) => files.length > 1);
  for (const [name, files] of dups) console.log(`${name}: ${files.join(', ')}`);
  process.exit(dups.length > 0 ? 1 : 0);
}
