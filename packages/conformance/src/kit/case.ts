/**
 * One requirement case: a named check of one spec clause, with the capabilities it needs.
 * A case whose needs the target lacks is reported "not applicable" with the reason.
 */
import type { Capabilities, Target } from '../targets/target.js';
import type { Kit } from './kit.js';

export type Tag =
  | '2g'
  | '3g'
  | 'T0'
  | 'T1'
  | 'needs-psam'
  | 'needs-master-keys'
  /** Changes persistent state (blocks, counters, data); restores what it can. */
  | 'destructive'
  /** Cannot be undone on a real card (card block, permanent block, key lock): fresh card only. */
  | 'irreversible';

export interface ConformanceCase {
  /** Stable id, e.g. "02-commands/order/cla". */
  id: string;
  /** The spec clause it checks, e.g. "02-commands §Order of checks 2". */
  clause: string;
  title: string;
  tags: readonly Tag[];
  run(kit: Kit): Promise<void>;
}

/** Why a case cannot run on this target, or null when it can. */
export function notApplicableReason(
  c: ConformanceCase,
  caps: Capabilities,
  target: Target,
  irreversibleAllowed = false,
): string | null {
  for (const tag of c.tags) {
    switch (tag) {
      case '2g':
      case '3g':
        if (caps.generation !== tag) return `needs a ${tag} card (target is ${caps.generation})`;
        break;
      case 'T0':
      case 'T1':
        if (caps.transport !== tag) return `needs ${tag} (target uses ${caps.transport})`;
        break;
      case 'needs-psam':
        if (!caps.psam) return 'needs a PSAM (none given: --psam / --psam-reader)';
        break;
      case 'needs-master-keys':
        if (!caps.masterKeys) return 'needs the master keys of the profile (target keys are in a PSAM only)';
        break;
      case 'irreversible':
        if (!caps.freshCard && !irreversibleAllowed)
          return `irreversible on ${target.name}: runs only with --irreversible (or where a fresh card can be made)`;
        break;
      default:
        break;
    }
  }
  return null;
}
