/**
 * 10-terminal-api §*_HSM_Step1/Step2: a software encryption machine on the test master keys
 * gives the same answers as the PSAM, and the card receives the same bytes on both paths
 * (same card seed, same terminal random).
 */
import { describe, expect, test } from 'vitest';
import {
  formatHsmRequest,
  iReadCard,
  iReadCard_HSM_Step1,
  iReadCard_HSM_Step2,
  iReloadPIN,
  iReloadPIN_HSM_Step1,
  iReloadPIN_HSM_Step2,
  iUnblockPIN,
  iUnblockPIN_HSM_Step1,
  iUnblockPIN_HSM_Step2,
  iWriteCard,
  iWriteCard_HSM_Step1,
  iWriteCard_HSM_Step2,
  parseHsmRequest,
  RC,
  type SdkAnswer,
  SoftwareEncryptionMachine,
  testMasterKeys,
} from '../../src/index.js';
import { type SimReader, simReader } from '../sim-reader.js';

const CARD_INFO = '110100D1560000052611220000010000|A00000001|';
const machine = new SoftwareEncryptionMachine(testMasterKeys());
const fixedRandom = (n: number) => new Uint8Array(n).fill(0x5a);

/** Runs Step1, then Step2 with the machine's result while it asks (code 1). */
async function viaMachine(
  reader: SimReader,
  step1: (r: SimReader) => Promise<SdkAnswer>,
  step2: (r: SimReader, result: string) => Promise<SdkAnswer>,
): Promise<{ answer: SdkAnswer; requests: string[] }> {
  const requests: string[] = [];
  let a = await step1(reader);
  while (a.code === 1) {
    requests.push(a.out);
    const result = await machine.compute(parseHsmRequest(a.out));
    a = await step2(reader, Buffer.from(result).toString('hex'));
  }
  return { answer: a, requests };
}

async function traced(profile: 'ssc-2g-des' | 'ssc-3g-sm4', psam: string | null) {
  const apdus: string[] = [];
  const reader = await simReader(profile, psam, {
    seed: 7,
    trace: (c, r) => apdus.push(`${Buffer.from(c).toString('hex')} ${Buffer.from(r).toString('hex')}`),
  });
  reader.random = fixedRandom;
  apdus.length = 0; // the issuer's activation is not part of the comparison
  return { reader, apdus };
}

const CASES = [
  {
    name: 'iReadCard',
    psam: (r: SimReader) => iReadCard(r, 1, 1, CARD_INFO, 'SSSEEF06|08|09|$DF04EF05|81|84|$'),
    step1: (r: SimReader) => iReadCard_HSM_Step1(r, 1, CARD_INFO, 'SSSEEF06|08|09|$DF04EF05|81|84|$'),
    step2: iReadCard_HSM_Step2,
    psamName: 'psam-hospital',
  },
  {
    name: 'iWriteCard',
    psam: (r: SimReader) => iWriteCard(r, 1, CARD_INFO, 'DF04EF05|87|$', '20300101|$'),
    step1: (r: SimReader) => iWriteCard_HSM_Step1(r, 1, CARD_INFO, 'DF04EF05|87|$', '20300101|$'),
    step2: iWriteCard_HSM_Step2,
    psamName: 'psam-hospital',
  },
  {
    name: 'iReloadPIN',
    psam: (r: SimReader) => iReloadPIN(r, 1, CARD_INFO, '112233'),
    step1: (r: SimReader) => iReloadPIN_HSM_Step1(r, 1, CARD_INFO, '112233'),
    step2: iReloadPIN_HSM_Step2,
    psamName: 'psam-window',
  },
  {
    name: 'iUnblockPIN',
    psam: (r: SimReader) => iUnblockPIN(r, 1, CARD_INFO, '112233'),
    step1: (r: SimReader) => iUnblockPIN_HSM_Step1(r, 1, CARD_INFO, '112233'),
    step2: iUnblockPIN_HSM_Step2,
    psamName: 'psam-window',
  },
] as const;

describe('10-terminal-api HSM two-step variants', () => {
  for (const profile of ['ssc-2g-des', 'ssc-3g-sm4'] as const) {
    for (const c of CASES) {
      test(`${profile} ${c.name}: same answer and same card bytes as the PSAM path`, async () => {
        const viaPsam = await traced(profile, c.psamName);
        const psamAnswer = await c.psam(viaPsam.reader);
        const viaHsm = await traced(profile, null);
        const { answer, requests } = await viaMachine(viaHsm.reader, c.step1, c.step2);
        expect(psamAnswer.code).toBe(0);
        expect(answer).toEqual(psamAnswer);
        expect(requests.length).toBeGreaterThan(0);
        expect(viaHsm.apdus).toEqual(viaPsam.apdus);
      });
    }
  }

  test('step 1 names the operation, algorithm, PSAM key, master, factors, challenge and data', async () => {
    const { reader } = await traced('ssc-2g-des', null);
    const a = await iReadCard_HSM_Step1(reader, 1, CARD_INFO, 'DF04EF05|81|$');
    expect(a.code).toBe(1);
    const r = parseHsmRequest(a.out);
    expect(r).toMatchObject({
      operation: 'session-cryptogram',
      algorithm: '3des',
      psam: { usage: 0x28, id: 0x14 },
      master: 'MP-RK-DF04',
    });
    expect(r.factors.map((f) => Buffer.from(f).toString('hex'))).toEqual(['8660261122000001']);
    expect(r.challenge.length).toBe(8);
    expect(formatHsmRequest(r)).toBe(a.out);
    expect(a.out).toMatch(
      /^session-cryptogram\|3des\|28\/14\|MP-RK-DF04\|8660261122000001\|[0-9A-F]{16}\|(5A){8}\|$/,
    );
  });

  test('a wrong result from the machine fails at the card (−SW); step 2 without step 1 → −14', async () => {
    const { reader } = await traced('ssc-2g-des', null);
    expect((await iReadCard_HSM_Step1(reader, 1, CARD_INFO, 'DF04EF05|81|$')).code).toBe(1);
    const wrong = await iReadCard_HSM_Step2(reader, '0000000000000000');
    expect(wrong.code).toBe(-0x63c7); // EXTERNAL AUTHENTICATE: wrong cryptogram, 7 tries left
    expect((await iReadCard_HSM_Step2(reader, '00')).code).toBe(RC.badParameter);
    expect((await iWriteCard_HSM_Step2(reader, '00')).code).toBe(RC.badParameter);
  });

  test('a read of free items only needs no machine: step 1 answers at once (0)', async () => {
    const { reader } = await traced('ssc-3g-sm4', null);
    expect(await iReadCard_HSM_Step1(reader, 1, CARD_INFO, 'SSSEEF06|08|$')).toEqual({
      code: 0,
      out: '11010119900307001X|$',
    });
  });
});
