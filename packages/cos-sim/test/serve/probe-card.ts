/**
 * A card double that records what the server asked of it, to check the vpcd protocol layer on
 * its own (the real engine is exercised through pcscd in the conformance package).
 * Its answer to an APDU is INS ‖ 90 00, so each reply can be matched to its command.
 */
import type { ServableCard } from '../../src/serve/servable-card.js';

export const PROBE_COLD_ATR = new Uint8Array([0x3b, 0x02, 0x14, 0x50]);
export const PROBE_WARM_ATR = new Uint8Array([0x3b, 0x02, 0x14, 0x51]);

export class ProbeCard implements ServableCard {
  readonly calls: string[] = [];

  powerOn(): Uint8Array {
    this.calls.push('powerOn');
    return PROBE_COLD_ATR;
  }

  reset(): Uint8Array {
    this.calls.push('reset');
    return PROBE_WARM_ATR;
  }

  transmit(command: Uint8Array): Uint8Array {
    this.calls.push('transmit');
    return new Uint8Array([command[1] ?? 0, 0x90, 0x00]);
  }
}
