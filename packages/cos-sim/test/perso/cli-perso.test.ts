import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CliError } from '../../src/cli/exec.js';
import { runPerso } from '../../src/cli/perso.js';
import { loadStateFile } from '../../src/state/state-file.js';

describe('cos-sim perso', () => {
  const dir = mkdtempSync(join(tmpdir(), 'ssc-perso-'));

  it('09-perso: writes the script file and, on request, the blank chip state', () => {
    const out = join(dir, 'p.apdu');
    const blank = join(dir, 'blank.json');
    const summary = runPerso({ profile: 'ssc-2g-des', out, blankState: blank });
    const lines = readFileSync(out, 'utf8').trimEnd().split('\n');
    const apdus = lines.filter((l) => !l.startsWith('#'));
    expect(summary).toBe(`wrote ${apdus.length} APDUs to ${out}, blank chip to ${blank}`);
    expect(apdus[0]).toBe('80E03F001738FFFFF1F195FFFF7378312E73682EC9E7BBE1B1A3D5CF');
    const chip = loadStateFile(blank)!;
    expect(chip.mf.children).toEqual([]);
    expect(Buffer.from(chip.atr).toString('hex').toUpperCase()).toBe('3B6D000000905431168660261122000001');
  });

  it('bad input is a CliError with one line: unknown profile, PSAM profile, bad serial', () => {
    const out = join(dir, 'x.apdu');
    expect(() => runPerso({ profile: 'nope', out })).toThrow(CliError);
    expect(() => runPerso({ profile: 'psam-window', out })).toThrow(/card profiles only/);
    expect(() => runPerso({ profile: 'ssc-2g-des', out, serial: 'zz' })).toThrow(
      /serial: expected hex bytes/,
    );
  });
});
