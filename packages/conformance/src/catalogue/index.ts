/** The requirement catalogue: every case, built for one card description. */
import type { CardDescription } from '../description/card-description.js';
import type { ConformanceCase } from '../kit/case.js';
import { accessCases } from './access-cases.js';
import { codecCases } from './codec-cases.js';
import { commandCases } from './commands-cases.js';
import { filesystemCases } from './filesystem-cases.js';
import { flowCases } from './flow-cases.js';
import { keyCases } from './key-cases.js';
import { lifecycleCases } from './lifecycle-cases.js';
import { paymentCases } from './payment-cases.js';
import { paymentPropertyCase } from './payment-property.js';
import { pinCases } from './pin-cases.js';
import { pkiCases } from './pki-cases.js';
import { pkiPinStatesCase } from './pki-pin-states-case.js';
import { type PropertyOptions, propertyCases } from './property-cases.js';
import { psamCases } from './psam-cases.js';
import { securityV2Cases } from './security-v2-cases.js';
import { smCases } from './sm-cases.js';
import { terminalApiCases } from './terminal-api-cases.js';

export function buildCatalogue(card: CardDescription, properties: PropertyOptions): ConformanceCase[] {
  return [
    ...codecCases,
    ...commandCases,
    ...filesystemCases,
    ...accessCases(card),
    ...pinCases,
    ...keyCases,
    ...smCases,
    ...securityV2Cases,
    ...lifecycleCases,
    ...psamCases,
    ...flowCases,
    ...terminalApiCases,
    ...paymentCases,
    paymentPropertyCase(properties),
    ...pkiCases,
    pkiPinStatesCase(properties),
    ...propertyCases(properties),
  ];
}

export type { ConformanceCase, Tag } from '../kit/case.js';
