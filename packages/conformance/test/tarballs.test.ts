/**
 * The packages as a user gets them (issue 13, item 3): `pnpm pack` of each workspace package,
 * then `npm install` of the four tarballs in an empty folder outside the workspace (only
 * third-party dependencies come from the registry; `@ssc-cos/*` must come from the tarballs),
 * then the installed commands through `npx` and the installed library through a TypeScript
 * consumer. Nothing here may lean on the workspace's node_modules: the folder is outside the
 * workspace (module resolution cannot climb into it), and the children get a PATH without any
 * node_modules/.bin and an environment without pnpm's npm_* variables.
 *
 * Slow (an npm install, a native build of the optional PC/SC binding when its headers exist):
 * one generous timeout for the whole file.
 */
import { type SpawnSyncReturns, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, test, vi } from 'vitest';
import { argv, runCliSync } from './helpers/cli-process.js';

vi.setConfig({ testTimeout: 300_000, hookTimeout: 900_000 });

const workspace = fileURLToPath(new URL('../../../', import.meta.url));
const PACKAGES = ['apdu-codec', 'terminal', 'cos-sim', 'conformance'] as const;

interface PackedPackage {
  folder: (typeof PACKAGES)[number];
  name: string;
  version: string;
  tarball: string;
  /** File names inside the tarball, without the leading `package/`. */
  files: string[];
  /** package.json as packed (workspace:* replaced by versions). */
  manifest: Record<string, unknown>;
}

const dir = mkdtempSync(join(tmpdir(), 'ssc-tarballs-'));
const project = join(dir, 'project');
const packed: PackedPackage[] = [];
let install: SpawnSyncReturns<string>;

/**
 * The environment of a user's shell: no pnpm script variables (npm_*, which would point npm at
 * the workspace), no node options, and no node_modules/.bin on PATH. The network set-up (proxy,
 * CA) and HOME (npm's cache and config) stay.
 */
function userEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {};
  for (const [key, value] of Object.entries(process.env)) {
    if (/^(npm_|pnpm_|PNPM_|NODE_OPTIONS$|NODE_PATH$|VITEST|TSX_)/.test(key)) continue;
    env[key] = value;
  }
  env.PATH = (process.env.PATH ?? '')
    .split(':')
    .filter((p) => p !== '' && !p.includes('node_modules') && !p.startsWith(workspace))
    .join(':');
  // node-gyp (the optional PC/SC binding's build) downloads Node's headers unless told where they
  // are; Node's own packages install them next to the binary (as scripts/pcsc-binding.mjs does).
  const prefix = dirname(dirname(process.execPath));
  if (existsSync(join(prefix, 'include', 'node', 'common.gypi'))) env.npm_config_nodedir = prefix;
  return env;
}

function run(command: string, args: string[], options: { cwd?: string; input?: string } = {}) {
  return spawnSync(command, args, {
    cwd: options.cwd ?? project,
    env: userEnv(),
    encoding: 'utf8',
    input: options.input ?? '',
    timeout: 600_000,
    maxBuffer: 64 * 1024 * 1024,
  });
}

