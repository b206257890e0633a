#!/usr/bin/env node
// The native PC/SC binding (`smartcard`, an optional dependency of the conformance package) is
// built here, not by pnpm: pnpm-workspace.yaml lists it under ignoredBuiltDependencies. Why: when
// `pnpm install` runs before libpcsclite-dev exists (the README's first line on a fresh machine),
// pnpm's own build prints a screen of gyp errors, and later installs never retry it (neither
// `--frozen-lockfile` nor `pnpm rebuild` does). This script is the root `postinstall`, so every
// `pnpm install` repairs the binding once the headers exist, and says in one line when they don't.
//
//   node scripts/pcsc-binding.mjs            build if needed and possible; always exit 0
//   node scripts/pcsc-binding.mjs --require  the same, exit 1 unless the binding loads at the end
//   node scripts/pcsc-binding.mjs --check    only report; exit 1 unless it loads
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, realpathSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = dirname(dirname(fileURLToPath(import.meta.url)));
const mode = process.argv[2] ?? '';
const say = (line) => process.stdout.write(`pcsc binding: ${line}\n`);

/** The installed smartcard package folder, or null when pnpm skipped it. */
function packageDir() {
  // Its `exports` hide package.json, so follow the link pnpm made for the dependent package.
  const link = join(root, 'packages', 'conformance', 'node_modules', 'smartcard');
  return existsSync(join(link, 'binding.gyp')) ? realpathSync(link) : null;
}

/** Loads the compiled addon in a child process (a failed dlopen must not poison this one). */
function loads(dir) {
  const addon = join(dir, 'build', 'Release', 'smartcard_napi.node');
  if (!existsSync(addon)) return false;
  const r = spawnSync(process.execPath, ['-e', `require(${JSON.stringify(addon)})`], { stdio: 'ignore' });
  return r.status === 0;
}

/** The PC/SC headers the addon compiles against (binding.gyp: /usr/include/PCSC on Linux). */
function headersPresent() {
  return process.platform !== 'linux' || existsSync('/usr/include/PCSC/winscard.h');
}

/** node-gyp: the one npm or pnpm ships (both carry it), so nothing extra is installed. */
function nodeGyp() {
  const candidates = [process.env.npm_config_node_gyp];
  for (const tool of ['pnpm', 'npm']) {
    const r = spawnSync('sh', ['-c', `command -v ${tool}`], { encoding: 'utf8' });
    const bin = r.status === 0 ? r.stdout.trim() : '';
    if (bin === '') continue;
    const pkg = dirname(dirname(realpathSync(bin)));
    candidates.push(join(pkg, 'dist', 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
    candidates.push(join(pkg, 'node_modules', 'node-gyp', 'bin', 'node-gyp.js'));
  }
  return candidates.find((c) => c !== undefined && c !== '' && existsSync(c)) ?? null;
}

/**
 * node-gyp downloads node's headers from nodejs.org unless told where they are; Node's own
 * packages (nodesource, the official tarballs) install them next to the binary, so point at
 * those and the build works offline.
 */
function nodeHeaders() {
  if (process.env.npm_config_nodedir) return [];
  const prefix = dirname(dirname(process.execPath));
  return existsSync(join(prefix, 'include', 'node', 'common.gypi')) ? [`--nodedir=${prefix}`] : [];
}

function finish(ok) {
  process.exit(ok || mode === '' ? 0 : 1);
}

const dir = packageDir();
if (dir === null) {
  say(
    'the smartcard package is not installed (optional dependency skipped); the PC/SC target is unavailable',
  );
  finish(false);
}
if (loads(dir)) {
  if (mode !== '') say('loads');
  finish(true);
}
if (mode === '--check') {
  say('not built');
  finish(false);
}
if (!headersPresent()) {
  say(
    'not built yet: libpcsclite-dev is absent. `bash scripts/install-deps.sh` installs it and builds the binding (only the PC/SC target needs it)',
  );
  finish(false);
}
const gyp = nodeGyp();
if (gyp === null) {
  say('cannot build: node-gyp not found (it ships with npm and pnpm)');
  finish(false);
}
const logFile = join(root, 'node_modules', '.pcsc-binding-build.log');
mkdirSync(dirname(logFile), { recursive: true });
const started = Date.now();
const build = spawnSync(process.execPath, [gyp, 'rebuild', ...nodeHeaders()], { cwd: dir, encoding: 'utf8' });
writeFileSync(logFile, `${build.stdout ?? ''}${build.stderr ?? ''}`);
const seconds = ((Date.now() - started) / 1000).toFixed(0);
if (build.status === 0 && loads(dir)) {
  say(`built against libpcsclite in ${seconds} s`);
  finish(true);
}
say(`build failed after ${seconds} s; the compiler's output is in ${logFile}`);
finish(false);
