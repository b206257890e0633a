/**
 * Builds the target a command line asks for: `sim` (in process, from the profile) or `pcsc`
 * (card reader, optional PSAM reader). The profile is read through cos-sim's loader in both
 * cases: it is the description of the card under test, not engine code.
 */

import type { Transport } from '@ssc-cos/apdu-codec';
import { buildImage, type CardImage, loadProfile, type Profile } from '@ssc-cos/cos-sim';
import { withAlgorithm } from '@ssc-cos/cos-sim/internal';
import type { CardDescription } from '../description/card-description.js';
import { describeProfile } from '../description/from-profile.js';
import { listPcscReaders, PcscTransport } from '../pcsc/index.js';
import { SimTarget } from './sim-target.js';
import type { Capabilities, Target } from './target.js';

export interface TargetRequest {
  kind: 'sim' | 'pcsc';
  /** Card profile name or path (both targets: what the card promises). */
  profile: string;
  /** PSAM profile (sim) — for pcsc the PSAM is whatever sits in --psam-reader. */
  psam?: string | null;
  reader?: string | null;
  psamReader?: string | null;
  seed?: number | null;
  /** pcsc: the card was made from the test master keys (default true for the test profiles). */
  masterKeys?: boolean;
  /** sim: one card kept across cases, restored by reset only, like a real card (SimTargetOptions). */
  persistent?: boolean;
  /** Wraps the card transport (defect doubles; with pcsc, between the suite and the reader). */
  wrap?: (card: Transport) => Transport;
  /** sim: `real` answers as late as a real card (the profile's timing figures; docs/pcsc.md §6a). */
  timing?: 'off' | 'real';
}

export interface OpenedTarget {
  target: Target;
  description: CardDescription;
  profile: Profile;
}

export class TargetError extends Error {
  override readonly name = 'TargetError';
}

/** A PSAM profile under the card's algorithm (one built-in PSAM serves both generations). */
function psamProfileFor(name: string, card: Profile): Profile {
  const psam = loadProfile(name);
  if (psam.kind !== 'psam') throw new TargetError(`${name} is not a PSAM profile`);
  // "psam-hospital@sm4" names its algorithm: keep it (pre-flight then judges the pair).
  if (name.includes('@')) return psam;
  return psam.algorithm === card.algorithm ? psam : withAlgorithm(psam, card.algorithm);
}

/**
 * The one reader a --reader/--psam-reader names: its exact name, or the only reader whose name
 * contains it. None or several is an error (a vendor's bench often has a row of readers).
 */
export async function resolveReader(option: string, wanted: string): Promise<string> {
  const names = await listPcscReaders();
  if (names.includes(wanted)) return wanted;
  const matching = names.filter((n) => n.includes(wanted));
  if (matching.length === 1) return matching[0]!;
  if (matching.length === 0)
    throw new TargetError(`${option} "${wanted}" matches no reader (readers: ${names.join(', ') || 'none'})`);
  throw new TargetError(
    `${option} "${wanted}" matches ${matching.length} readers (${matching.join(', ')}): give the full name`,
  );
}

export function loadCardProfile(name: string): Profile {
  const profile = loadProfile(name);
  if (profile.kind !== 'card')
    throw new TargetError(`${name} is a PSAM profile; --profile names a card profile`);
  return profile;
}

export async function openTarget(req: TargetRequest): Promise<OpenedTarget> {
  const profile = loadCardProfile(req.profile);
  const description = describeProfile(profile);
  if (req.kind === 'sim') {
    // Images are immutable by construction (image/types.ts), so one built image serves every fresh card.
    const cardImage: CardImage = buildImage(profile);
    const psamImage: CardImage | null = req.psam ? buildImage(psamProfileFor(req.psam, profile)) : null;
    const target = new SimTarget(
      { card: () => cardImage, psam: psamImage ? () => psamImage : null },
      {
        ...(req.seed == null ? {} : { seed: req.seed }),
        ...(req.wrap ? { wrap: req.wrap } : {}),
        ...(req.timing === 'real' ? { timing: profile.options.timing } : {}),
        ...(req.persistent ? { persistent: true, name: `sim-card:${profile.name}` } : {}),
      },
    );
    return { target, description, profile };
  }
  if (!req.reader) throw new TargetError('--target pcsc needs --reader NAME');
  const cardReader = await resolveReader('--reader', req.reader);
  const psamReader = req.psamReader ? await resolveReader('--psam-reader', req.psamReader) : null;
  if (psamReader === cardReader)
    throw new TargetError(
      `--reader and --psam-reader both name "${cardReader}": card and PSAM need a reader each`,
    );
  const card = await PcscTransport.open({ reader: cardReader });
  let psam: PcscTransport | null = null;
  try {
    psam = psamReader ? await PcscTransport.open({ reader: psamReader }) : null;
  } catch (e) {
    await card.close();
    throw e;
  }
  const capabilities: Capabilities = {
    // 01-card: EF0D is 3rd generation only (the algorithm does not tell: ssc-3g-des is 3DES).
    generation: profile.mf.children.some((c) => c.fid === 0xef0d) ? '3g' : '2g',
    transport: profile.options.transport,
    psam: psam !== null,
    masterKeys: req.masterKeys ?? true,
    freshCard: false,
  };
  const cardTransport = req.wrap ? req.wrap(card) : card;
  const target: Target = {
    name: `pcsc:${card.readerName}`,
    card: cardTransport,
    psam,
    capabilities,
    async restore() {
      await cardTransport.reset();
      if (psam) await psam.reset();
    },
    async close() {
      await card.close();
      if (psam) await psam.close();
    },
  };
  return { target, description, profile };
}
