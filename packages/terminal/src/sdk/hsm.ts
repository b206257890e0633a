/**
 * The `*_HSM_Step1/Step2` variants (10-terminal-api.md): the same functions with an
 * encryption machine instead of the PSAM. Step 1 starts the function over a key source that
 * stops at the first cryptogram it needs and hands the request out (return 1, out = the
 * request); Step 2 takes the machine's result (hex) and lets the function go on, to the next
 * request (1 again: an unblock needs a cipher then a MAC) or to its answer (0). The card
 * session stays open between the steps; the flow is the PSAM path's own code, so both paths
 * send the card the same bytes.
 */
import { fromHex } from '@ssc-cos/apdu-codec';
import type { CardKeyRef } from '../card-keys.js';
import { type CardIdentity, factorsOf, type KeySource } from '../key-source.js';
import type { SdkAnswer } from './answer.js';
import { parseCardInfo } from './card-info.js';
import { formatBlocks } from './file-address.js';
import { formatHsmRequest, type HsmOperation, type HsmRequest } from './hsm-request.js';
import { reloadPin, unblockPin } from './pin.js';
import { readCard, readCardRequest } from './read-card.js';
import { parseIType, type Reader } from './reader.js';
import { RC, SdkError, toSdkError } from './return-codes.js';
import type { SdkFunction, SdkOptions } from './sdk-function.js';
import { writeCard, writeCardRequest } from './write-card.js';

export type HsmStep = { request: HsmRequest } | { done: string };

type Event = { request: HsmRequest } | { done: string } | { error: unknown };

/** One function run in progress, stopped at a request. */
class HsmRun {
  private events: Event[] = [];
  private wake: (() => void) | null = null;
  private result: { resolve: (b: Uint8Array) => void; reject: (e: unknown) => void } | null = null;

  constructor(
    readonly functionName: string,
    run: (keys: KeySource) => Promise<string>,
  ) {
    run(this.bridge()).then(
      (done) => this.emit({ done }),
      (error) => this.emit({ error }),
    );
  }

  async next(): Promise<HsmStep> {
    while (this.events.length === 0) await new Promise<void>((r) => (this.wake = r));
    const e = this.events.shift()!;
    if ('error' in e) throw e.error;
    return e;
  }

  supply(bytes: Uint8Array): void {
    const r = this.result;
    if (r === null) throw new SdkError(RC.badParameter, 'no HSM request is waiting for a result');
    this.result = null;
    r.resolve(bytes);
  }

  abandon(): void {
    this.result?.reject(new SdkError(RC.badParameter, 'HSM step abandoned'));
    this.result = null;
  }

  private emit(e: Event): void {
    this.events.push(e);
    this.wake?.();
    this.wake = null;
  }

  private ask(
    operation: HsmOperation,
    key: CardKeyRef,
    card: CardIdentity,
    challenge: Uint8Array,
    data: Uint8Array,
  ): Promise<Uint8Array> {
    const request: HsmRequest = {
      operation,
      algorithm: card.algorithm,
      psam: key.psam,
      master: key.master,
      factors: factorsOf(key, card),
      challenge: challenge.slice(),
      data: data.slice(),
    };
    return new Promise<Uint8Array>((resolve, reject) => {
      this.result = { resolve, reject };
      this.emit({ request });
    });
  }

  private bridge(): KeySource {
    const none = new Uint8Array(0);
    return {
      name: 'encryption machine',
      sessionCryptogram: (key, card, challenge, x) => this.ask('session-cryptogram', key, card, challenge, x),
      lineMac: (key, card, iv, message) => this.ask('line-mac', key, card, iv, message),
      encrypt: (key, card, blocks) => this.ask('encrypt', key, card, none, blocks),
      reloadPinMac: (key, card, pin) => this.ask('reload-pin-mac', key, card, none, pin),
    };
  }
}

const runs = new WeakMap<Reader, HsmRun>();

/** Step 1 of the typed face: starts `run` with the encryption machine as its key source. */
export function hsmStart(
  reader: Reader,
  functionName: string,
  run: (keys: KeySource) => Promise<string>,
): Promise<HsmStep> {
  runs.get(reader)?.abandon();
  const r = new HsmRun(functionName, run);
  runs.set(reader, r);
  return settle(reader, r);
}

/** Step 2 of the typed face: the machine's result for the request step 1 (or the last step 2) gave. */
export function hsmContinue(reader: Reader, functionName: string, result: Uint8Array): Promise<HsmStep> {
  const r = runs.get(reader);
  if (r === undefined || r.functionName !== functionName)
    throw new SdkError(
      RC.badParameter,
      `no ${functionName.replace(/Step2$/, 'Step1')} in progress on this reader`,
    );
  r.supply(result);
  return settle(reader, r);
}

async function settle(reader: Reader, r: HsmRun): Promise<HsmStep> {
  try {
    const step = await r.next();
    if ('done' in step) runs.delete(reader);
    return step;
  } catch (e) {
    runs.delete(reader);
    throw e;
  }
}

