/** The terminal and lifecycle flows (vectors/flows.ts) as requirement cases. */

import type { ConformanceCase } from '../kit/case.js';
import { FLOWS } from '../vectors/flows.js';

export const flowCases: ConformanceCase[] = FLOWS.map((f) => ({
  id: `flow/${f.name}`,
  clause: f.clause,
  title: f.title,
  tags: f.irreversible ? ['destructive', 'irreversible'] : ['destructive'],
  run: (k) => f.run(k),
}));
