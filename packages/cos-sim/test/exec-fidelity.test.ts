/**
 * Issue 10 through `cos-sim exec` (the CLI a terminal integrator scripts): the v2 command forms,
 * the zone catalogue and the PSAM's EF 0015/0016, on every built-in card profile.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';

const cli = fileURLToPath(new URL('../src/cli.ts', import.meta.url));

function exec(profile: string, apdus: string[]): string[] {
  const r = spawnSync(
    process.execPath,
    ['--conditions=@ssc-cos/source', '--import', 'tsx', cli, 'exec', '--profile', profile, '--seed', '1'],
    { input: `${apdus.join('\n')}\n`, encoding: 'utf8' },
  );
  expect(r.status).toBe(0);
  return r.stdout.split('\n').filter(Boolean);
}

describe.each(['ssc-2g-des', 'ssc-3g-sm4', 'ssc-3g-des'])('cos-sim exec --profile %s', (profile) => {
  test('02 §v2 forms and the catalogue: empty SELECT, READ without Le, several records, P1=01, DF07', () => {
    const out = exec(profile, [
      '00A4000002DF01', // into a zone
      '00A4000000', // 02 §v2: back to the MF, no data (T0: 61xx)
      '00B2052C', // 02 §v2: no Le under T0 = Le=00 (issue date record)
      '00B2062D00', // 02 §v2: records 6 and 7 of EF05
      '00A4010002DF07', // 02 §v2: child DF by FID — the catalogue's DF07
      '00B201 2C00'.replace(' ', ''), // DF07 EF05 needs KEY 01 → 6982 (never 6A82)
      '00A4000002EF19', // DF07 has no EF19 → 6A82
    ]);
    expect(out[0]).toMatch(/^61/);
    expect(out[1]).toMatch(/^61[0-9A-F]{2}$/);
    expect(out[2]).toBe('05042026112290 00'.replace(' ', ''));
    expect(out[3]).toBe('060420361121070941303030303030303190 00'.replace(' ', ''));
    expect(out[4]).toMatch(/^61/);
    expect(out[5]).toBe('6982');
    expect(out[6]).toBe('6A82');
  });
});

test('05-psam v2 through exec: EF 0015 and EF 0016 by FID and by SFI, MF by empty SELECT', () => {
  const out = exec('psam-hospital', ['00A40200020015', '00B000000E', '00B0960006', '00A4000000']);
  expect(out).toEqual(['9000', '11010000000000000001010101009000', '1101000000019000', '611B']);
});