/** Both steps with a machine in process (tests, and integrators with a software machine). */
export async function withEncryptionMachine(
  reader: Reader,
  functionName: string,
  machine: { compute(r: HsmRequest): Promise<Uint8Array> },
  run: (keys: KeySource) => Promise<string>,
): Promise<string> {
  let step = await hsmStart(reader, functionName, run);
  while ('request' in step)
    step = await hsmContinue(reader, functionName, await machine.compute(step.request));
  return step.done;
}

async function stepAnswer(step: () => Promise<HsmStep>): Promise<SdkAnswer> {
  try {
    const s = await step();
    return 'request' in s ? { code: 1, out: formatHsmRequest(s.request) } : { code: 0, out: s.done };
  } catch (e) {
    const err = toSdkError(e);
    return { code: err.code, out: err.message };
  }
}

function resultBytes(pResult: string): Uint8Array {
  if (!/^([0-9A-Fa-f]{2})+$/.test(pResult))
    throw new SdkError(RC.badParameter, `the encryption machine's result must be hex, not "${pResult}"`);
  return fromHex(pResult);
}

function step2(name: string): (reader: Reader, pResult: string) => Promise<SdkAnswer> {
  return (reader, pResult) => stepAnswer(async () => hsmContinue(reader, name, resultBytes(pResult)));
}

// ---- the SDK names ---------------------------------------------------------------------------

export function iReadCard_HSM_Step1(
  reader: Reader,
  iType: number | string,
  pCardInfo: string,
  pFileAddr: string,
  options: SdkOptions = {},
): Promise<SdkAnswer> {
  return stepAnswer(async () => {
    const req = readCardRequest(iType, pCardInfo, pFileAddr);
    return hsmStart(reader, 'iReadCard_HSM', async (keys) =>
      formatBlocks(await readCard(reader, req, { ...options, keys })),
    );
  });
}
export const iReadCard_HSM_Step2 = step2('iReadCard_HSM');

export function iWriteCard_HSM_Step1(
  reader: Reader,
  iType: number | string,
  pCardInfo: string,
  pFileAddr: string,
  pWriteData: string,
  options: SdkOptions = {},
): Promise<SdkAnswer> {
  return stepAnswer(async () => {
    const req = writeCardRequest(iType, pCardInfo, pFileAddr, pWriteData);
    return hsmStart(reader, 'iWriteCard_HSM', async (keys) => {
      await writeCard(reader, req, { ...options, keys });
      return '';
    });
  });
}
export const iWriteCard_HSM_Step2 = step2('iWriteCard_HSM');

/** Step 1 of a service-window PIN operation (reload, unblock) with the machine as key source. */
function pinStep1(
  name: string,
  operation: typeof reloadPin,
): (reader: Reader, iType: number | string, pCardInfo: string, newPin: string) => Promise<SdkAnswer> {
  return (reader, iType, pCardInfo, newPin) =>
    stepAnswer(async () => {
      const it = parseIType(iType);
      const info = parseCardInfo(pCardInfo);
      return hsmStart(reader, name, async (keys) => {
        await operation(reader, it, info, newPin, { keys });
        return '';
      });
    });
}

export const iReloadPIN_HSM_Step1 = pinStep1('iReloadPIN_HSM', reloadPin);
export const iReloadPIN_HSM_Step2 = step2('iReloadPIN_HSM');
export const iUnblockPIN_HSM_Step1 = pinStep1('iUnblockPIN_HSM', unblockPin);
export const iUnblockPIN_HSM_Step2 = step2('iUnblockPIN_HSM');

export const HSM_FUNCTIONS: readonly SdkFunction[] = [
  {
    name: 'iReadCard_HSM_Step1',
    params: ['iType', 'pCardInfo', 'pFileAddr'],
    call: (reader, [iType, info, addr], options) =>
      iReadCard_HSM_Step1(reader, iType!, info!, addr!, options),
  },
  {
    name: 'iReadCard_HSM_Step2',
    params: ['pResult'],
    call: (reader, [r]) => iReadCard_HSM_Step2(reader, r!),
  },
  {
    name: 'iWriteCard_HSM_Step1',
    params: ['iType', 'pCardInfo', 'pFileAddr', 'pWriteData'],
    call: (reader, [iType, info, addr, data], options) =>
      iWriteCard_HSM_Step1(reader, iType!, info!, addr!, data!, options),
  },
  {
    name: 'iWriteCard_HSM_Step2',
    params: ['pResult'],
    call: (reader, [r]) => iWriteCard_HSM_Step2(reader, r!),
  },
  {
    name: 'iReloadPIN_HSM_Step1',
    params: ['iType', 'pCardInfo', 'pNewPin'],
    call: (reader, [iType, info, pin]) => iReloadPIN_HSM_Step1(reader, iType!, info!, pin!),
  },
  {
    name: 'iReloadPIN_HSM_Step2',
    params: ['pResult'],
    call: (reader, [r]) => iReloadPIN_HSM_Step2(reader, r!),
  },
  {
    name: 'iUnblockPIN_HSM_Step1',
    params: ['iType', 'pCardInfo', 'pNewPin'],
    call: (reader, [iType, info, pin]) => iUnblockPIN_HSM_Step1(reader, iType!, info!, pin!),
  },
  {
    name: 'iUnblockPIN_HSM_Step2',
    params: ['pResult'],
    call: (reader, [r]) => iUnblockPIN_HSM_Step2(reader, r!),
  },
];
