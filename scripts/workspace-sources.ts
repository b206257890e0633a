/** The TypeScript sources the structure scripts read: every package's src/ tree. */
import { readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';

export const workspaceRoot = join(import.meta.dirname, '..');

/** Every .ts file (not .d.ts) under `dir`, depth first. */
export function sourceFiles(dir: string, out: string[] = []): string[] {
  for (const entry of readdirSync(dir)) {
    const path = join(dir, entry);
    if (statSync(path).isDirectory()) sourceFiles(path, out);
    else if (entry.endsWith('.ts') && !entry.endsWith('.d.ts')) out.push(path);
  }
  return out;
}

/** The src/ directory of every package of the workspace. */
export function packageSources(): string[] {
  const packages = join(workspaceRoot, 'packages');
  return readdirSync(packages)
    .map((pkg) => join(packages, pkg, 'src'))
    .filter((src) => {
      try {
        return statSync(src).isDirectory();
      } catch {
        return false;
      }
    });
}
