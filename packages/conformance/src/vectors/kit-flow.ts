/** A terminal flow written once against the Kit: run as a case it checks the card, recorded it is a golden vector. */
import type { Kit } from '../kit/kit.js';

export interface KitFlow {
  name: string;
  clause: string;
  title: string;
  /** Leaves the card unusable (run last / on a fresh card only). */
  irreversible?: boolean;
  run(k: Kit): Promise<void>;
}
