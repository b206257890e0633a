/**
 * Issue 9 §No silent passes: a filter or ledger entry that names no case is an error, a case
 * that keeps an in-process card busy past --case-timeout is reported hung, and a recording
 * without expected values is "recorded, not checked", never "ok".
 */
import { describe, expect, test } from 'vitest';
import { buildCatalogue } from '../src/catalogue/index.js';
import { suiteKeysFor } from '../src/keys/suite-keys.js';
import type { ConformanceCase } from '../src/kit/case.js';
import { parseLedger } from '../src/report/ledger.js';
import { runSuite } from '../src/run/runner.js';
import { openTarget } from '../src/targets/open-target.js';
import { compileVector, replay } from '../src/vectors/replay.js';
import { importScriptor } from '../src/vectors/scriptor.js';

async function sim() {
  const opened = await openTarget({ kind: 'sim', profile: 'ssc-2g-des', seed: 1 });
  return { ...opened, keys: suiteKeysFor(opened.description) };
}

describe('no silent passes', () => {
  test('--only that matches no case id is an error naming the filter', async () => {
    const o = await sim();
    const cases = buildCatalogue(o.description, { runs: 1, length: 1, seed: 1 });
    await expect(
      runSuite({
        target: o.target,
        description: o.description,
        keys: o.keys,
        cases,
        only: ['02-commands/order/cla', 'no-such'],
      }),
    ).rejects.toThrow('--only no-such matches no case id');
  });

  test('a ledger naming an unknown case id is an error', async () => {
    const o = await sim();
    const cases = buildCatalogue(o.description, { runs: 1, length: 1, seed: 1 });
    const ledger = parseLedger('02-commands/order/typo  vendor note\n', 'card.txt');
    await expect(
      runSuite({ target: o.target, description: o.description, keys: o.keys, cases, ledger }),
    ).rejects.toThrow('the ledger names unknown case id 02-commands/order/typo');
  });

  test('--case-timeout holds in process: a case looping on the simulator (microtasks only) is reported hung', async () => {
    const o = await sim();
    const looping: ConformanceCase = {
      id: 'test/loops',
      clause: 'test',
      title: 'never ends',
      tags: [],
      async run(k) {
        for (;;) await k.card.send('00200000');
      },
    };
    const report = await runSuite({
      target: o.target,
      description: o.description,
      keys: o.keys,
      cases: [looping],
      caseTimeoutMs: 300,
    });
    expect(report.results[0]?.outcome).toBe('fail');
    expect(report.results[0]?.reason).toBe('test/loops: hung — not finished within 0.3 s (--case-timeout)');
  });

  test('an imported scriptor recording replays as "recorded, not checked" (no step to compare)', async () => {
    const o = await sim();
    const vector = importScriptor('00A40000023F00\n00B2012C00\n', 'session.txt', 'ssc-2g-des');
    const r = await replay(o.target, compileVector(vector));
    expect([r.difference, r.checked, r.apdus]).toEqual([null, 0, 2]);
  });
});
