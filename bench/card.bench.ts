/**
 * Card engine figures (task: benchmark): plain READ BINARY in process, READ RECORD under +SM
 * with the MAC checked and returned, and the serialized image size of each built-in profile.
 */
// Relative imports: the workspace root does not depend on the packages (see crypto.bench.ts).
import { protectCommand } from '../packages/apdu-codec/src/crypto/index.js';
import { Card, type CardImage, type DedicatedFile } from '../packages/cos-sim/src/index.js';
import { buildImage, loadProfile } from '../packages/cos-sim/src/profile/index.js';
import { serializeImage } from '../packages/cos-sim/src/state/serialize.js';
import { type Figure, figureFromSamples, opsPerSecond } from './harness.js';

const PROFILES = ['ssc-2g-des', 'ssc-3g-sm4'] as const;

function bytes(hexText: string): Uint8Array {
  return Uint8Array.from(Buffer.from(hexText, 'hex'));
}

/** The image with DF01 EF05 readable FREE +SM, and the card factor-diversified DF01 line key. */
export function smVariant(image: CardImage): { image: CardImage; lineKey: Uint8Array } {
  const df01 = image.mf.children.find((c): c is DedicatedFile => c.type === 'df' && c.fid === 0xdf01)!;
  const lineKey = df01.keys.find((k) => k.type === 'line-protection')!.value;
  const patched: DedicatedFile = {
    ...df01,
    lifecycle: 'active',
    children: df01.children.map((c) =>
      c.type !== 'df' && c.fid === 0xef05 ? { ...c, read: { kind: 'FREE', sm: true } } : c,
    ),
  };
  return {
    image: {
      ...image,
      options: { ...image.options, transport: 'T1' },
      mf: { ...image.mf, children: image.mf.children.map((c) => (c.fid === 0xdf01 ? patched : c)) },
    },
    lineKey,
  };
}

export async function figures(): Promise<Figure[]> {
  const out: Figure[] = [];
  for (const name of PROFILES) {
    const image = buildImage(loadProfile(name));

    // Plain READ BINARY of 16 bytes: EF08 made FREE so no authentication is in the loop.
    const readable: CardImage = {
      ...image,
      options: { ...image.options, transport: 'T1' },
      mf: {
        ...image.mf,
        children: image.mf.children.map((c) =>
          c.type === 'transparent' ? { ...c, read: { kind: 'FREE', sm: false } } : c,
        ),
      },
    };
    const card = new Card(readable, { seed: 1 });
    const readBinary = bytes('00B0880010');
    if (card.transmit(readBinary).length !== 18) throw new Error(`${name}: READ BINARY failed`);
    out.push(
      opsPerSecond(
        `card.read-binary.${name}`,
        `READ BINARY 16 B in process (${name})`,
        () => card.transmit(readBinary),
        {
          opsPerRun: 200_000,
          goal: { direction: 'min', target: 500_000 },
          unit: 'APDU/s',
        },
      ),
    );

    // READ RECORD under +SM: GET CHALLENGE then the MAC-ed read; the card checks one MAC and
    // computes one. A fixed challenge lets the command be built once, outside the loop.
    const { image: smImage, lineKey } = smVariant(image);
    const bs = image.algorithm === 'sm4' ? 16 : 8;
    const challenge = new Uint8Array(bs).map((_, i) => i + 1);
    const smCard = new Card(smImage, { random: () => challenge });
    smCard.transmit(bytes('00A4000002DF01'));
    const getChallenge = bytes(bs === 8 ? '0084000008' : '0084000010');
    const smRead = protectCommand(
      image.algorithm,
      lineKey,
      challenge,
      0x00,
      0xb2,
      1,
      0x2c,
      new Uint8Array(0),
      { le: 0 },
    );
    smCard.transmit(getChallenge);
    const check = smCard.transmit(smRead);
    if (check[check.length - 2] !== 0x90) throw new Error(`${name}: +SM READ RECORD failed`);
    out.push(
      opsPerSecond(
        `card.read-record-sm.${name}`,
        `READ RECORD +SM, MAC checked and returned (${name})`,
        () => {
          smCard.transmit(getChallenge);
          smCard.transmit(smRead);
        },
        {
          opsPerRun: 50_000,
          goal: { direction: 'min', target: 100_000 },
          unit: 'reads/s',
          note: 'each read is preceded by its GET CHALLENGE (counted in the time, not in the rate)',
        },
      ),
    );

    const size = Buffer.byteLength(serializeImage(image));
    out.push(
      figureFromSamples(`card.image-size.${name}`, `serialized image (${name})`, 'bytes', [size], {
        direction: 'max',
        // docs/card.md: ≤ 32 KB since the PKI application (11-pki) on the 3rd-generation cards
        target: 32 * 1024,
      }),
    );
  }
  return out;
}
