/**
 * The engine: order of checks, CLA/INS/lengths, T=0 and T=1 behaviour, GET RESPONSE, the
 * challenge's one-command life, faults (6F00) and the Transport adapter.
 */
import { describe, expect, test } from 'vitest';
import { Card } from '../src/card.js';
import { CardTransport } from '../src/engine/card-transport.js';
import { dataOf, hex, swHex, toHex } from './helpers/bytes.js';
import { cardImage, GENERATIONS } from './helpers/images.js';
import { SSSE_NAME, TEST_ATR } from './helpers/spec-image.js';
import { Terminal } from './helpers/terminal.js';

describe.each(GENERATIONS)('%s card engine', (gen) => {
  const fresh = (transport: 'T0' | 'T1' = 'T0') => {
    const card = new Card(cardImage(gen, transport), { seed: 7 });
    return { card, t: new Terminal(card, gen === '2g' ? '3des' : 'sm4') };
  };

  test('01-card ATR: 3B6D0000 0090 543116 8660 261122000001', () => {
    const { card } = fresh();
    expect(toHex(card.powerOn())).toBe('3B6D00000090543116866026112200000' + '1');
    expect(toHex(card.reset())).toBe(toHex(TEST_ATR));
  });

  test('02-commands step 2: CLA other than 00/04/80/84 → 6E00, channel bits → 6881', () => {
    const { t } = fresh();
    expect(t.sw('10B2012C00')).toBe('6E00');
    expect(t.sw('A0B2012C00')).toBe('6E00');
    expect(t.sw('01B2012C00')).toBe('6881');
    expect(t.sw('83B2012C00')).toBe('6881');
  });

  test('02-commands step 3: unknown INS → 6D00, after the CLA check', () => {
    const { t } = fresh();
    expect(t.sw('00FF000000')).toBe('6D00');
    expect(t.sw('0001000000')).toBe('6D00');
    expect(t.sw('FFFF000000')).toBe('6E00');
  });

  test('02-commands step 4 before 5: bad P1/P2 wins over a bad length', () => {
    const { t } = fresh();
    expect(t.sw('00A4080000')).toBe('6A86'); // SELECT P1=08, and no data
    // 02 §v2: SELECT P1=00 with no data is the MF (it was 6700 before v2); a SELECT by name without data still 6700
    expect(t.sw('00A4040000')).toBe('6700');
  });

  test('02-commands: extended-length APDUs → 6700 (short APDUs only on the card)', () => {
    const { t } = fresh();
    expect(t.sw('00B2012C000100')).toBe('6700');
    expect(t.sw('00A40000000002DF01')).toBe('6700');
  });

  test('02-commands: malformed bytes answer a status word, never throw', () => {
    const { t } = fresh();
    expect(t.sw('')).toBe('6700');
    expect(t.sw('00')).toBe('6700');
    expect(t.sw('00B2')).toBe('6700');
    expect(t.sw('00A4000005DF01')).toBe('6700'); // Lc says 5, 2 bytes follow
    expect(t.sw('12')).toBe('6E00');
    expect(t.sw('00EE')).toBe('6D00');
  });

  test('01-card T0: SELECT of a DF answers 61xx, GET RESPONSE returns the FCI', () => {
    const { t } = fresh();
    const r = t.send(`00A404000F${toHex(SSSE_NAME)}`);
    expect(r.length).toBe(2);
    expect(r[0]).toBe(0x61);
    const fci = t.send(`00C00000${toHex(r.subarray(1))}`);
    expect(swHex(fci)).toBe('9000');
    expect(dataOf(fci).length).toBe(r[1]);
  });

  test('02-commands GET RESPONSE: smaller Le returns that many bytes and 61yy for the rest', () => {
    const { t } = fresh();
    const r = t.send(`00A404000F${toHex(SSSE_NAME)}`);
    const total = r[1]!;
    const first = t.send('00C0000005');
    expect(dataOf(first).length).toBe(5);
    expect(swHex(first)).toBe(`61${(total - 5).toString(16).toUpperCase().padStart(2, '0')}`);
    const rest = t.send('00C0000000');
    expect(swHex(rest)).toBe('9000');
    expect(dataOf(rest).length).toBe(total - 5);
  });

  test('02-commands GET RESPONSE: nothing pending → 6985; another command breaks a pending response', () => {
    const { t } = fresh();
    expect(t.sw('00C0000010')).toBe('6985');
    t.send(`00A404000F${toHex(SSSE_NAME)}`);
    expect(t.sw('00B2012C00')).toBe('9000');
    expect(t.sw('00C0000010')).toBe('6985');
  });

  test('02-commands: a failed GET RESPONSE changes nothing — the pending response survives it', () => {
    const { t } = fresh();
    const r = t.send(`00A404000F${toHex(SSSE_NAME)}`);
    const total = r[1]!;
    expect(t.sw('00C0010000')).toBe('6A86');
    expect(t.sw('00C00000')).toBe('6700');
    const fci = t.send('00C0000000');
    expect(swHex(fci)).toBe('9000');
    expect(dataOf(fci).length).toBe(total);
    expect(dataOf(fci)[0]).toBe(0x6f);
  });

  test('01-card T1: data comes back directly, no 61xx, GET RESPONSE has nothing', () => {
    const { t } = fresh('T1');
    const r = t.send(`00A404000F${toHex(SSSE_NAME)}00`);
    expect(swHex(r)).toBe('9000');
    expect(dataOf(r)[0]).toBe(0x6f);
    expect(t.sw('00C0000000')).toBe('6985');
  });

  test('01-card: SELECT MF FCI = 6F {84 name, A5 {9F0C {86 01 alg}}}', () => {
    const { t } = fresh('T1');
    const fci = toHex(dataOf(t.send(`00A404000F${toHex(SSSE_NAME)}`)));
    expect(fci.startsWith(`6F`)).toBe(true);
    expect(fci).toContain(`840F${toHex(SSSE_NAME)}`);
    expect(fci).toContain(`860${gen === '2g' ? '101' : '103'}`);
    const a5 = fci.indexOf('A5');
    expect(fci.slice(a5)).toMatch(/^A5..9F0C/);
  });

  test('02-commands GET CHALLENGE: Le 04/08 (2g), 04/08/10 (3g); other Le → 6700', () => {
    const { t } = fresh();
    expect(dataOf(t.send('0084000004')).length).toBe(4);
    expect(dataOf(t.send('0084000008')).length).toBe(8);
    expect(t.sw('0084000010')).toBe(gen === '3g' ? '9000' : '6700');
    expect(t.sw('0084000002')).toBe('6700');
    expect(t.sw('0084000000')).toBe('6700');
    expect(t.sw('0084010008')).toBe('6A86');
  });

  test('02-commands GET CHALLENGE: the challenge serves the next command only', () => {
    const { t } = fresh();
    t.send('0084000008');
    t.send('00B2012C00'); // any other command consumes it
    const block = gen === '2g' ? 8 : 16;
    const sessionForm = `00820004${(2 * block).toString(16)}${'00'.repeat(2 * block)}`;
    expect(t.sw(sessionForm)).toBe('6984');
    t.send('0084000008');
    expect(t.sw(sessionForm)).toBe('63C7'); // a challenge was pending: a try is spent
  });

  test('seeded cards give the same challenges; unseeded ones do not repeat', () => {
    const a = new Card(cardImage(gen), { seed: 42 });
    const b = new Card(cardImage(gen), { seed: 42 });
    const c = new Card(cardImage(gen));
    const d = new Card(cardImage(gen));
    const get = (card: Card) => toHex(card.transmit(hex('0084000008')));
    expect(get(a)).toBe(get(b));
    expect(get(c)).not.toBe(get(d));
  });

  test('reset clears the session: PIN status, current DF, pending challenge and response', () => {
    const { card, t } = fresh();
    expect(t.sw('0020000003123456')).toBe('9000');
    t.select('DF01');
    t.send('0084000008');
    card.reset();
    // back in the MF: EF05 by SFI is the SSSE's issuer data; DF01 data needs the PIN again
    expect(t.exchange('00B2012C00').data[0]).toBe(0x01);
    t.select('DF01');
    expect(t.sw('00B2012C00')).toBe('6982');
  });

  test('02-commands: an internal fault answers 6F00, leaves the image unchanged and is reported', () => {
    const faults: unknown[] = [];
    const card = new Card(cardImage(gen), {
      seed: 1,
      random: () => {
        throw new Error('entropy source broken');
      },
      onFault: (e) => faults.push(e),
    });
    const before = card.image;
    expect(toHex(card.transmit(hex('0084000008')))).toBe('6F00');
    expect(card.image).toBe(before);
    expect(faults).toHaveLength(1);
    expect(toHex(card.transmit(hex('00B2012C00'))).slice(-4)).toBe('9000');
  });

  test('a throwing onWrite or trace is reported, and transmit still answers (6581: not durable, 03 §v2)', () => {
    const faults: unknown[] = [];
    const card = new Card(cardImage(gen), {
      onWrite: () => {
        throw new Error('disk full');
      },
      trace: () => {
        throw new Error('log closed');
      },
      onFault: (e) => faults.push(e),
    });
    expect(toHex(card.transmit(hex('0020000003999999')))).toBe('6581');
    expect(faults.map((e) => (e as Error).message)).toEqual(['disk full', 'log closed']);
  });

  test('trace sees every exchange; onWrite only commands that changed the image', () => {
    const traced: string[] = [];
    const writes: unknown[] = [];
    const card = new Card(cardImage(gen), {
      seed: 1,
      trace: (c, r) => traced.push(`${toHex(c)}>${toHex(r)}`),
      onWrite: (img) => writes.push(img),
    });
    card.transmit(hex('00B2012C00'));
    expect(writes).toHaveLength(0);
    card.transmit(hex('0020000003999999'));
    expect(writes).toHaveLength(1);
    expect(writes[0]).toBe(card.image);
    expect(traced).toHaveLength(2);
    expect(traced[1]).toBe('0020000003999999>63C4');
  });

  test('CardTransport drives the card like a reader', async () => {
    const { card } = fresh();
    const transport = new CardTransport(card);
    expect(toHex(await transport.atr())).toBe(toHex(TEST_ATR));
    expect(toHex(await transport.transmit(hex('0020000000')))).toBe('63C5');
    expect(toHex(await transport.reset())).toBe(toHex(TEST_ATR));
    await transport.close();
  });
});
