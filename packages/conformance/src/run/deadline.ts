/**
 * `--case-timeout` (08-conformance §robustness: a hang is a failure of that case, reported, not
 * a stuck run). A timer catches a card or reader that never answers; a case that keeps sending
 * in process (the simulator answers in microtasks, so no timer ever fires) is stopped by its
 * transports, which refuse to send past the deadline.
 */
import type { Transport } from '@ssc-cos/apdu-codec';
import type { Target } from '../targets/target.js';

export class CaseTimeout extends Error {
  override readonly name = 'CaseTimeout';
  constructor(id: string, ms: number) {
    super(`${id}: hung — not finished within ${ms / 1000} s (--case-timeout)`);
  }
}

function guarded(inner: Transport, expired: () => void): Transport {
  return {
    transmit: (command) => {
      expired();
      return inner.transmit(command);
    },
    reset: () => {
      expired();
      return inner.reset();
    },
    atr: () => inner.atr(),
    close: () => inner.close(),
  };
}

/** The target as one case sees it: same card, transports that stop at `deadline` (performance.now()). */
export function withDeadline(target: Target, deadline: number, id: string, ms: number): Target {
  const expired = () => {
    if (performance.now() > deadline) throw new CaseTimeout(id, ms);
  };
  return {
    name: target.name,
    card: guarded(target.card, expired),
    psam: target.psam ? guarded(target.psam, expired) : null,
    capabilities: target.capabilities,
    restore: () => target.restore(),
    close: () => target.close(),
  };
}
