/**
 * Getting at one file of pFileAddr: its entry in the catalogue (or, for a file the catalogue
 * does not list, the rule 01-card.md gives every file of that DF: SSSE free to read, zones
 * PIN|KEY 01), the DF selected, and the key its rule names authenticated through the key
 * source (the PSAM: 05-psam.md terminal flow) — once per DF within one call.
 */
import { hexByte } from '@ssc-cos/apdu-codec';
import { KEY_ID } from '../card-keys.js';
import type { Terminal } from '../terminal.js';
import { type Catalogue, type FileSpec, findFile, ruleKey, SSSE } from './catalogue.js';
import type { FileAddress } from './file-address.js';

export function fileSpecOf(catalogue: Catalogue, file: FileAddress): FileSpec {
  return (
    findFile(catalogue, file.df, file.ef) ?? {
      df: file.df,
      ef: file.ef,
      sfi: file.ef & 0xff,
      structure: 'variable',
      read: file.df === SSSE ? 'FREE' : `PIN|KEY ${hexByte(KEY_ID.zoneRead)}`,
      write:
        file.df === SSSE ? `KEY ${hexByte(KEY_ID.updateBasicData)}` : `KEY ${hexByte(KEY_ID.zoneUpdate)}`,
      items: [],
    }
  );
}

/** Keys authenticated in this call, per DF (a SELECT of another DF drops them: 03-security.md). */
export class FileAccess {
  private authenticated: { df: number; key: number } | null = null;

  constructor(private readonly t: Terminal) {}

  async enter(spec: FileSpec, access: 'read' | 'write'): Promise<void> {
    const key = ruleKey(access === 'read' ? spec.read : spec.write);
    if (key === null) {
      if (this.authenticated?.df !== spec.df) {
        await this.t.selectDf(spec.df);
        this.authenticated = null;
      }
      return;
    }
    if (this.authenticated?.df === spec.df && this.authenticated.key === key) return;
    await this.t.authenticate(spec.df, key);
    this.authenticated = { df: spec.df, key };
  }
}
