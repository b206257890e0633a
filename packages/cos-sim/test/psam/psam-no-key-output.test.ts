/**
 * 05-psam: "It never outputs a master key or a derived key." Random command sequences on the
 * issuer PSAM (every key of 06-keys.md), with factors and data chosen both at random and to
 * provoke a leak (D ‖ ~D, the factors of the test card, the challenges used), and every
 * response checked against every master, the test card's keys derived from them (with the
 * intermediate ministry keys) and every working key the sequence made — whole or 8-byte half.
 */

import { fc, test as propTest } from '@fast-check/vitest';
import { blockSize, diversify, diversifyChain, sessionKey } from '@ssc-cos/apdu-codec/crypto';
import { describe, expect } from 'vitest';
import { concat } from '../helpers/bytes.js';
import {
  ALGORITHMS,
  apdu,
  CARD_FACTOR,
  CITY_FACTOR,
  exchange,
  master,
  psam,
  SELECT_DF01,
} from './psam-fixture.js';

/** psam-issuer's key table (06-keys.md): usage, id, master. */
const ISSUER_KEYS: ReadonlyArray<readonly [number, number, string]> = [
  [0x23, 0x01, 'MP-PUK'],
  [0x24, 0x02, 'MP-RPK'],
  [0x25, 0x03, 'MP-STK'],
  [0x48, 0x12, 'MM-UB'],
  [0x47, 0x15, 'MM-IRK'],
  [0x48, 0x5d, 'MM-RB'],
  [0x48, 0x13, 'MM-UE'],
  [0x20, 0x0f, 'MP-MK'],
  ...[1, 2, 3, 4].flatMap((n) => [
    [0x28, 0x10 + n, `MP-RK-DF0${n}`] as const,
    [0x28, 0x20 + n, `MP-UK-DF0${n}`] as const,
    [0x25, 0x30 + n, `MP-STK-DF0${n}`] as const,
    [0x20, 0x40 + n, `MP-MK-DF0${n}`] as const,
  ]),
];

const hexByte = (n: number) => n.toString(16).padStart(2, '0');

function not(bytes: Uint8Array): Uint8Array {
  return bytes.map((b) => ~b & 0xff);
}

type Factor = { kind: 'card' } | { kind: 'city' } | { kind: 'random'; bytes: Uint8Array };
type Block = { kind: 'random'; bytes: Uint8Array } | { kind: 'pattern'; of: 'card' | 'city' | 'last-r' };
type Action =
  | { op: 'init' | 'session'; key: number; factors: Factor[]; r: Uint8Array }
  | { op: 'encrypt'; blocks: Block[] }
  | { op: 'mac'; iv: Uint8Array; message: Uint8Array }
  | { op: 'select' | 'reset' };

const bytes8 = fc.uint8Array({ minLength: 8, maxLength: 8 });
const factor: fc.Arbitrary<Factor> = fc.oneof(
  { arbitrary: fc.constant({ kind: 'card' as const }), weight: 4 },
  { arbitrary: fc.constant({ kind: 'city' as const }), weight: 2 },
  { arbitrary: bytes8.map((bytes) => ({ kind: 'random' as const, bytes })), weight: 1 },
);
/** Mostly one key of each type (so a session and a plain use of the same key meet often), sometimes any. */
const REPRESENTATIVES = [0, 1, 2, 3, 4, 7, 8].map((i) => fc.constant(i));
const block: fc.Arbitrary<Block> = fc.oneof(
  fc.uint8Array({ minLength: 16, maxLength: 16 }).map((bytes) => ({ kind: 'random' as const, bytes })),
  fc.constantFrom('card', 'city', 'last-r', 'last-r').map((of) => ({ kind: 'pattern' as const, of })),
);
const action: fc.Arbitrary<Action> = fc.oneof(
  fc.record({
    op: fc.constantFrom('init' as const, 'session' as const),
    key: fc.oneof(...REPRESENTATIVES, fc.nat({ max: ISSUER_KEYS.length - 1 })),
    factors: fc.array(factor, { minLength: 2, maxLength: 2 }),
    r: fc.oneof(...[4, 8, 16].map((n) => fc.uint8Array({ minLength: n, maxLength: n }))),
  }),
  fc.record({ op: fc.constant('encrypt' as const), blocks: fc.array(block, { minLength: 1, maxLength: 3 }) }),
  fc.record({
    op: fc.constant('mac' as const),
    iv: fc.uint8Array({ minLength: 16, maxLength: 16 }),
    message: fc.uint8Array({ maxLength: 40 }),
  }),
  fc.constantFrom({ op: 'select' as const }, { op: 'reset' as const }),
);

