/**
 * The flow table's in-process target: the built-in card profile as a Card behind a Transport,
 * a new one per flow, and the built-in PSAMs with the card's algorithm — all under T=0 or T=1.
 */
import type { Transport } from '@ssc-cos/apdu-codec';
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

/** Built once per profile: images are immutable, so cards may share them. */
function image(profile: string, transport: TransportProtocol): CardImage {
  let built = images.get(profile);
  if (built === undefined) {
    built = buildImage(loadProfile(profile));
    images.set(profile, built);
  }
  return built.options.transport === transport
    ? built
    : { ...built, options: { ...built.options, transport } };
}

export function inProcessTarget(profile: CardProfileName, transport: TransportProtocol): FlowTarget {
  const algorithm = image(profile, transport).algorithm;
  const open = (name: string): Transport => {
    const card = new Card(image(name, transport));
    card.powerOn();
    return new CardTransport(card);
  };
  return {
    freshCard: async () => open(profile),
    psam: async (name: PsamProfileName) => open(`${name}@${algorithm}`),
  };
}
