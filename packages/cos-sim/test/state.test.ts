/** Persistent state: serialisation, validation, diff, atomic saves (task: determinism and state). */
import { spawn } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import { buildImage, loadProfile } from '../src/profile/index.js';
import { diffImages } from '../src/state/diff.js';
import { deserializeImage, ImageFormatError, serializeImage } from '../src/state/serialize.js';
import { loadStateFile, saveStateFile } from '../src/state/state-file.js';
import { hex } from './helpers/bytes.js';
import { cardImage, GENERATIONS } from './helpers/images.js';
import { MASTER_KEYS, ministryKey } from './helpers/spec-image.js';
import { Terminal } from './helpers/terminal.js';

const dir = mkdtempSync(join(tmpdir(), 'cos-sim-state-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.each(GENERATIONS)('%s image serialisation', (gen) => {
  const alg = gen === '2g' ? '3des' : 'sm4';

  test('serialize → deserialize gives an equal image that behaves the same', () => {
    const image = cardImage(gen);
    const back = deserializeImage(serializeImage(image));
    expect(back).toEqual(image);
    expect(diffImages(image, back)).toEqual([]);
    const a = new Card(image, { seed: 5 });
    const b = new Card(back, { seed: 5 });
    for (const apdu of ['00B2012C00', '0084000008', '0020000003111111', '00A4000002DF01']) {
      expect(b.transmit(hex(apdu))).toEqual(a.transmit(hex(apdu)));
    }
  });

  test('the personalised card image serialises to ≤ 32 KB; a full photo and fingerprint add their hex', () => {
    const image = cardImage(gen);
    const size = Buffer.byteLength(serializeImage(image));
    // docs/card.md: a 3rd-generation chip's 64 KB EEPROM (the MF's FFFF space), whose state
    // file with the PKI application (11-pki) is ~18 KB before any certificate is written.
    expect(size).toBeLessThanOrEqual(32 * 1024);
    const card = new Card(image, { seed: 1 });
    const t = new Terminal(card, alg);
    expect(t.externalAuthenticate(0x04, ministryKey(alg, MASTER_KEYS['MM-UB']))).toBe(0x9000);
    t.send('00A4000002EF08');
    for (let offset = 0; offset < 4096; offset += 128) {
      const p1p2 = offset.toString(16).padStart(4, '0');
      expect(t.sw(`00D6${p1p2}80${'AB'.repeat(128)}`)).toBe('9000');
    }
    // bytes as hex: 4096 bytes of photo cost exactly 8192 characters more
    expect(Buffer.byteLength(serializeImage(card.image)) - size).toBe(8192 - 'null'.length + 2);
  });

  test('diffImages names what a command changed, never a key value', () => {
    const card = new Card(cardImage(gen), { seed: 1 });
    const before = card.image;
    card.transmit(hex('0020000003111111'));
    expect(diffImages(before, card.image)).toEqual([
      { path: 'mf.keys/key:pin:00.triesLeft', before: '5', after: '4' },
    ]);
    const rotated = {
      ...card.image,
      mf: {
        ...card.image.mf,
        keys: card.image.mf.keys.map((k) => (k.id === 4 ? { ...k, value: new Uint8Array(16) } : k)),
      },
    };
    const d = diffImages(card.image, rotated);
    expect(d).toHaveLength(1);
    expect(d[0]!.before).toBe('(key value)');
    expect(JSON.stringify(d)).not.toMatch(/[0-9A-F]{32}/);
  });
});

describe('PSAM images', () => {
  test('a PSAM image (key table, terminal number) round-trips; diff hides its master keys', () => {
    const psam = buildImage(loadProfile('psam-issuer'));
    const back = deserializeImage(serializeImage(psam));
    expect(back).toEqual(psam);
    const df01 = back.mf.children.find((c) => c.type === 'df')!;
    if (df01.type !== 'df' || !df01.psamKeys?.length) throw new Error('psam-issuer has no key table');
    const changed = {
      ...back,
      mf: {
        ...back.mf,
        children: back.mf.children.map((c) =>
          c === df01
            ? {
                ...df01,
                psamKeys: df01.psamKeys!.map((k, i) => (i === 0 ? { ...k, value: new Uint8Array(16) } : k)),
              }
            : c,
        ),
      },
    };
    const d = diffImages(back, changed);
    expect(d).toHaveLength(1);
    expect(d[0]!.before).toBe('(key value)');
  });
});

describe('deserializeImage validation', () => {
  const good = JSON.parse(serializeImage(cardImage('2g')));
  // biome-ignore lint/suspicious/noExplicitAny: free-form edits of parsed JSON
  const broken = (change: (o: Record<string, any>) => void) => {
    const copy = structuredClone(good);
    change(copy);
    return JSON.stringify(copy);
  };

  test.each([
    ['not JSON', '{', /not JSON/],
    ['wrong format', broken((o) => (o.format = 'x')), /format/],
    ['future version', broken((o) => (o.version = 2)), /version/],
    ['bad hex', broken((o) => (o.atr = 'XYZ')), /atr: expected upper-case hex/],
    ['tries above max', broken((o) => (o.mf.keys[0].triesLeft = 9)), /mf\.keys\[0\]\.triesLeft/],
    ['bad rule', broken((o) => (o.mf.children[0].read.kind = 'MAYBE')), /mf\.children\[0\]\.read\.kind/],
    [
      'wrong data size',
      broken((o) => (o.mf.children[2].data = 'AA')),
      /mf\.children\[2\]\.data: expected 1024 bytes/,
    ],
    ['missing field', broken((o) => delete o.mf.keys[0].maxTries), /maxTries/],
  ])('%s → ImageFormatError with the path', (_name, text, message) => {
    expect(() => deserializeImage(text)).toThrow(ImageFormatError);
    expect(() => deserializeImage(text)).toThrow(message);
  });
});

describe('state file', () => {
  test('load of a missing file is undefined; save then load round-trips', () => {
    const path = join(dir, 'card.json');
    expect(loadStateFile(path)).toBeUndefined();
    saveStateFile(path, cardImage('3g'));
    expect(loadStateFile(path)).toEqual(cardImage('3g'));
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });

  test('kill -9 at any moment never leaves a corrupt state file', async () => {
    const writer = fileURLToPath(new URL('./fixtures/atomic-writer.ts', import.meta.url));
    const path = join(dir, 'killed.json');
    for (let round = 0; round < 6; round++) {
      const child = spawn(
        process.execPath,
        ['--conditions=@ssc-cos/source', '--import', 'tsx', writer, path],
        {
          stdio: ['ignore', 'pipe', 'inherit'],
        },
      );
      await new Promise<void>((resolve, reject) => {
        child.stdout.once('data', () => resolve());
        child.once('exit', (code) => reject(new Error(`writer exited early (${code})`)));
      });
      await new Promise((r) => setTimeout(r, 5 + round * 17));
      child.kill('SIGKILL');
      await new Promise((r) => child.once('exit', r));
      const image = deserializeImage(readFileSync(path, 'utf8'));
      expect(image.profile).toMatch(/^writer-\d+$/);
    }
  });
});
