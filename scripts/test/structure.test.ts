/**
 * The shape of the house (issue 14): one name per concept across the workspace, no import
 * cycle and no upward import inside a package. Each check is first shown to catch a planted
 * fault, then run on the real sources. Also: every Error subclass names itself, and numbers are
 * printed in hex only through apdu-codec's hex.ts (one format, upper case).
 */
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { classesIn, unnamedErrors, workspaceSources } from '../error-names.js';
import { definitionsIn, duplicates, exportedDefinitions } from '../exported-names.js';
import { cycles, FORBIDDEN, importGraph, layered, rel, upwardImports } from '../import-graph.js';
import { apiDifferences, apiProblems, documentedApi, exportedNames, internalImports } from '../public-api.js';
import { packageSources } from '../workspace-sources.js';

/**
 * Duplicates another issue owns, each with its owner: they stay listed until that work lands,
 * and the test fails as soon as one is no longer a duplicate, so the list cannot go stale.
 */
// Issue 9 item 10 (one trace format) landed: TraceEntry and Device are each defined once.
const PENDING: Readonly<Record<string, string>> = {};

describe('one name per concept', () => {
  it('finds a name two files export, and not re-exports or local names', () => {
    const where = definitionsIn([
      ['a.ts', 'export const X = 1;\nexport interface Y {}\nconst local = 2;\nexport { Z } from "./z.js";'],
      ['b.ts', 'export function X() {}\nexport type W = number;\nexport { Y } from "./a.js";'],
    ]);
    expect(duplicates(where)).toEqual([['X', ['a.ts', 'b.ts']]]);
  });

  it('no exported name is defined twice across the workspace', () => {
    const dups = duplicates(exportedDefinitions());
    const unexpected = dups.filter(([name]) => !(name in PENDING)).map(([n, f]) => `${n}: ${f.join(', ')}`);
    expect(unexpected).toEqual([]);
    const stale = Object.keys(PENDING).filter((name) => !dups.some(([n]) => n === name));
    expect(stale, 'no longer defined twice: remove from PENDING').toEqual([]);
  });
});

describe('import graph', () => {
  const src = '/p/src';
  const f = (path: string) => join(src, path);

  it('finds a cycle, a self-import, and no cycle in a chain', () => {
    const graph = new Map([
      [f('a.ts'), [f('b.ts')]],
      [f('b.ts'), [f('c/d.ts')]],
      [f('c/d.ts'), [f('a.ts')]],
      [f('e.ts'), [f('e.ts')]],
      [f('g.ts'), [f('a.ts')]],
    ]);
    expect(cycles(graph)).toEqual([[f('a.ts'), f('b.ts'), f('c/d.ts')], [f('e.ts')]]);
    expect(
      cycles(
        new Map([
          [f('a.ts'), [f('b.ts')]],
          [f('b.ts'), []],
        ]),
      ),
    ).toEqual([]);
  });

  it('finds a room importing the barrel or a forbidden room', () => {
    const graph = new Map([
      [f('engine/x.ts'), [f('index.ts'), f('image/y.ts')]],
      [f('image/y.ts'), [f('engine/x.ts'), f('image/z.ts')]],
      [f('card.ts'), [f('index.ts'), f('engine/x.ts')]],
    ]);
    expect(upwardImports(src, graph, { image: ['engine'] })).toEqual([
      [f('engine/x.ts'), f('index.ts')],
      [f('image/y.ts'), f('engine/x.ts')],
    ]);
  });

  it('layers forbid a room its own layer and those above; an entry file imports any room, no room imports it', () => {
    expect(layered([[''], ['a', 'b'], ['c']])).toEqual({
      '': ['a', 'b', 'c'],
      a: ['b', 'c'],
      b: ['a', 'c'],
      c: [],
    });
    const graph = new Map([
      [f('index.ts'), [f('c/x.ts')]],
      [f('cli.ts'), [f('c/x.ts')]],
      [f('bytes.ts'), [f('a/y.ts')]],
      [f('a/y.ts'), [f('bytes.ts'), f('b/z.ts'), f('cli.ts')]],
      [f('c/x.ts'), [f('a/y.ts'), f('internal.ts')]],
    ]);
    expect(upwardImports(src, graph, layered([[''], ['a', 'b'], ['c']]))).toEqual([
      [f('bytes.ts'), f('a/y.ts')],
      [f('a/y.ts'), f('b/z.ts')],
      [f('a/y.ts'), f('cli.ts')],
      [f('c/x.ts'), f('internal.ts')],
    ]);
  });

  it('every package has its rooms ruled', () => {
    expect(Object.keys(FORBIDDEN).sort()).toEqual(
      packageSources()
        .map((s) => rel(s).split('/')[1]!)
        .sort(),
    );
  });

  it('the real sources have no import cycle and no upward import', () => {
    const found: string[] = [];
    for (const pkgSrc of packageSources()) {
      const graph = importGraph(pkgSrc);
      expect(graph.size).toBeGreaterThan(10);
      for (const c of cycles(graph)) found.push(`cycle: ${c.map(rel).join(' → ')}`);
      const pkg = rel(pkgSrc).split('/')[1]!;
      for (const [from, to] of upwardImports(pkgSrc, graph, FORBIDDEN[pkg]))
        found.push(`upward: ${rel(from)} → ${rel(to)}`);
    }
    expect(found).toEqual([]);
  });
});

