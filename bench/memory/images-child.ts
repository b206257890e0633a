/**
 * Child process of memory.bench.ts (run with --expose-gc): builds COUNT card images from a
 * profile, each a distinct card (its own serial, so its own ATR, card factor and diversified
 * keys: buildImage per card, nothing shared but the profile's constants), keeps them all
 * alive, and prints one JSON line with the heap + external growth after a full GC.
 *
 * Modes:
 * - `distinct`: each image as buildImage returns it, sharing nothing.
 * - `interned`: each image built the same way (its own serial, keys, ATR), then every subtree
 *   byte-equal to the same path of a template image (the profile's own serial) is replaced by
 *   the template's object. Safe because images are immutable (image/types.ts: a Uint8Array in
 *   an image is never modified in place, writes replace the path): each card still owns what
 *   differs (ATR, diversified keys, anything else serial-dependent).
 * - `shared`: one build, each card a copy differing only in its ATR (same keys): the floor.
 *
 * Usage: images-child.ts PROFILE COUNT [distinct|interned|shared]
 */
import { buildImage, type CardImage, loadProfile } from '../../packages/cos-sim/src/index.js';
import { atrOf } from '../../packages/cos-sim/src/profile/index.js';

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

/** `value` with every subtree equal to the same path of `template` replaced by the template's. */
function intern<T>(value: T, template: unknown): T {
  if (Object.is(value, template) || value === null || typeof value !== 'object') return value;
  if (value instanceof Uint8Array) {
    return template instanceof Uint8Array && Buffer.compare(value, template) === 0 ? (template as T) : value;
  }
  if (template === null || typeof template !== 'object' || template instanceof Uint8Array) return value;
  if (Array.isArray(value) !== Array.isArray(template)) return value;
  const from = value as Record<string, unknown>;
  const like = template as Record<string, unknown>;
  const keys = Object.keys(from);
  let same = keys.length === Object.keys(like).length;
  const out: Record<string, unknown> = Array.isArray(value) ? (new Array(keys.length) as never) : {};
  for (const k of keys) {
    out[k] = intern(from[k], like[k]);
    same &&= out[k] === like[k];
  }
  return (same ? template : out) as T;
}

const before = settled();
const t0 = process.hrtime.bigint();
const images: CardImage[] = new Array(count);
if (mode === 'interned') {
  const template = buildImage(profile);
  for (let i = 0; i < count; i++) images[i] = intern(buildImage(profile, { serial: serialOf(i) }), template);
} else if (mode === 'shared') {
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
