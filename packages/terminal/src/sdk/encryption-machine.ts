/**
 * A software encryption machine (加密机) for tests and for integrators without one: it holds
 * the master keys and answers the HSM requests of step 1 by the master-key source, the same
 * code that checks the PSAM (test/key-sources.test.ts). A real machine plugs in at the same
 * place: whatever computes `HsmRequest` → bytes.
 */
import type { CardIdentity } from '../key-source.js';
import { MasterKeySource, type MasterKeySourceOptions } from '../master-key-source.js';
import type { HsmRequest } from './hsm-request.js';

export interface EncryptionMachine {
  compute(request: HsmRequest): Promise<Uint8Array>;
}

export class SoftwareEncryptionMachine implements EncryptionMachine {
  private readonly source: MasterKeySource;

  constructor(masters: Readonly<Record<string, Uint8Array>>, options: MasterKeySourceOptions = {}) {
    this.source = new MasterKeySource(masters, options);
  }

  compute(r: HsmRequest): Promise<Uint8Array> {
    const card: CardIdentity = {
      algorithm: r.algorithm,
      cardFactor: r.factors[0]!,
      cityFactor: r.factors[1] ?? null,
    };
    const key = {
      df: 0,
      id: 0,
      family: r.factors.length === 2 ? ('ministry' as const) : ('province' as const),
      master: r.master,
      psam: r.psam,
    };
    switch (r.operation) {
      case 'session-cryptogram':
        return this.source.sessionCryptogram(key, card, r.challenge, r.data);
      case 'line-mac':
        return this.source.lineMac(key, card, r.challenge, r.data);
      case 'encrypt':
        return this.source.encrypt(key, card, r.data);
      case 'reload-pin-mac':
        return this.source.reloadPinMac(key, card, r.data);
    }
  }
}