describe('error classes', () => {
  it('finds an Error subclass, direct or through another, that does not name itself', () => {
    const classes = classesIn([
      ['a.ts', "export class A extends Error {\n  override readonly name = 'A';\n}\n"],
      ['b.ts', "export class B extends A {\n  constructor() {\n    super();\n    this.name = 'B';\n  }\n}\n"],
      ['c.ts', 'export class C extends B {}\nexport class D extends Error {\n  readonly name = "A";\n}\n'],
      ['e.ts', 'export class E extends Map {}\nclass F extends C {}\n'],
    ]);
    expect(unnamedErrors(classes)).toEqual(['c.ts: C', 'c.ts: D', 'e.ts: F']);
  });

  it('every Error subclass of the workspace sets name to its class name', () => {
    const classes = classesIn(workspaceSources());
    expect(classes.length).toBeGreaterThan(20);
    // all four packages are read (their error classes are in each)
    expect(new Set(classes.map((c) => c.file.split('/')[1])).size).toBe(packageSources().length);
    expect(packageSources().length).toBe(4);
    expect(unnamedErrors(classes)).toEqual([]);
  });
});

/**
 * Hand-written hex formatters (`n.toString(16)…`) outside apdu-codec's hex.ts: each file and
 * line. hexByte / hexWord / toHex print one format (upper case, fixed width), the one status
 * words are printed in everywhere; a local `toString(16)` drifts (lower case, no padding).
 */
function handWrittenHex(files: Iterable<[string, string]>): string[] {
  const out: string[] = [];
  for (const [file, text] of files) {
    if (file === 'packages/apdu-codec/src/hex.ts') continue;
    for (const [i, line] of text.split('\n').entries())
      if (/\.toString\(\s*16\s*\)/.test(line)) out.push(`${file}:${i + 1}`);
  }
  return out;
}

describe('hex formatting', () => {
  it('finds a toString(16) outside hex.ts, and not in hex.ts', () => {
    expect(
      handWrittenHex([
        ['packages/apdu-codec/src/hex.ts', 'return n.toString(16).toUpperCase().padStart(2, "0");'],
        ['packages/x/src/a.ts', 'const a = 1;\nthrow new Error("tag " + tag.toString( 16 ));'],
        ['packages/x/src/b.ts', 'const b = n.toString(2);'],
      ]),
    ).toEqual(['packages/x/src/a.ts:2']);
  });

  it('no source of the workspace formats hex by hand', () => {
    expect(handWrittenHex(workspaceSources())).toEqual([]);
  });
});

describe('small public APIs', () => {
  it("reads a root's names and a README's API list, and finds each difference", () => {
    const barrel =
      "export { a, type B, c as d } from './x.js';\nexport type { E } from './e.js';\nconst f = 1;\n";
    expect(exportedNames(barrel)).toEqual(['B', 'E', 'a', 'd']);
    const readme =
      '# p\n\nSee `notAName`.\n\n## API\n\nIntro `ignored`.\n\n- one: `a`, `B`,\n  `d`\n- two: `E`, `extra`\n\n' +
      'Not a list item: `ignored2`.\n\n### ./internal\n\n- `internalName`\n';
    expect(documentedApi(readme)).toEqual(['B', 'E', 'a', 'd', 'extra']);
    expect(documentedApi('# p\n')).toBeNull();
    expect(apiDifferences('p', exportedNames(barrel), documentedApi(readme))).toEqual([
      "p: README's API list names extra, the root does not export it",
    ]);
    expect(apiDifferences('p', ['a', 'z'], ['a'])).toEqual([
      "p: root exports z, README's API list does not name it",
    ]);
    expect(apiDifferences('p', ['a'], null)).toEqual(['p: README.md has no "## API" list']);
  });

  it('counts ./internal imports only from outside the package', () => {
    const used = internalImports('p', [
      [
        'packages/q/src/a.ts',
        "import { x, type Y } from '@ssc-cos/p/internal';\nimport { z } from '@ssc-cos/p';",
      ],
      ['packages/p/test/b.ts', "import { w } from '@ssc-cos/p/internal';"],
    ]);
    expect([...used].sort()).toEqual(['Y', 'x']);
  });

  it("each package's root exports exactly its README's API list; ./internal only what other packages import", () => {
    expect(apiProblems()).toEqual([]);
  });
});