describe.each(ALGORITHMS)('PSAM %s', (alg) => {
  const bs = blockSize(alg);
  const factorBytes = (f: Factor) =>
    f.kind === 'card' ? CARD_FACTOR : f.kind === 'city' ? CITY_FACTOR : f.bytes;

  /**
   * Every master and the keys a card (or the way to it) uses: a province key DIV(MK, card); a
   * ministry key DIV(DIV(MK, city), card) and its intermediate — in both orders, since the
   * order is a profile option (04-crypto.md).
   */
  const staticSecrets: Uint8Array[] = ISSUER_KEYS.flatMap(([usage, , name]) => {
    const mk = master(name);
    if (usage >> 5 === 1) return [mk, diversify(alg, mk, CARD_FACTOR)];
    return [
      mk,
      diversify(alg, mk, CITY_FACTOR),
      diversify(alg, mk, CARD_FACTOR),
      diversifyChain(alg, mk, [CITY_FACTOR, CARD_FACTOR]),
      diversifyChain(alg, mk, [CARD_FACTOR, CITY_FACTOR]),
    ];
  });

  function leaks(data: Uint8Array, secrets: readonly Uint8Array[]): boolean {
    const hex = Buffer.from(data).toString('hex');
    return secrets.some((s) => {
      const whole = Buffer.from(s).toString('hex');
      return hex.includes(whole) || hex.includes(whole.slice(0, 16)) || hex.includes(whole.slice(16));
    });
  }

  propTest.prop([fc.array(action, { minLength: 1, maxLength: 25 })], { numRuns: 200 })(
    '05-psam: no response contains a master, a derived card key or a working key',
    (randomActions) => {
      // Every run starts with a granted encryption of D ‖ ~D under the internal-auth key.
      const irk = ISSUER_KEYS.findIndex(([usage]) => usage === 0x47);
      const actions: Action[] = [
        { op: 'init', key: irk, factors: [{ kind: 'card' }, { kind: 'city' }], r: CARD_FACTOR },
        { op: 'encrypt', blocks: [{ kind: 'pattern', of: 'card' }] },
        ...randomActions,
      ];
      const p = psam('psam-issuer', alg);
      exchange(p, SELECT_DF01);
      const secrets = staticSecrets.slice();
      let lastR = CARD_FACTOR;
      const answered: number[] = [];
      for (const a of actions) {
        let response: Uint8Array;
        if (a.op === 'select') response = exchange(p, SELECT_DF01).data;
        else if (a.op === 'reset') {
          p.reset();
          response = exchange(p, SELECT_DF01).data;
        } else if (a.op === 'init' || a.op === 'session') {
          const [usage, id, name] = ISSUER_KEYS[a.key]!;
          const levels = usage >> 5;
          const factors = a.factors.slice(0, levels).map(factorBytes);
          const data = a.op === 'init' ? concat(...factors) : concat(...factors, a.r);
          const answer = exchange(
            p,
            apdu(`${a.op === 'init' ? '801A' : 'BFDE'}${hexByte(usage)}${hexByte(id)}`, data),
          );
          response = answer.data;
          if (answer.sw === '9000') {
            // The working key the PSAM now holds (for the check) and the R to provoke it with.
            const k = diversifyChain(alg, master(name), factors.slice().reverse());
            secrets.push(k);
            if (a.op === 'session') {
              secrets.push(sessionKey(alg, k, a.r));
              lastR = a.r.length >= 8 ? a.r.subarray(0, 8) : concat(a.r, new Uint8Array(4));
            }
          }
        } else if (a.op === 'encrypt') {
          const data = concat(
            ...a.blocks.map((b) => {
              if (b.kind === 'random') return b.bytes.subarray(0, bs);
              const f = b.of === 'card' ? CARD_FACTOR : b.of === 'city' ? CITY_FACTOR : lastR;
              // One D ‖ ~D block under SM4; under 3DES the two blocks D, ~D.
              return concat(f, not(f));
            }),
          );
          response = exchange(p, apdu('80FA0000', data.subarray(0, data.length - (data.length % bs)))).data;
        } else if (a.op === 'mac') {
          response = exchange(p, apdu('80FA0500', concat(a.iv.subarray(0, bs), a.message))).data;
        } else continue;
        answered.push(response.length);
        expect(leaks(response, secrets), `response ${Buffer.from(response).toString('hex')} to ${a.op}`).toBe(
          false,
        );
      }
      expect(answered[1]).toBe(16); // the first encryption was answered
    },
  );
});
