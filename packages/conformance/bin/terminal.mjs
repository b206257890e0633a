#!/usr/bin/env node
// `terminal`: the compiled CLI (dist/, the `tsc -b` output), so no tsx or TypeScript at run time.
// In a workspace checkout the build may not have run yet: that is one line, not a stack trace.
import { fileURLToPath } from 'node:url';

const cli = new URL('../dist/src/terminal-cli.js', import.meta.url);
await import(cli.href).catch((e) => {
  if (e?.code !== 'ERR_MODULE_NOT_FOUND' || !String(e.message).includes(fileURLToPath(cli))) throw e;
  process.stderr.write('terminal: not built yet: run `pnpm exec tsc -b` in the workspace first\n');
  process.exit(2);
});
