/**
 * Every SDK function, by name: what the CLI's subcommands and the HTTP service's endpoints
 * are made of. A new family (a file exporting its SdkFunction list) is one line here.
 */
import { CERTIFICATE_FUNCTIONS } from './certificates.js';
import { DEBIT_FUNCTIONS } from './debit.js';
import { HSM_FUNCTIONS } from './hsm.js';
import { PIN_FUNCTIONS } from './pin.js';
import { READ_CARD_FUNCTIONS } from './read-card.js';
import { READ_CARD_BASIC_FUNCTIONS } from './read-card-basic.js';
import { READER_INFO_FUNCTIONS } from './reader-info.js';
import type { SdkFunction } from './sdk-function.js';
import { WRITE_CARD_FUNCTIONS } from './write-card.js';

export const SDK_FUNCTIONS: readonly SdkFunction[] = [
  ...READ_CARD_BASIC_FUNCTIONS,
  ...READ_CARD_FUNCTIONS,
  ...WRITE_CARD_FUNCTIONS,
  ...PIN_FUNCTIONS,
  ...READER_INFO_FUNCTIONS,
  ...HSM_FUNCTIONS,
  ...DEBIT_FUNCTIONS,
  ...CERTIFICATE_FUNCTIONS,
];

export function findSdkFunction(name: string): SdkFunction | undefined {
  return SDK_FUNCTIONS.find((f) => f.name === name);
}
