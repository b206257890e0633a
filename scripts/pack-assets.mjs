#!/usr/bin/env node
// prepack / postpack of each package: puts into the package folder what its tarball ships but
// the repository keeps once, at the root: the LICENSE, and (cos-sim) the built-in profiles of
// vectors/profiles/ (profile/load.ts looks there when the repository's folder is absent).
// `--clean` removes the copies again, so the working tree stays as committed.
import { cpSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';

const pkg = process.cwd();
const root = join(pkg, '..', '..');
const copies = [[join(root, 'LICENSE'), join(pkg, 'LICENSE')]];
if (basename(pkg) === 'cos-sim') copies.push([join(root, 'vectors', 'profiles'), join(pkg, 'profiles')]);
for (const [from, to] of copies) {
  if (process.argv[2] === '--clean') rmSync(to, { recursive: true, force: true });
  else cpSync(from, to, { recursive: true });
}
