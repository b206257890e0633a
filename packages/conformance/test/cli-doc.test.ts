/**
 * docs/cli.md matches the CLIs (issue 13): every flag the tables document for a command —
 * in its command column, or in backticks in its description — is accepted by that command, as
 * its `--help` lists it, and every option its `--help` lists is documented there. A section `## <tool>` holds the table of one tool; CLI_ENTRIES maps a tool
 * to its entry module. Adding a row or a flag to docs/cli.md is all it takes to cover it.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, test, vi } from 'vitest';
import { CLI_ENTRIES, runCliSync, type Tool } from './helpers/cli-process.js';

// Each command starts a process through tsx; on a busy machine that is seconds.
vi.setConfig({ testTimeout: 120_000 });

/** A row whose command is a placeholder is checked on one real command. */
const PLACEHOLDERS: Record<string, string> = { '<function>': 'iReadCardBas' };

interface Row {
  tool: Tool;
  command: string;
  flags: string[];
}

const FLAG = /--(?:no-)?([a-z][a-z0-9-]*)/g;
/** Flags a tool's section gives every command (`Global option: \`--json\``). */
const globalFlags = new Map<string, string[]>();

function documentedRows(): Row[] {
  const text = readFileSync(fileURLToPath(new URL('../../../docs/cli.md', import.meta.url)), 'utf8');
  const rows: Row[] = [];
  let tool: Tool | null = null;
  for (const line of text.split('\n')) {
    const heading = /^## (\S+)/.exec(line);
    if (heading) tool = heading[1]! in CLI_ENTRIES ? (heading[1] as Tool) : null;
    const global = /^Global options?: (.*)/.exec(line);
    if (tool !== null && global)
      globalFlags.set(
        tool,
        [...global[1]!.matchAll(FLAG)].map((m) => m[1]!),
      );
    const row = /^\| `([^`]+)` *\|(.*)\|\s*$/.exec(line);
    if (tool === null || row === null) continue;
    const word = row[1]!.split(' ')[0]!;
    const command = PLACEHOLDERS[word] ?? word;
    const described = [...row[2]!.matchAll(/`([^`]*)`/g)].map((m) => m[1]!).join(' ');
    const flags = new Set([...`${row[1]} ${described}`.matchAll(FLAG)].map((m) => m[1]!));
    rows.push({ tool, command, flags: [...flags].sort() });
  }
  return rows;
}

function help(tool: Tool, command: string): string {
  const r = runCliSync(tool, [command, '--help']);
  expect(r.code, `${tool} ${command} --help: ${r.stderr}`).toBe(0);
  return r.stdout;
}

describe('docs/cli.md', () => {
  const rows = documentedRows();
  test('documents every tool', () => {
    expect(new Set(rows.map((r) => r.tool))).toEqual(new Set(Object.keys(CLI_ENTRIES)));
  });
  // One process per command: rows of the same command share their --help.
  const byCommand = new Map<string, Set<string>>();
  for (const r of rows) {
    const key = `${r.tool} ${r.command}`;
    byCommand.set(key, new Set([...(byCommand.get(key) ?? []), ...r.flags]));
  }
  test.each([...byCommand].map(([key, flags]) => [key, [...flags]] as const))(
    '%s accepts %j',
    (key, flags) => {
      const [tool, command] = key.split(' ') as [Tool, string];
      const text = help(tool, command);
      const missing = flags.filter((f) => !new RegExp(`--(no-)?${f}\\b`).test(text));
      expect(missing).toEqual([]);
      // And the other way: every option the command lists (its --help option lines) is documented.
      const listed = new Set(
        [...text.matchAll(/^ +(?:-\w, )?--(?:no-)?([a-z][a-z0-9-]*)/gm)].map((m) => m[1]!),
      );
      for (const builtIn of ['help', 'version']) listed.delete(builtIn);
      const documented = new Set([...flags, ...(globalFlags.get(tool) ?? [])]);
      expect([...listed].filter((f) => !documented.has(f)).sort()).toEqual([]);
    },
  );
});
