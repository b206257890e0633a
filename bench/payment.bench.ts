/**
 * Purchase figure (12-payment.md), next to the zone-open flow of flows.bench.ts: one purchase
 * through the terminal library's Passbook with the hospital PSAM, card and PSAM both simulated
 * in process behind CardTransport (T=0, GET RESPONSEs included). One purchase = INITIALIZE FOR
 * PURCHASE, PSAM SELECT DF01 + INIT SAM FOR PURCHASE (MAC1), DEBIT FOR PURCHASE (three staged
 * writes, one commit), PSAM CREDIT SAM FOR PURCHASE (MAC2). The session (SSSE, PIN, DF04) is
 * opened once, as at a pharmacy till. No goal: a new figure.
 */
// Relative imports: the workspace root does not depend on the packages (see crypto.bench.ts).

import {
  buildImage,
  Card,
  type CardImage,
  CardTransport,
  loadProfile,
} from '../packages/cos-sim/src/index.js';
import { Passbook, PsamKeySource, PsamPurchaseAuthority, Terminal } from '../packages/terminal/src/index.js';
import { type Figure, notMeasured, opsPerSecondAsync } from './harness.js';

/** The offline counter is 2 bytes: a fresh card well before it runs out. */
const PURCHASES_PER_CARD = 60_000;

/** The built-in card with a passbook that 1-fen purchases never empty. */
function richImage(profile: string): CardImage {
  const image = buildImage(loadProfile(profile));
  const rich = (df: CardImage['mf']): CardImage['mf'] => ({
    ...df,
    ...(df.passbook ? { passbook: { ...df.passbook, balance: 0xfffffff0 } } : {}),
    children: df.children.map((c) => (c.type === 'df' ? rich(c) : c)),
  });
  return { ...image, mf: rich(image.mf) };
}

interface Till {
  passbook: Passbook;
  psam: PsamPurchaseAuthority;
}

async function till(profile: string, psamProfile: string, trace?: () => void): Promise<Till> {
  const card = new Card(richImage(profile), { seed: 1, ...(trace ? { trace } : {}) });
  card.powerOn();
  const psamCard = new Card(buildImage(loadProfile(psamProfile)), trace ? { trace } : {});
  psamCard.powerOn();
  const cardT = new CardTransport(card);
  const psamT = new CardTransport(psamCard);
  const terminal = await Terminal.open(cardT, new PsamKeySource(psamT));
  await terminal.activateZone(0xdf04);
  return { passbook: await Passbook.open(terminal, cardT, '123456'), psam: new PsamPurchaseAuthority(psamT) };
}

async function purchaseFigure(profile: string, psamProfile: string): Promise<Figure> {
  const name = `terminal.purchase.${profile}`;
  const label = `purchase (12-payment), terminal library, card + PSAM in process (${profile})`;
  let apdus = 0;
  const counted = await till(profile, psamProfile, () => apdus++);
  apdus = 0;
  await counted.passbook.purchase(counted.psam, 1, '20261201093000');
  if (apdus === 0) return notMeasured(name, label, 'purchases/s', 'the purchase sent no APDU');
  const apdusPerPurchase = apdus;

  let t = await till(profile, psamProfile);
  let done = 0;
  return opsPerSecondAsync(
    name,
    label,
    async () => {
      if (++done % PURCHASES_PER_CARD === 0) t = await till(profile, psamProfile);
      await t.passbook.purchase(t.psam, 1, '20261201093000');
    },
    {
      opsPerRun: 5_000,
      unit: 'purchases/s',
      note: `${apdusPerPurchase} APDUs per purchase (card and PSAM, T=0 GET RESPONSEs included) with ${psamProfile}`,
    },
  );
}

export async function figures(): Promise<Figure[]> {
  return [
    await purchaseFigure('ssc-2g-des', 'psam-hospital@3des'),
    await purchaseFigure('ssc-3g-sm4', 'psam-hospital@sm4'),
  ];
}
