/**
 * 08-conformance §Reports in a real browser (Debian's chromium, headless, driven by
 * playwright-core; no browser download): the report of a defective double, a failure expanded,
 * and what a customer must see — the failing step highlighted, expected next to actual, and
 * the coverage gaps.
 */
// biome-ignore-all lint/performance/useDomNodeTextContent: playwright's Locator.innerText is the rendered text a reader sees, not a DOM property
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';
import { describe, expect, test } from 'vitest';
import { htmlReport } from '../src/report/html.js';
import { runAgainstDefect } from './doubles/defective-run.js';
import { DEFECTS } from './doubles/defects.js';

const CHROMIUM = '/usr/bin/chromium';

describe('08-conformance §Reports: the HTML report in chromium', () => {
  test('a defective double: expanding its failure shows the highlighted step, expected/actual, and the coverage gaps', async () => {
    expect(existsSync(CHROMIUM), `${CHROMIUM} (scripts/install-deps.sh installs Debian's chromium)`).toBe(
      true,
    );
    const defect = DEFECTS.find((d) => d.name === '6Cxx length wrong')!;
    const report = await runAgainstDefect(defect, {
      profile: 'ssc-2g-des',
      runs: 3,
      length: 8,
      only: ['02-commands/read-record/6cxx', '02-commands/order/cla'],
    });
    const file = join(mkdtempSync(join(tmpdir(), 'ssc-report-')), 'report.html');
    writeFileSync(file, htmlReport(report));

    const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--no-sandbox'] });
    try {
      const page = await browser.newPage();
      await page.goto(`file://${file}`);
      const failure = page.locator('details#trace-02-commands_read-record_6cxx');
      // Collapsed at first: the trace is not shown until the reader opens it.
      await expect(failure.locator('tr.failing-step').isVisible()).resolves.toBe(false);
      await failure.locator('summary').click();
      const step = failure.locator('tr.failing-step');
      await expect(step.isVisible()).resolves.toBe(true);
      expect(await step.innerText()).toMatch(/READ RECORD[\s\S]*6C13/);
      expect(await failure.locator('td.expected').innerText()).toBe('6C12');
      expect(await failure.locator('td.actual').innerText()).toBe('6C13');
      expect(await step.innerText()).toContain('·'); // English · Chinese meaning of the status word
      const gaps = page.locator('table.gaps');
      await expect(gaps.isVisible()).resolves.toBe(true);
      expect(await gaps.innerText()).toMatch(/EXTERNAL AUTHENTICATE\s+9000 63CX 6983 6984 6A88/);
      expect(await page.locator('table.header').innerText()).toMatch(
        /card ATR\s+3B6D000000905431168660261122000001/,
      );
    } finally {
      await browser.close();
    }
  }, 60_000);
});
