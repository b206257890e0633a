/**
 * The flow table's in-process target: the built-in card profile as a Card behind a Transport,
 * a new one per flow, and the built-in PSAMs with the card's algorithm — all under T=0 or T=1.
 */
import type { Transport } from '@ssc-cos/apdu-codec';
import type { Algorithm } from '@ssc-cos/apdu-codec/crypto';
import {
  buildImage,
  Card,
  type CardImage,
  CardTransport,
  loadProfile,
  type TransportProtocol,
} from '@ssc-cos/cos-sim';
import type { FlowTarget, PsamProfileName } from '../src/index.js';

export const CARD_PROFILES = ['ssc-2g-des', 'ssc-3g-sm4', 'ssc-3g-des'] as const;
export type CardProfileName = (typeof CARD_PROFILES)[number];

const images = new Map<string, CardImage>();

/**
 * Built once per profile and transport (images are immutable, so cards may share them), from
 * the profile with that transport: a T=1 card answers the ATR offering T=1 (with its TCK).
 */
function image(profile: string, transport: TransportProtocol): CardImage {
  const key = `${profile}|${transport}`;
  let built = images.get(key);
  if (built === undefined) {
    const p = loadProfile(profile);
    built = buildImage({ ...p, options: { ...p.options, transport } });
    images.set(key, built);
  }
  return built;
}

/** A built-in profile as a powered card behind a Transport. */
function open(profile: string, transport: TransportProtocol): Transport {
  const card = new Card(image(profile, transport));
  card.powerOn();
  return new CardTransport(card);
}

/** A built-in PSAM (05-psam.md) under the card's algorithm, powered, behind a Transport. */
export function simPsam(name: string, algorithm: Algorithm, transport: TransportProtocol = 'T0'): Transport {
  return open(`${name}@${algorithm}`, transport);
}

export function inProcessTarget(profile: CardProfileName, transport: TransportProtocol): FlowTarget {
  const algorithm = image(profile, transport).algorithm;
  return {
    freshCard: async () => open(profile, transport),
    psam: async (name: PsamProfileName) => simPsam(name, algorithm, transport),
  };
}
