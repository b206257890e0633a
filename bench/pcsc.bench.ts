/**
 * APDU/s through pcscd + vpcd, measured with the C client pcsc_bench (07-vpcd.md), for
 * `cos-sim serve` against the echo floor card and Debian's vicc, all in one run with the same
 * APDUs. Goal: serve ≥ 80 % of the echo floor.
 */
import { startPcscd } from '../packages/conformance/src/pcsc/index.js';
import { type Figure, figureFromSamples, median } from './harness.js';
import { buildPcscBench, pcscBench } from './pcsc/pcsc-bench-tool.js';
import { echoPeer, type Peer, servePeer, viccPeer, waitForCard } from './pcsc/peers.js';

const READERS = { 35963: 'Virtual PCD 00 00', 35964: 'Virtual PCD 00 01' } as const;
type Port = keyof typeof READERS;
const APDUS = ['00A4000002EF05', '00B2012C00'];
/** Peers that answer in ~0.1 ms get many APDUs; those stuck at ~40 ms per APDU get few. */
const FAST = { warmup: 500, count: 3000, runs: 7 };
const SLOW = { warmup: 5, count: 30, runs: 3 };

/**
 * Runs two peers at once, one per reader, and alternates the samples between them, so the
 * drift of a shared machine hits both alike (their ratio is what the goal is about).
 */
async function measurePair(
  binary: string,
  starts: Record<Port, () => Promise<Peer> | Peer>,
  plan: typeof FAST,
): Promise<Record<Port, number[]>> {
  const ports = [35963, 35964] as const;
  const peers: Peer[] = [];
  try {
    for (const port of ports) peers.push(await starts[port]());
    for (const port of ports) await waitForCard(READERS[port], true);
    for (const port of ports) await pcscBench(binary, READERS[port], plan.warmup, APDUS);
    const samples: Record<Port, number[]> = { 35963: [], 35964: [] };
    for (let i = 0; i < plan.runs; i++) {
      for (const port of ports) {
        samples[port].push((await pcscBench(binary, READERS[port], plan.count, APDUS)).apdus_per_s);
      }
    }
    return samples;
  } finally {
    for (const peer of peers) await peer.stop();
    for (const port of ports) await waitForCard(READERS[port], false);
  }
}

export async function figures(): Promise<Figure[]> {
  const binary = await buildPcscBench();
  const pcscd = await startPcscd();
  try {
    const fast = await measurePair(
      binary,
      { 35963: () => servePeer(35963, true), 35964: () => echoPeer(35964) },
      FAST,
    );
    const slow = await measurePair(
      binary,
      { 35963: () => servePeer(35963, false), 35964: () => viccPeer(35964) },
      SLOW,
    );
    const [serve, floor, serveSlow, vicc] = [fast[35963], fast[35964], slow[35963], slow[35964]];
    const floorMedian = median(floor);
    const pct = (v: number) => `${((100 * v) / floorMedian).toPrecision(2)} % of the echo floor`;
    const unit = 'APDU/s';
    return [
      figureFromSamples(
        'pcsc.echo-floor',
        'PC/SC echo floor card (echo_vicc.py quick)',
        unit,
        floor,
        undefined,
        'trivial card, TCP_QUICKACK after each read/write: the fastest a vpcd card can be here',
      ),
      figureFromSamples(
        'pcsc.serve',
        'PC/SC cos-sim serve ssc-2g-des (quick-ack on)',
        unit,
        serve,
        { direction: 'min', target: Math.round(0.8 * floorMedian) },
        `${pct(median(serve))}; goal 80 % of the floor`,
      ),
      figureFromSamples(
        'pcsc.serve.no-quickack',
        'PC/SC cos-sim serve --no-quickack',
        unit,
        serveSlow,
        undefined,
        `${pct(median(serveSlow))}: vpcd's Nagle + our delayed ACK, ~40 ms per APDU`,
      ),
      figureFromSamples(
        'pcsc.vicc',
        "PC/SC Debian vicc (vsmartcard's emulator)",
        unit,
        vicc,
        undefined,
        `${pct(median(vicc))}; serve is ${(median(serve) / median(vicc)).toFixed(0)}× vicc`,
      ),
      figureFromSamples(
        'pcsc.serve.vs-floor',
        'PC/SC cos-sim serve / echo floor (sample by sample)',
        '%',
        serve.map((s, i) => (100 * s) / floor[i]!),
        { direction: 'min', target: 80 },
        `APDUs ${APDUS.join(' ')}; samples alternate between the two readers`,
      ),
    ];
  } finally {
    await pcscd.stop();
  }
}
