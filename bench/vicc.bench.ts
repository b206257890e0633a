/**
 * The card engine per APDU against vsmartcard's own emulator, both in process, same APDUs:
 * our Card.transmit in a JavaScript loop vs Debian vicc's ISO 7816 card object
 * (Iso7816OS.execute) in a Python loop (bench/vicc/vicc_in_process.py), no sockets on either
 * side. Goal: ≥ 30× faster per APDU.
 *
 * The sequence is READ RECORD 1 of SFI 5 (Le = 18) and GET CHALLENGE 8: what both cards can
 * answer alike. No SELECT: vicc crashes building an FCI (SELECT P2=00, 07-vpcd.md) and our card
 * refuses P2=0C with 6A86 (02-commands). The script gives vicc's MF an EF05 holding the same
 * record; the answers are compared before timing (the record byte for byte, the challenge by
 * length and status word) so both sides do the same work.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, symlinkSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { buildImage, Card, loadProfile } from '../packages/cos-sim/src/index.js';
import { type Figure, figureFromSamples, median, notMeasured, opsPerSecond, ratio } from './harness.js';

const run = promisify(execFile);
const APDUS = ['00B2012C12', '0084000008'];
/** Debian's vicc runs under the system Python (its Cryptodome lives there, not in pyenv's). */
const PYTHON = '/usr/bin/python3';
const SCRIPT = fileURLToPath(new URL('./vicc/vicc_in_process.py', import.meta.url));
const VICC_COUNT = 20_000;
const RUNS = 5;
const GOAL_RATIO = { direction: 'min', target: 30 } as const;

interface ViccResult {
  apdus: number;
  seconds: number;
  apdus_per_s: number;
  answers: string[];
}

/** Temporary folder of the Crypto → Cryptodome shim, removed when the figures are taken. */
let shim = '';

/** PYTHONPATH of the 07-vpcd.md workaround, with its Crypto → Cryptodome shim. */
function viccEnv(): NodeJS.ProcessEnv {
  shim = mkdtempSync(join(tmpdir(), 'ssc-pyshim-'));
  symlinkSync('/usr/lib/python3/dist-packages/Cryptodome', join(shim, 'Crypto'));
  return { ...process.env, PYTHONPATH: `/usr/lib/python3/site-packages/virtualsmartcard:${shim}` };
}

async function viccRun(env: NodeJS.ProcessEnv): Promise<ViccResult> {
  const { stdout } = await run(PYTHON, [SCRIPT, String(VICC_COUNT), ...APDUS], { env, timeout: 120_000 });
  return JSON.parse(stdout.trim()) as ViccResult;
}

const hex = (b: Uint8Array) => Buffer.from(b).toString('hex').toUpperCase();
/** Same record, and a challenge of the same length with the same status word. */
function sameWork(ours: string[], vicc: string[]): boolean {
  return (
    ours[0] === vicc[0] &&
    ours[1]?.length === vicc[1]?.length &&
    ours[1]?.slice(-4) === '9000' &&
    vicc[1]?.slice(-4) === '9000'
  );
}

export async function figures(): Promise<Figure[]> {
  try {
    return await measure();
  } finally {
    if (shim) rmSync(shim, { recursive: true, force: true });
  }
}

async function measure(): Promise<Figure[]> {
  const name = 'card.vs-vicc.in-process';
  const label = 'in process per APDU: cos-sim Card vs Debian vicc Iso7816OS (ratio)';
  const card = new Card(buildImage(loadProfile('ssc-2g-des')), { seed: 1 });
  card.powerOn();
  const commands = APDUS.map((h) => Uint8Array.from(Buffer.from(h, 'hex')));
  const ours = commands.map((c) => hex(card.transmit(c)));

  let env: NodeJS.ProcessEnv;
  let first: ViccResult;
  try {
    env = viccEnv();
    first = await viccRun(env);
  } catch (e) {
    const reason = `vicc peer unavailable (${(e instanceof Error ? e.message : String(e)).split('\n')[0]})`;
    return [notMeasured(name, label, '×', reason, GOAL_RATIO)];
  }
  if (!sameWork(ours, first.answers))
    return [
      notMeasured(
        name,
        label,
        '×',
        `answers differ: ours ${ours.join(' ')}, vicc ${first.answers.join(' ')}`,
      ),
    ];

  // Alternate the two so machine drift hits both alike; each sample pairs one run of each.
  const oursSamples: number[] = [];
  const viccSamples: number[] = [];
  let i = 0;
  for (let r = 0; r < RUNS; r++) {
    const f = opsPerSecond(
      'card.apdu.read-challenge',
      '',
      () => {
        card.transmit(commands[i++ & 1]!);
      },
      { opsPerRun: 200_000, runs: 1 },
    );
    oursSamples.push(f.median);
    viccSamples.push((await viccRun(env)).apdus_per_s);
  }
  const oursMedian = median(oursSamples);
  const viccMedian = median(viccSamples);
  const sequence = `APDUs ${APDUS.join(' ')}`;
  return [
    figureFromSamples(
      'card.apdu.read-challenge.ssc-2g-des',
      'in process: cos-sim Card.transmit, READ RECORD + GET CHALLENGE (ssc-2g-des)',
      'APDU/s',
      oursSamples,
      undefined,
      `${ratio(oursMedian, viccMedian)} vicc in process; ${sequence}`,
    ),
    figureFromSamples(
      'vicc.apdu.read-challenge',
      'in process: Debian vicc Iso7816OS.execute, same APDUs (Python loop)',
      'APDU/s',
      viccSamples,
      undefined,
      `vicc 0.8 as packaged (logs each APDU at INFO, level WARNING); ${VICC_COUNT} APDUs per run`,
    ),
    figureFromSamples(
      name,
      label,
      '×',
      oursSamples.map((s, k) => s / viccSamples[k]!),
      GOAL_RATIO,
      'sample by sample; runs alternate between the two',
    ),
  ];
}
