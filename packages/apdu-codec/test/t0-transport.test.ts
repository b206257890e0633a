/**
 * The T=0 helper against a tiny fake card (01-card "Transport behaviour": 61xx → GET RESPONSE,
 * 6Cxx → re-issue with the right Le; 02-commands GET RESPONSE).
 */
import { fc, test } from '@fast-check/vitest';
import { describe, expect } from 'vitest';
import { ApduError, fromHex, T0Transport, type Transport, toHex } from '../src/index.js';

const ATR = fromHex('3B6D000000905431168660261122000001');

/** A scripted card: each command (hex) maps to its answers, consumed in order; it logs what it got. */
class ScriptedCard implements Transport {
  readonly sent: string[] = [];
  resets = 0;
  closed = false;
  constructor(private readonly script: Record<string, string[]>) {}
  async transmit(command: Uint8Array): Promise<Uint8Array> {
    const hex = toHex(command);
    this.sent.push(hex);
    const answer = this.script[hex]?.shift();
    return fromHex(answer ?? '6D00');
  }
  async reset(): Promise<Uint8Array> {
    this.resets++;
    return ATR;
  }
  async atr(): Promise<Uint8Array> {
    return ATR;
  }
  async close(): Promise<void> {
    this.closed = true;
  }
}

/**
 * A T=0 card that answers one command with `data`: 61xx announcing min(left, 256) bytes
 * (61 00 = 256), and GET RESPONSE with at most Le bytes, 61yy for the rest (02-commands).
 */
class ChunkingCard implements Transport {
  private pending: Uint8Array = new Uint8Array(0);
  getResponses = 0;
  constructor(private readonly data: Uint8Array) {}
  private announce(): Uint8Array {
    if (this.pending.length === 0) return Uint8Array.of(0x90, 0x00);
    return Uint8Array.of(0x61, Math.min(this.pending.length, 256) & 0xff);
  }
  async transmit(command: Uint8Array): Promise<Uint8Array> {
    if (command[1] !== 0xc0) {
      this.pending = this.data;
      return this.announce();
    }
    this.getResponses++;
    const le = command[4] === 0 ? 256 : command[4]!;
    const chunk = this.pending.subarray(0, le);
    this.pending = this.pending.subarray(chunk.length);
    const sw = this.announce();
    const out = new Uint8Array(chunk.length + 2);
    out.set(chunk);
    out.set(sw, chunk.length);
    return out;
  }
  async reset(): Promise<Uint8Array> {
    return ATR;
  }
  async atr(): Promise<Uint8Array> {
    return ATR;
  }
  async close(): Promise<void> {}
}

describe('T=0 helper', () => {
  test('01-card T0: SELECT answers 61xx, GET RESPONSE fetches the FCI; the caller sees FCI ‖ 9000', async () => {
    const card = new ScriptedCard({
      '00A404000F7378312E73682EC9E7BBE1B1A3D5CF': ['6104'],
      '00C0000004': ['6F028400' + '9000'],
    });
    const t0 = new T0Transport(card);
    const resp = await t0.transmit(fromHex('00A404000F7378312E73682EC9E7BBE1B1A3D5CF'));
    expect(toHex(resp)).toBe('6F0284009000');
    expect(card.sent).toEqual(['00A404000F7378312E73682EC9E7BBE1B1A3D5CF', '00C0000004']);
  });

  test('02-commands GET RESPONSE: a smaller Le leaves 61yy; the helper chains until 9000', async () => {
    const card = new ScriptedCard({
      '80FA000008AABBCCDDEEFF0011': ['6108'],
      '00C0000008': ['11223344' + '6104'],
      '00C0000004': ['55667788' + '9000'],
    });
    const resp = await new T0Transport(card).transmit(fromHex('80FA000008AABBCCDDEEFF0011'));
    expect(toHex(resp)).toBe('11223344556677889000');
    expect(card.sent).toHaveLength(3);
  });

  test('01-card T0: a case 2 read with the wrong Le answers 6Cxx and is re-issued with Le = xx', async () => {
    const card = new ScriptedCard({
      '00B2012C10': ['6C12'],
      '00B2012C12': ['0110110100D15600000526112200000100009000'],
    });
    const resp = await new T0Transport(card).transmit(fromHex('00B2012C10'));
    expect(toHex(resp)).toBe('0110110100D15600000526112200000100009000');
    expect(card.sent).toEqual(['00B2012C10', '00B2012C12']);
  });

  test('ISO 7816-4 §5.3.4: 6Cxx to a command without a short Le is handed to the caller', async () => {
    const card = new ScriptedCard({ '00D6000001AA': ['6C05'] });
    const resp = await new T0Transport(card).transmit(fromHex('00D6000001AA'));
    expect(toHex(resp)).toBe('6C05');
    expect(card.sent).toHaveLength(1);
  });

  test('02-commands: an error SW after GET RESPONSE ends the exchange with that SW', async () => {
    const card = new ScriptedCard({ '0084000008': ['6108'], '00C0000008': ['6985'] });
    expect(toHex(await new T0Transport(card).transmit(fromHex('0084000008')))).toBe('6985');
  });

  test('a card that never stops answering 61xx → ApduError transport after maxRounds', async () => {
    const endless: Transport = {
      transmit: async () => fromHex('AA6101'),
      reset: async () => ATR,
      atr: async () => ATR,
      close: async () => {},
    };
    const err = await new T0Transport(endless, { maxRounds: 5 })
      .transmit(fromHex('00C0000001'))
      .catch((e) => e);
    expect(err).toBeInstanceOf(ApduError);
    expect((err as ApduError).code).toBe('transport');
  });

  test('Transport: reset, atr and close are passed through', async () => {
    const card = new ScriptedCard({});
    const t0 = new T0Transport(card);
    expect(await t0.reset()).toEqual(ATR);
    expect(await t0.atr()).toEqual(ATR);
    await t0.close();
    expect(card.resets).toBe(1);
    expect(card.closed).toBe(true);
  });

  test.prop([fc.uint8Array({ minLength: 1, maxLength: 2000 })])(
    '01-card T0: any response length is reassembled whole from 61xx chunks',
    async (data) => {
      const card = new ChunkingCard(data);
      const resp = await new T0Transport(card).transmit(fromHex('80FA000000'));
      expect(toHex(resp)).toBe(`${toHex(data)}9000`);
      expect(card.getResponses).toBe(Math.ceil(data.length / 256));
    },
  );
});
