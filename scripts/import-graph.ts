/**
 * The relative-import graph of each package's src/ (issue 14: no import cycle, no upward
 * import inside a package). `tsx scripts/import-graph.ts` prints every cycle and every upward
 * import and exits 1 if there is any; scripts/test/structure.test.ts keeps both at zero.
 *
 * Upward imports are a room's import of its package's index.ts, and the imports FORBIDDEN
 * lists for each room (e.g. `engine/card-transport.ts` → `../card.ts`, image/ → profile/).
 * Type-only imports count: a type cycle is still a cycle.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';

import { packageSources, workspaceRoot as root, sourceFiles } from './workspace-sources.js';

const IMPORT =
  /(?:^|[\s;])(?:import|export)\s[^'"]*?from\s*['"](\.{1,2}\/[^'"]+)['"]|import\(\s*['"](\.{1,2}\/[^'"]+)['"]\s*\)|^import\s+['"](\.{1,2}\/[^'"]+)['"]/gm;

/** file → the files of the same src/ tree it imports (relative specifiers, `.js` → `.ts`). */
export function importGraph(src: string): Map<string, string[]> {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(src)) {
    const targets: string[] = [];
    for (const m of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const spec = m[1] ?? m[2] ?? m[3]!;
      const target = resolve(dirname(file), spec.replace(/\.js$/, '.ts'));
      if (target.startsWith(src + sep)) targets.push(target);
    }
    graph.set(file, targets);
  }
  return graph;
}

/** Each import cycle once, as the files in import order (Tarjan's strongly connected components). */
export function cycles(graph: Map<string, string[]>): string[][] {
  let index = 0;
  const indices = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const out: string[][] = [];
  const visit = (v: string): void => {
    indices.set(v, index);
    low.set(v, index++);
    stack.push(v);
    onStack.add(v);
    for (const w of graph.get(v) ?? []) {
      if (!indices.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v)!, low.get(w)!));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v)!, indices.get(w)!));
    }
    if (low.get(v) === indices.get(v)) {
      const component: string[] = [];
      let w: string;
      do {
        w = stack.pop()!;
        onStack.delete(w);
        component.push(w);
      } while (w !== v);
      if (component.length > 1 || (graph.get(v) ?? []).includes(v)) out.push(component.reverse());
    }
  };
  for (const v of graph.keys()) if (!indices.has(v)) visit(v);
  return out;
}

/**
 * The rooms of a package and the rooms each must not import (docs/architecture.md). `''` is the
 * package's top directory (card.ts, terminal.ts, the CLIs): the house, never imported from a
 * room it contains, except where a room is listed as built on it.
 */
export const FORBIDDEN: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  'cos-sim': {
    // card.ts → commands/registry.ts → commands/* → engine/*, security/* → image/*
    image: [
      '',
      'cli',
      'commands',
      'engine',
      'passbook',
      'perso',
      'profile',
      'security',
      'serve',
      'state',
      'timing',
    ],
    engine: ['', 'cli', 'commands', 'serve'],
    security: ['', 'cli', 'commands', 'serve'],
    commands: ['', 'cli', 'serve'],
    // profile/ and perso/ both depend on image/, not on each other
    profile: ['', 'cli', 'commands', 'perso', 'serve'],
    perso: ['', 'cli', 'profile', 'serve'],
    state: ['', 'cli', 'commands', 'serve'],
  },
};

/** The room of a file: its first directory under src/ ('' for a file at the top). */
export function roomOf(src: string, file: string): string {
  const parts = relative(src, file).split(sep);
  return parts.length > 1 ? parts[0]! : '';
}

/**
 * Upward imports: a file of a sub-directory importing its package's index.ts (the barrel is
 * for the package's users), or a room importing a room FORBIDDEN to it.
 */
export function upwardImports(
  src: string,
  graph: Map<string, string[]>,
  forbidden: Readonly<Record<string, readonly string[]>> = {},
): [string, string][] {
  const out: [string, string][] = [];
  const index = join(src, 'index.ts');
  for (const [from, targets] of graph) {
    const room = roomOf(src, from);
    for (const to of targets) {
      const target = roomOf(src, to);
      if ((room !== '' && to === index) || (target !== room && forbidden[room]?.includes(target)))
        out.push([from, to]);
    }
  }
  return out;
}

export function rel(file: string): string {
  return relative(root, file);
}

if (process.argv[1] === import.meta.filename) {
  let problems = 0;
  for (const src of packageSources()) {
    const graph = importGraph(src);
    for (const c of cycles(graph)) {
      problems++;
      console.log(`cycle: ${c.map(rel).join(' → ')} → ${rel(c[0]!)}`);
    }
    const pkg = relative(join(root, 'packages'), dirname(src));
    for (const [from, to] of upwardImports(src, graph, FORBIDDEN[pkg])) {
      problems++;
      console.log(`upward: ${rel(from)} → ${rel(to)}`);
    }
  }
  process.exit(problems > 0 ? 1 : 0);
}
