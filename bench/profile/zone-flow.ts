/**
 * Profiling target (not a bench file): the terminal flow of flows.bench.ts (open DF04 with the
 * hospital PSAM, read EF05 record 1), card and PSAM in process, for `node --cpu-prof` (see
 * sm-read.ts for the commands).
 */
import { openAndRead, terminalFor } from '../flows.bench.js';

const [cardProfile = 'ssc-2g-des', flowsText = '50000'] = process.argv.slice(2);
const psamProfile = `psam-hospital@${cardProfile === 'ssc-3g-sm4' ? 'sm4' : '3des'}`;
const t = await terminalFor(cardProfile, psamProfile);
const flows = Number(flowsText);
const t0 = process.hrtime.bigint();
for (let i = 0; i < flows; i++) await openAndRead(t);
const seconds = Number(process.hrtime.bigint() - t0) / 1e9;
console.log(`${cardProfile}: ${flows} flows in ${seconds.toFixed(2)} s = ${(flows / seconds).toFixed(0)}/s`);
