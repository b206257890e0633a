/**
 * Small public APIs (issue 14 item 7). Each package's root (`src/index.ts`) exports exactly the
 * names its README's "## API" list documents, so the API cannot grow without the README saying
 * so. What the workspace's own packages need beyond a root is the package's `./internal`
 * subpath (`src/internal.ts`, no compatibility promise): it shares no name with the root, and
 * each of its names is imported through `@ssc-cos/<package>/internal` outside the package, so it
 * cannot become a second root. `tsx scripts/public-api.ts` prints each difference and exits 1 if
 * there is any; scripts/test/structure.test.ts keeps it so.
 */
import { existsSync, readFileSync } from 'node:fs';
import { basename, dirname, join, relative } from 'node:path';
import { packageSources, workspaceRoot as root, sourceFiles } from './workspace-sources.js';

const EXPORT_LIST = /^export\s+(?:type\s+)?\{([^}]*)\}/gm;

/** The names a barrel exports (`export { a, type B, c as d } from …`), sorted. */
export function exportedNames(barrel: string): string[] {
  const names: string[] = [];
  for (const m of barrel.matchAll(EXPORT_LIST))
    for (const item of m[1]!.split(',')) {
      const name = item
        .trim()
        .replace(/^type\s+/, '')
        .split(/\s+as\s+/)
        .pop()!;
      if (name !== '') names.push(name);
    }
  return names.sort();
}

/**
 * The names of a README's "## API" section: every `Identifier` in backticks on its list items
 * ("- " and their indented continuation lines), up to the next heading. A `### …` sub-heading (the `./internal` subpath) ends it.
 */
export function documentedApi(readme: string): string[] | null {
  const start = readme.search(/^## API\s*$/m);
  if (start < 0) return null;
  const names: string[] = [];
  let inItem = false;
  for (const line of readme.slice(start).split('\n').slice(1)) {
    if (/^#{2,3} /.test(line)) break;
    // a list item and its indented continuation lines
    inItem = line.startsWith('- ') || (inItem && line.startsWith('  '));
    if (!inItem) continue;
    for (const m of line.matchAll(/`([A-Za-z_$][\w$]*)`/g)) names.push(m[1]!);
  }
  return names.sort();
}

/** `[name, names]` differences between a root and its README list, as lines. */
export function apiDifferences(pkg: string, exported: string[], documented: string[] | null): string[] {
  if (documented === null) return [`${pkg}: README.md has no "## API" list`];
  const out: string[] = [];
  for (const n of exported)
    if (!documented.includes(n)) out.push(`${pkg}: root exports ${n}, README's API list does not name it`);
  for (const n of documented)
    if (!exported.includes(n)) out.push(`${pkg}: README's API list names ${n}, the root does not export it`);
  for (const n of new Set(documented))
    if (documented.indexOf(n) !== documented.lastIndexOf(n)) out.push(`${pkg}: README names ${n} twice`);
  return out;
}

/**
 * Names of `@ssc-cos/<pkg>/internal` imported by `files` (path → text) outside the package:
 * each name of internal.ts must be one of them.
 */
export function internalImports(pkg: string, files: Iterable<[string, string]>): Set<string> {
  const used = new Set<string>();
  const spec = new RegExp(`import\\s+(?:type\\s+)?\\{([^}]*)\\}\\s*from\\s*'@ssc-cos/${pkg}/internal'`, 'g');
  for (const [path, text] of files) {
    if (path.startsWith(`packages/${pkg}/`)) continue;
    for (const m of text.matchAll(spec))
      for (const item of m[1]!.split(',')) {
        const name = item
          .trim()
          .replace(/^type\s+/, '')
          .split(/\s+as\s+/)[0]!;
        if (name !== '') used.add(name);
      }
  }
  return used;
}

/** Every problem of the workspace's public APIs, as lines. */
export function apiProblems(): string[] {
  const files: [string, string][] = [];
  for (const dir of [
    ...packageSources(),
    ...packageSources().map((s) => join(dirname(s), 'test')),
    join(root, 'bench'),
  ])
    if (existsSync(dir))
      for (const f of sourceFiles(dir)) files.push([relative(root, f), readFileSync(f, 'utf8')]);
  const out: string[] = [];
  for (const src of packageSources()) {
    const pkg = basename(dirname(src));
    const rootNames = exportedNames(readFileSync(join(src, 'index.ts'), 'utf8'));
    const readme = readFileSync(join(dirname(src), 'README.md'), 'utf8');
    out.push(...apiDifferences(pkg, rootNames, documentedApi(readme)));
    const internal = join(src, 'internal.ts');
    const manifest = JSON.parse(readFileSync(join(dirname(src), 'package.json'), 'utf8'));
    if (!existsSync(internal)) {
      if (manifest.exports['./internal'])
        out.push(`${pkg}: package.json exports ./internal, src/internal.ts is missing`);
      continue;
    }
    if (!manifest.exports['./internal'] || !manifest.publishConfig?.exports?.['./internal'])
      out.push(`${pkg}: src/internal.ts exists, package.json (and its publishConfig) must export ./internal`);
    const used = internalImports(pkg, files);
    for (const n of exportedNames(readFileSync(internal, 'utf8'))) {
      if (rootNames.includes(n)) out.push(`${pkg}: ${n} is in both the root and ./internal`);
      if (!used.has(n)) out.push(`${pkg}: ./internal exports ${n}, nothing outside the package imports it`);
    }
  }
  return out;
}

if (process.argv[1] === import.meta.filename) {
  const problems = apiProblems();
  for (const line of problems) console.log(line);
  process.exit(problems.length > 0 ? 1 : 0);
}