beforeAll(() => {
  expect(relative(workspace, dir).startsWith('..'), `${dir} is outside the workspace`).toBe(true);
  for (const folder of PACKAGES) {
    const cwd = join(workspace, 'packages', folder);
    const r = spawnSync('pnpm', ['pack', '--pack-destination', dir], { cwd, encoding: 'utf8' });
    expect(r.status, `pnpm pack in packages/${folder}: ${r.stdout}${r.stderr}`).toBe(0);
    const source = JSON.parse(readFileSync(join(cwd, 'package.json'), 'utf8'));
    const tarball = join(dir, `${source.name.replace('@', '').replace('/', '-')}-${source.version}.tgz`);
    const list = spawnSync('tar', ['tzf', tarball], { encoding: 'utf8' });
    expect(list.status, list.stderr).toBe(0);
    const manifest = spawnSync('tar', ['xzf', tarball, '-O', 'package/package.json'], { encoding: 'utf8' });
    packed.push({
      folder,
      name: source.name,
      version: source.version,
      tarball,
      files: list.stdout
        .split('\n')
        .filter(Boolean)
        .map((f) => f.replace(/^package\//, '')),
      manifest: JSON.parse(manifest.stdout),
    });
  }
  // An empty project, then what a user types: npm install of the tarballs (and @types/node, as
  // any TypeScript project on Node has).
  spawnSync('mkdir', ['-p', project]);
  writeFileSync(join(project, 'package.json'), '{ "name": "tarball-user", "private": true }\n');
  install = run('npm', [
    'install',
    '--no-audit',
    '--no-fund',
    ...packed.map((p) => p.tarball),
    `@types/node@${JSON.parse(readFileSync(join(workspace, 'package.json'), 'utf8')).devDependencies['@types/node']}`,
  ]);
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** Every path a manifest points at: bin, types and each `exports` target (conditions flattened). */
function manifestTargets(manifest: Record<string, unknown>): string[] {
  const targets: string[] = [];
  const walk = (node: unknown): void => {
    if (typeof node === 'string') targets.push(node);
    else if (node !== null && typeof node === 'object') for (const v of Object.values(node)) walk(v);
  };
  walk(manifest.bin);
  walk(manifest.types);
  walk(manifest.exports);
  return targets.map((t) => t.replace(/^\.\//, ''));
}

describe('pnpm pack', () => {
  test.each(PACKAGES)(
    '%s: README, LICENSE, licence field, types and every file the manifest names',
    (folder) => {
      const p = packed.find((x) => x.folder === folder)!;
      expect(p.files).toContain('README.md');
      expect(p.files).toContain('LICENSE');
      expect(p.manifest.license).toBe('MIT');
      const licence = spawnSync('tar', ['xzf', p.tarball, '-O', 'package/LICENSE'], { encoding: 'utf8' });
      expect(licence.stdout).toMatch(/MIT License/);
      expect(typeof p.manifest.types).toBe('string');
      expect(p.manifest.exports).toBeTypeOf('object');
      for (const target of manifestTargets(p.manifest))
        expect(p.files, `${p.name}: ${target}`).toContain(target);
      // No workspace protocol left: npm could not resolve it.
      expect(JSON.stringify(p.manifest)).not.toContain('workspace:');
      // Sources and tests stay out: the package runs from dist/.
      expect(p.files.filter((f) => f.startsWith('src/') || f.includes('/test/'))).toEqual([]);
    },
  );
});

describe('npm install of the tarballs in an empty folder', () => {
  test('installs, with every @ssc-cos package from its tarball, once', () => {
    expect(install.status, `${install.stdout}\n${install.stderr}`).toBe(0);
    expect(`${install.stdout}${install.stderr}`).not.toMatch(/gyp ERR/);
    const lock = JSON.parse(readFileSync(join(project, 'package-lock.json'), 'utf8'));
    const ours = Object.entries(lock.packages as Record<string, { resolved?: string }>).filter(([path]) =>
      /node_modules\/@ssc-cos\//.test(path),
    );
    expect(ours.map(([path]) => path).sort()).toEqual(packed.map((p) => `node_modules/${p.name}`).sort());
    for (const [path, entry] of ours) expect(entry.resolved, path).toMatch(/^file:.*\.tgz$/);
  });

  test('npx cos-sim --help, -h and --version', () => {
    const help = run('npx', ['cos-sim', '--help']);
    expect(help.status, help.stderr).toBe(0);
    for (const command of ['exec', 'info', 'perso', 'serve'])
      expect(help.stdout).toContain(`cos-sim ${command}`);
    expect(run('npx', ['cos-sim', '-h']).stdout).toBe(help.stdout);
    const version = run('npx', ['cos-sim', '--version']);
    expect(version.stdout.trim()).toBe(packed.find((p) => p.folder === 'cos-sim')!.version);
  });

  test('npx cos-sim exec finds the built-in profiles in the installed layout, answers as the source does', () => {
    const input = '00A404000F7378312E73682EC9E7BBE1B1A3D5CF\n00C0000000\n00B2012C00\n0084000008\n';
    const installed = run('npx', ['cos-sim', 'exec', '--profile', 'ssc-3g-sm4', '--seed', '7'], { input });
    expect(installed.status, installed.stderr).toBe(0);
    // the reference: the same command from the workspace's TypeScript source
    const source = runCliSync('cos-sim', ['exec', '--profile', 'ssc-3g-sm4', '--seed', '7'], input);
    expect(installed.stdout.trim().split('\n')).toHaveLength(4);
    expect(installed.stdout).toBe(source.stdout);
  });

  test('npx conformance run --target sim passes every applicable case', () => {
    const r = run('npx', argv`conformance run --target sim --profile ssc-2g-des --psam psam-issuer --runs 5`);
    expect(r.status, `${r.stdout}\n${r.stderr}`).toBe(0);
    expect(r.stdout).toMatch(/: [1-9]\d* passed, 0 failed, /);
  });

  test('npx terminal and npx apdu answer as the source does', () => {
    const args = ['iReadCardBas', '--target', 'sim', '--profile', 'ssc-2g-des', '--psam', 'psam-hospital'];
    const installed = run('npx', ['terminal', ...args]);
    expect(installed.status, installed.stderr).toBe(0);
    expect(installed.stdout).toBe(runCliSync('terminal', args).stdout);
    const sw = run('npx', ['apdu', 'sw', '63C3', '--json']);
    expect(sw.status, sw.stderr).toBe(0);
    expect(sw.stdout).toBe(runCliSync('apdu', ['sw', '63C3', '--json']).stdout);
  });

  test('every exports entry loads in Node and type-checks in a strict TypeScript consumer', () => {
    const entries = packed.flatMap((p) =>
      Object.keys(p.manifest.exports as Record<string, unknown>).map((key) => `${p.name}${key.slice(1)}`),
    );
    const imports = entries.map((e, i) => `import * as m${i} from '${e}';`).join('\n');
    const use = `const sizes: number[] = [${entries.map((_, i) => `Object.keys(m${i}).length`).join(', ')}];\nconsole.log(JSON.stringify(sizes));\n`;
    writeFileSync(join(project, 'consumer.mts'), `${imports}\n${use}`);
    writeFileSync(join(project, 'consumer.mjs'), `${imports}\n${use.replace(': number[]', '')}`);
    const loaded = run(process.execPath, ['consumer.mjs']);
    expect(loaded.status, loaded.stderr).toBe(0);
    const sizes = JSON.parse(loaded.stdout) as number[];
    expect(sizes).toHaveLength(entries.length);
    for (const [i, size] of sizes.entries()) expect(size, entries[i]).toBeGreaterThan(0);
    writeFileSync(
      join(project, 'tsconfig.json'),
      JSON.stringify({
        compilerOptions: {
          module: 'nodenext',
          moduleResolution: 'nodenext',
          target: 'es2022',
          strict: true,
          noEmit: true,
          skipLibCheck: false,
          types: ['node'],
        },
        files: ['consumer.mts'],
      }),
    );
    // The compiler is a tool here, not a dependency: the workspace's own.
    const tsc = run(process.execPath, [join(workspace, 'node_modules/typescript/bin/tsc'), '-p', '.']);
    expect(tsc.status, `${tsc.stdout}${tsc.stderr}`).toBe(0);
  });
});
