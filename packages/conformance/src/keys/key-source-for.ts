/** The key source a run uses: the PSAM when the target has one, else the profile's master keys. */
import type { Channel } from '../channel/channel.js';
import type { CardDescription } from '../description/card-description.js';
import type { KeySource } from './key-source.js';
import { MasterKeySource } from './master-key-source.js';
import { PsamKeySource } from './psam-key-source.js';

export function keySourceFor(card: CardDescription): (psam: Channel | null) => KeySource {
  const master = new MasterKeySource(card.algorithm, card.sm4MacTruncation);
  return (psam) => (psam === null ? master : new PsamKeySource(psam, card));
}
