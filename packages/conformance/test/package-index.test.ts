/**
 * The package entry point re-exports the PC/SC module, yet importing it must not need the
 * native `smartcard` binding (machines without pcsc-lite still run the in-process suite):
 * a child process whose module resolver refuses "smartcard" imports the package, runs the sim
 * target, and only a PC/SC call reports the binding missing.
 */
import { execFile } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect, test } from 'vitest';

const ROOT = fileURLToPath(new URL('../../../', import.meta.url));

/** A resolve hook that makes `import('smartcard')` fail, as on a machine without the binding. */
const BLOCK_SMARTCARD = `import { register } from 'node:module';
register('data:text/javascript,' + encodeURIComponent(
  'export async function resolve(s, c, next) { if (s === "smartcard") throw new Error("no smartcard here"); return next(s, c); }'));`;

const SCRIPT = `
const m = await import('@ssc-cos/conformance');
const { target } = await m.openTarget({ kind: 'sim', profile: 'ssc-2g-des' });
const challenge = await target.card.transmit(Uint8Array.of(0x00, 0x84, 0x00, 0x00, 0x08));
console.log('sim', challenge.length, typeof m.PcscTransport, typeof m.startPcscd);
await m.PcscTransport.open({ reader: 'any' }).catch((e) => console.log('pcsc', e.name, e.code, e.message));
`;

test('08-conformance §Targets: the package exports PcscTransport but loads the smartcard binding only on first PC/SC use', async () => {
  const { stdout, stderr } = await new Promise<{ stdout: string; stderr: string }>((resolve, reject) => {
    execFile(
      process.execPath,
      [
        '--conditions=@ssc-cos/source',
        '--import',
        'tsx',
        '--import',
        `data:text/javascript,${encodeURIComponent(BLOCK_SMARTCARD)}`,
        '--input-type=module',
        '-e',
        SCRIPT,
      ],
      { cwd: ROOT },
      (error, stdout, stderr) =>
        error ? reject(new Error(`${error.message}\n${stderr}`)) : resolve({ stdout, stderr }),
    );
  });
  expect(stderr).toBe('');
  const [sim, pcsc] = stdout.trim().split('\n');
  // 02-commands GET CHALLENGE Le=08: 8 bytes ‖ 9000 from the in-process card.
  expect(sim).toBe('sim 10 function function');
  expect(pcsc).toMatch(
    /^pcsc ApduError transport the PC\/SC binding "smartcard" is not available \(no smartcard here\); `bash scripts\/install-deps.sh` installs/,
  );
});
