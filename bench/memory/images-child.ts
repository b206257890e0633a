/**
 * Child process of memory.bench.ts (run with --expose-gc): builds COUNT card images from a
 * profile, each a distinct card (its own serial, so its own ATR, card factor and diversified
 * keys: buildImage per card, nothing shared but the profile's constants), keeps them all
 * alive, and prints one JSON line with the heap + external growth after a full GC.
 *
 * Mode `shared` instead builds one image and derives each card as a copy with its own ATR
 * (serial) that shares every other buffer and file object with the first: the floor for
 * cards that differ only in their serial, e.g. a test rig that does not diversify keys.
 *
 * Usage: images-child.ts PROFILE COUNT [distinct|shared]
 */
import { atrOf, buildImage, type CardImage, loadProfile } from '../../packages/cos-sim/src/index.js';

const gc = (globalThis as { gc?: () => void }).gc;
if (!gc) {
  process.stderr.write('images-child: run with node --expose-gc\n');
  process.exit(2);
}

function settled(): { heap: number; external: number } {
  // Several passes: weak caches and finalisers can need more than one collection.
  for (let i = 0; i < 3; i++) gc!();
  const m = process.memoryUsage();
  return { heap: m.heapUsed, external: m.external };
}

const [profileName = 'ssc-2g-des', countText = '100000', mode = 'distinct'] = process.argv.slice(2);
const count = Number(countText);
const profile = loadProfile(profileName);
const serialLength = profile.serial.length;

/** Serial number i as bytes: the profile's serial with its low bytes replaced by i (big-endian). */
function serialOf(i: number): Uint8Array {
  const serial = profile.serial.slice();
  for (let b = serialLength - 1, v = i; b >= 0 && b >= serialLength - 4; b--, v >>>= 8) serial[b] = v & 0xff;
  return serial;
}

const before = settled();
const t0 = process.hrtime.bigint();
const images: CardImage[] = new Array(count);
if (mode === 'shared') {
  const base = buildImage(profile);
  for (let i = 0; i < count; i++) images[i] = { ...base, atr: atrOf(profile, { serial: serialOf(i) }) };
} else {
  for (let i = 0; i < count; i++) images[i] = buildImage(profile, { serial: serialOf(i) });
}
const buildSeconds = Number(process.hrtime.bigint() - t0) / 1e9;
const after = settled();

// Distinctness check: first and last card differ in their ATR (hence in their keys).
const first = images[0]!.atr;
const last = images[count - 1]!.atr;
const distinct = count < 2 || Buffer.compare(Buffer.from(first), Buffer.from(last)) !== 0;

process.stdout.write(
  `${JSON.stringify({
    profile: profileName,
    mode,
    images: images.length,
    distinct,
    buildSeconds,
    heapBytes: after.heap - before.heap,
    externalBytes: after.external - before.external,
  })}\n`,
);
