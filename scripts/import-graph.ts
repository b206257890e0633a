/**
 * The relative-import graph of each package's src/ (issue 14: no import cycle, no upward
 * import inside a package). `tsx scripts/import-graph.ts` prints every cycle and every upward
 * import and exits 1 if there is any; scripts/test/structure.test.ts keeps both at zero.
 *
 * Upward imports are a room's import of one of its package's entry files (index.ts,
 * internal.ts, the CLIs), and the imports FORBIDDEN lists for each room (e.g.
 * `engine/card-transport.ts` → `../card.ts`, image/ → profile/, terminal's sdk/ → http/).
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
 * The top-level files that are a package's doors, not its rooms: the root and `./internal`
 * barrels and the CLI entries. They may import any room (FORBIDDEN does not apply to them) and
 * no room imports them.
 */
export const ENTRY_FILES: readonly string[] = ['index.ts', 'internal.ts', 'cli.ts', 'terminal-cli.ts'];

/**
 * FORBIDDEN of a package built in layers, lowest first: a room may import the rooms of the
 * layers below its own, never one of its own layer or above.
 */
export function layered(layers: readonly (readonly string[])[]): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  for (const [i, layer] of layers.entries())
    for (const room of layer)
      out[room] = layers
        .slice(i)
        .flat()
        .filter((r) => r !== room)
        .sort();
  return out;
}

/**
 * The rooms of a package and the rooms each must not import (docs/architecture.md). `''` is the
 * package's top directory. In cos-sim it is the house (card.ts, the CLI), never imported from a
 * room it contains; in terminal and conformance it is the ground floor (terminal.ts and the key
 * sources; the suite's bytes.ts and patterns.ts), which imports no room.
 */
export const FORBIDDEN: Readonly<Record<string, Readonly<Record<string, readonly string[]>>>> = {
  // the codec (hex, errors, APDUs) → crypto/ (the /crypto subpath, built on the codec's bytes)
  'apdu-codec': layered([[''], ['crypto']]),
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
  // terminal.ts, the key sources and card keys → payment/ and pki/ (each on the flows, not on
  // each other) → sdk/ (the ministry interface, whose debit uses payment/) → http/ (serves sdk/)
  terminal: layered([[''], ['payment', 'pki'], ['sdk'], ['http']]),
  // bytes and patterns → the card's description, the traced channel, PC/SC → the suite's keys and
  // the targets → card state → kit/ (what a case is written with: Kit, case, APDUs, access rules)
  // → vectors/ and payment/ → model/ (replays as vectors) → catalogue/ (the cases, which run the
  // model, the passbook model and the flows) → report/ → run/ → cli/ → terminal-cli/
  conformance: layered([
    [''],
    ['channel', 'description', 'pcsc'],
    ['keys', 'targets'],
    ['state'],
    ['kit'],
    ['payment', 'vectors'],
    ['model'],
    ['catalogue'],
    ['report'],
    ['run'],
    ['cli'],
    ['terminal-cli'],
  ]),
};

/** The room of a file: its first directory under src/ ('' for a file at the top). */
export function roomOf(src: string, file: string): string {
  const parts = relative(src, file).split(sep);
  return parts.length > 1 ? parts[0]! : '';
}

/**
 * Upward imports: a file of a sub-directory importing one of its package's ENTRY_FILES (the
 * barrels are for the package's users, the CLIs for the shell), or a file other than an entry
 * importing a room FORBIDDEN to its own.
 */
export function upwardImports(
  src: string,
  graph: Map<string, string[]>,
  forbidden: Readonly<Record<string, readonly string[]>> = {},
): [string, string][] {
  const out: [string, string][] = [];
  const entries = new Set(ENTRY_FILES.map((f) => join(src, f)));
  for (const [from, targets] of graph) {
    const room = roomOf(src, from);
    for (const to of targets) {
      const target = roomOf(src, to);
      if (
        (room !== '' && entries.has(to)) ||
        (!entries.has(from) && target !== room && forbidden[room]?.includes(target))
      )
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
