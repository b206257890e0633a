/**
 * Terminal flow figure (05-psam.md §Terminal flow): a zone opened and read through the terminal
 * library, with the card and the hospital PSAM both simulated in process behind the async
 * `Transport` (CardTransport), so every APDU goes through T=0 GET RESPONSE handling exactly as
 * on a reader. Goal: ≥ 20,000 flows/s.
 *
 * One flow = openZone(DF04) (card GET CHALLENGE, PSAM SELECT DF01 + BFDE + 80FA, card
 * EXTERNAL AUTHENTICATE, each with its GET RESPONSE) + READ RECORD DF04 EF05 record 1. The
 * terminal and both cards are opened once: the flow is what a kiosk repeats per cardholder visit.
 */
// Relative imports: the workspace root does not depend on the packages (see crypto.bench.ts).

import { buildImage, Card, CardTransport, loadProfile } from '../packages/cos-sim/src/index.js';
import { PsamKeySource, Terminal } from '../packages/terminal/src/index.js';
import { type Figure, notMeasured, opsPerSecondAsync } from './harness.js';

const DF04 = 0xdf04;
const SFI_EF05 = 0x05;
const GOAL = { direction: 'min', target: 20_000 } as const;

function transportFor(profile: string, seed: number, trace?: () => void): CardTransport {
  const card = new Card(buildImage(loadProfile(profile)), { seed, ...(trace ? { trace } : {}) });
  card.powerOn();
  return new CardTransport(card);
}

/** A terminal over a fresh card and PSAM, DF04 activated (it is issued blocked, 03-security). */
export async function terminalFor(
  cardProfile: string,
  psamProfile: string,
  trace?: () => void,
): Promise<Terminal> {
  const psam = new PsamKeySource(transportFor(psamProfile, 2, trace));
  const t = await Terminal.open(transportFor(cardProfile, 1, trace), psam);
  await t.activateZone(DF04);
  return t;
}

export async function openAndRead(t: Terminal): Promise<void> {
  await t.openZone(DF04);
  const record = await t.readRecord(SFI_EF05, { record: 1 });
  if (record[0] !== 0x81) throw new Error('DF04 EF05 record 1 is not 81 ..');
}

async function flowFigure(cardProfile: string, psamProfile: string): Promise<Figure> {
  const name = `terminal.zone-open-read.${cardProfile}`;
  const label = `zone open + read, terminal library, card + PSAM in process (${cardProfile})`;
  // APDUs per flow counted on a separate, traced pair, so the timed pair does no tracing work.
  let apdus = 0;
  const counted = await terminalFor(cardProfile, psamProfile, () => apdus++);
  apdus = 0;
  await openAndRead(counted);
  const apdusPerFlow = apdus;
  if (apdusPerFlow === 0) return notMeasured(name, label, 'flows/s', 'flow sent no APDU', GOAL);

  const t = await terminalFor(cardProfile, psamProfile);
  return opsPerSecondAsync(name, label, () => openAndRead(t), {
    opsPerRun: 20_000,
    goal: GOAL,
    unit: 'flows/s',
    note: `${apdusPerFlow} APDUs per flow (card and PSAM, T=0 GET RESPONSEs included) with ${psamProfile}`,
  });
}

export async function figures(): Promise<Figure[]> {
  return [
    await flowFigure('ssc-2g-des', 'psam-hospital@3des'),
    await flowFigure('ssc-3g-sm4', 'psam-hospital@sm4'),
  ];
}
