/** A Channel as the codec's Transport, for host code that takes a Transport (the terminal library): every exchange still lands in the case trace. */
import type { Transport } from '@ssc-cos/apdu-codec';
import type { Channel } from './channel.js';

export function channelTransport(
  channel: Channel,
  check?: (command: Uint8Array, sw: number) => void,
): Transport {
  return {
    transmit: async (command) => {
      const r = await channel.send(command);
      check?.(command, r.sw);
      return r.raw;
    },
    reset: () => channel.reset(),
    atr: () => channel.transport.atr(),
    close: async () => {},
  };
}
