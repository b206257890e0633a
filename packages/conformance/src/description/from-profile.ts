/**
 * A cos-sim profile (the JSON a vendor writes for their card) → the suite's CardDescription.
 * Only the profile's data is read here — never the engine — and the card keys are diversified
 * by the suite itself from the master keys (04-crypto.md), so a wrong diversification in the
 * card shows up as a failed authentication.
 */
import { atrOfferingT1, toHex } from '@ssc-cos/apdu-codec';
import { type Algorithm, diversifyChain } from '@ssc-cos/apdu-codec/crypto';
import type { Profile } from '@ssc-cos/cos-sim';
import type { DfSpec } from '@ssc-cos/cos-sim/internal';
import { ascii } from '../bytes.js';
import type { CardDescription, DfDescription, EfDescription, KeyDescription } from './card-description.js';

export function describeProfile(profile: Profile): CardDescription {
  const atr = new Uint8Array(profile.atrPrefix.length + profile.serial.length);
  atr.set(profile.atrPrefix);
  atr.set(profile.serial, profile.atrPrefix.length);
  const options = profile.options;
  const cardId = issuerRecord(profile.mf, 0x01);
  const cardFactor =
    options.cardFactor === 'card-id-last8' && cardId !== null
      ? cardId.slice(cardId.length - 8)
      : atr.slice(atr.length - 8);
  const region = options.region ?? regionOf(cardId);
  const cityFactor = ascii(`${region}sx`);
  const factors = {
    card: cardFactor,
    city: cityFactor,
    cityFirst: options.diversificationOrder === 'city-then-card',
  };
  return {
    profile: profile.name,
    algorithm: profile.algorithm,
    transport: options.transport,
    challengeLengths: [...options.challengeLengths],
    maxLc: options.maxLc,
    maxLe: options.maxLe,
    sm4MacTruncation: options.sm4MacTruncation,
    // The served ATR: a T=1 profile's offers T=1 (cos-sim buildImage, docs/card.md).
    atr: options.transport === 'T1' ? atrOfferingT1(atr) : atr,
    pin: { digits: options.pin.value, tries: options.pin.tries },
    keyTries: options.keyTries,
    cardFactor,
    cityFactor,
    diversificationOrder: options.diversificationOrder,
    masters: profile.masters,
    mf: describeDf(profile.mf, profile, factors),
  };
}

interface Factors {
  card: Uint8Array;
  city: Uint8Array;
  cityFirst: boolean;
}

function describeDf(df: DfSpec, profile: Profile, factors: Factors): DfDescription {
  const efs: EfDescription[] = [];
  const dfs: DfDescription[] = [];
  for (const child of df.children) {
    if (child.type === 'df') {
      dfs.push(describeDf(child, profile, factors));
    } else if (child.type === 'transparent') {
      efs.push({
        fid: child.fid,
        sfi: child.sfi ?? null,
        kind: 'transparent',
        size: child.size,
        recordLength: 0,
        maxRecords: 0,
        read: { ...child.read },
        write: { ...child.write },
        records: [],
        data: child.data,
      });
    } else {
      efs.push({
        fid: child.fid,
        sfi: child.sfi ?? null,
        kind: child.type,
        size: 0,
        recordLength: child.recordLength,
        maxRecords: child.maxRecords,
        read: { ...child.read },
        write: { ...child.write },
        records: [...child.records],
        data: null,
      });
    }
  }
  const keys: KeyDescription[] = df.keys.map((k) => {
    const levels = k.family === 'ministry' ? 2 : 1;
    const master = k.master === null ? undefined : profile.masters[k.master];
    return {
      df: df.fid,
      id: k.id,
      master: k.master,
      role: k.type,
      tries: k.tries,
      pin: k.pinValue,
      value: master === undefined ? null : cardKey(profile.algorithm, master, levels, factors),
      psam: k.psam,
      levels,
    };
  });
  return { fid: df.fid, name: df.name, lifecycle: df.lifecycle, keys, efs, dfs };
}

/** 04-crypto.md: ministry K = DIV(DIV(MK, city), card) (order per profile); province K = DIV(MK, card). */
export function cardKey(alg: Algorithm, master: Uint8Array, levels: 1 | 2, f: Factors): Uint8Array {
  if (levels === 1) return diversifyChain(alg, master, [f.card]);
  return diversifyChain(alg, master, f.cityFirst ? [f.city, f.card] : [f.card, f.city]);
}

function issuerRecord(mf: DfSpec, tag: number): Uint8Array | null {
  for (const child of mf.children) {
    if (child.type === 'variable' && child.fid === 0xef05) {
      const record = child.records.find((r) => r[0] === tag);
      return record ? record.subarray(2) : null;
    }
  }
  return null;
}

/** Region code: first three BCD bytes of the card identification code (01-card.md). */
function regionOf(cardId: Uint8Array | null): string {
  if (cardId === null || cardId.length < 3) return '000000';
  return toHex(cardId.subarray(0, 3));
}
