/**
 * The reader the `terminal` command works on, from the suite's targets: `sim` (the profile's
 * card in process, in service — zones issued blocked are activated with the profile's master
 * keys first, as the issuer does before a card reaches a hospital — and the PSAM profile
 * under the card's algorithm) or `pcsc` (a card reader and a PSAM reader). The item catalogue
 * is read from the profile document, so files a profile adds decode without code changes.
 */
import { readFileSync } from 'node:fs';
import { BUILTIN_PROFILE_DIR } from '@ssc-cos/cos-sim/internal';
import {
  type Catalogue,
  catalogueFromProfile,
  MasterKeySource,
  type Reader,
  Terminal,
} from '@ssc-cos/terminal';
import { allDfs } from '../description/card-description.js';
import { openTarget } from '../targets/open-target.js';
import type { Target } from '../targets/target.js';

/** [decision, docs/terminal.md] PC/SC does not report a reader serial: `--serial` gives it, this is the default. */
export const DEFAULT_READER_SERIAL = 'SSCCOS000001';

export interface ReaderRequest {
  target: 'sim' | 'pcsc';
  profile: string;
  psam?: string | undefined;
  reader?: string | undefined;
  psamReader?: string | undefined;
  serial?: string | undefined;
}

export interface OpenedReader {
  reader: Reader;
  catalogue: Catalogue;
  target: Target;
}

export async function openReader(req: ReaderRequest): Promise<OpenedReader> {
  const opened = await openTarget({
    kind: req.target,
    profile: req.profile,
    psam: req.psam ?? null,
    reader: req.reader ?? null,
    psamReader: req.psamReader ?? null,
  });
  const { target, description } = opened;
  if (req.target === 'sim') {
    const issuer = await Terminal.open(
      target.card,
      new MasterKeySource(description.masters, {
        sm4MacTruncation: description.sm4MacTruncation,
        order: description.diversificationOrder,
      }),
    );
    for (const df of allDfs(description))
      if (df.lifecycle === 'temporarily-blocked') await issuer.activateZone(df.fid);
  }
  return {
    reader: {
      contact: target.card,
      contactless: null,
      psam: target.psam,
      serial: req.serial ?? DEFAULT_READER_SERIAL,
    },
    catalogue: catalogueFromProfile(JSON.parse(readFileSync(profileFile(req.profile), 'utf8'))),
    target,
  };
}

/**
 * The profile document: a built-in name or a path, as cos-sim resolves it. Built-ins are in
 * cos-sim's folder (the repository's vectors/profiles/, or profiles/ of an installed package),
 * never looked up from a workspace root, which an installed package does not have.
 */
function profileFile(nameOrPath: string): string {
  if (nameOrPath.includes('/') || nameOrPath.endsWith('.json')) return nameOrPath;
  return `${BUILTIN_PROFILE_DIR}${nameOrPath.replace(/@(3des|sm4)$/, '')}.json`;
}
