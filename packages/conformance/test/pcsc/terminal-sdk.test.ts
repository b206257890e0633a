/**
 * 10-terminal-api through pcscd + vpcd: `pnpm terminal iReadCardBas --target pcsc` on the served
 * ssc-2g-des card with the served psam-hospital prints the 11 fields the in-process reader
 * prints. Own pcscd and vpcd ports: run under /tmp/ssc-pcscd.lock like every PC/SC test.
 */
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import {
  type Pcscd,
  pcscReaderStates,
  ServeProcess,
  startPcscd,
  workspaceRoot,
} from '../../src/pcsc/index.js';

const CARD_READER = 'Virtual PCD 00 00';
const PSAM_READER = 'Virtual PCD 00 01';

function terminal(args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const root = workspaceRoot();
  const tsx = join(root, 'node_modules', '.bin', 'tsx');
  const cli = join(root, 'packages', 'conformance', 'src', 'terminal-cli.ts');
  return new Promise((resolve) => {
    execFile(tsx, ['--conditions=@ssc-cos/source', cli, ...args], { cwd: root }, (error, stdout, stderr) => {
      resolve({ code: error ? ((error as { code?: number }).code ?? 1) : 0, stdout, stderr });
    });
  });
}

async function waitForCard(reader: string, present: boolean, timeoutMs = 8000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const state = (await pcscReaderStates()).find((r) => r.name === reader);
    if (state?.present === present) return;
    if (Date.now() > deadline) throw new Error(`${reader}: card ${present ? 'never arrived' : 'never left'}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

let pcscd: Pcscd;
const servers: ServeProcess[] = [];

beforeAll(async () => {
  pcscd = await startPcscd();
  for (const reader of [CARD_READER, PSAM_READER]) await waitForCard(reader, false, 5000);
  servers.push(await ServeProcess.start({ args: ['--profile', 'ssc-2g-des', '--port', '35963'], slots: 1 }));
  servers.push(
    await ServeProcess.start({ args: ['--profile', 'psam-hospital', '--port', '35964'], slots: 1 }),
  );
  await waitForCard(CARD_READER, true);
  await waitForCard(PSAM_READER, true);
}, 60_000);

afterAll(async () => {
  for (const s of servers) await s.stop();
  await pcscd?.stop();
}, 30_000);

test('10-terminal-api: iReadCardBas through pcscd gives the 11 fields the in-process reader gives', async () => {
  const pcsc = await terminal([
    'iReadCardBas',
    '--target',
    'pcsc',
    '--profile',
    'ssc-2g-des',
    '--reader',
    CARD_READER,
    '--psam-reader',
    PSAM_READER,
  ]);
  const sim = await terminal([
    'iReadCardBas',
    '--target',
    'sim',
    '--profile',
    'ssc-2g-des',
    '--psam',
    'psam-hospital',
  ]);
  expect(pcsc.stderr).toBe('');
  expect(pcsc.code).toBe(0);
  expect(pcsc.stdout).toBe(
    '110100|11010119900307001X|A00000001|110100D1560000052611220000010000|张三|00905431168660261122000001|2.00|20261122|20361121|110100000001|SSCCOS000001|\n',
  );
  expect(pcsc.stdout).toBe(sim.stdout);
}, 60_000);
