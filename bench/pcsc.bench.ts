/**
 * APDU/s through pcscd + vpcd, measured with the C client pcsc_bench (07-vpcd.md), for
 * `cos-sim serve` against the echo floor card and Debian's vicc, all in one run with the same
 * APDUs. Goal: serve ≥ 80 % of the echo floor. A missing tool or peer (gcc, pcscd, vicc) gives
 * "not measured" figures with the reason instead of failing the run.
 */
import { startPcscd } from '../packages/conformance/src/pcsc/index.js';
import { type Figure, figureFromSamples, median, notMeasured } from './harness.js';
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
  // Both readers must be empty first: a card another process serves on the same vpcd port
  // would answer in place of our peer (vpcd takes one card per port).
  for (const port of ports) {
    await waitForCard(READERS[port], false, 5_000).catch(() => {
      throw new Error(`${READERS[port]} is busy: another process serves a card on port ${port}`);
    });
  }
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

const firstLine = (e: unknown) => (e instanceof Error ? e.message : String(e)).split('\n')[0] ?? 'failed';
const FLOOR_GOAL = { direction: 'min', target: 80 } as const;

/** The goal's figures as "not measured" when pcscd, gcc or a peer is missing. */
function unmeasured(reason: string): Figure[] {
  return [
    notMeasured('pcsc.serve', 'PC/SC cos-sim serve ssc-2g-des (quick-ack on)', 'APDU/s', reason),
    notMeasured('pcsc.serve.vs-floor', 'PC/SC cos-sim serve / echo floor', '%', reason, FLOOR_GOAL),
  ];
}

export async function figures(): Promise<Figure[]> {
  let binary: string;
  try {
    binary = await buildPcscBench();
  } catch (e) {
    return unmeasured(`pcsc_bench could not be built (${firstLine(e)})`);
  }
  let pcscd: Awaited<ReturnType<typeof startPcscd>>;
  try {
    pcscd = await startPcscd();
  } catch (e) {
    return unmeasured(`pcscd unavailable (${firstLine(e)})`);
  }
  try {
    let fast: Record<Port, number[]>;
    try {
      fast = await measurePair(
        binary,
        { 35963: () => servePeer(35963, true), 35964: () => echoPeer(35964) },
        FAST,
      );
    } catch (e) {
      return unmeasured(`serve or echo floor peer failed (${firstLine(e)})`);
    }
    let slow: Record<Port, number[]> | null = null;
    let slowReason = '';
    try {
      slow = await measurePair(
        binary,
        { 35963: () => servePeer(35963, false), 35964: () => viccPeer(35964) },
        SLOW,
      );
    } catch (e) {
      slowReason = `vicc or --no-quickack peer failed (${firstLine(e)})`;
    }
    const [serve, floor] = [fast[35963], fast[35964]];
    const floorMedian = median(floor);
    const pct = (v: number) => {
      const p = (100 * v) / floorMedian;
      return `${p >= 10 ? p.toFixed(0) : p.toPrecision(2)} % of the echo floor`;
    };
    const unit = 'APDU/s';
    const viccRatio = slow ? `; ${(median(serve) / median(slow[35964])).toFixed(0)}× vicc` : '';
    const out = [
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
        `${pct(median(serve))}${viccRatio}; goal 80 % of the floor`,
      ),
    ];
    if (slow) {
      const [serveSlow, vicc] = [slow[35963], slow[35964]];
      out.push(
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
      );
    } else {
      out.push(notMeasured('pcsc.vicc', "PC/SC Debian vicc (vsmartcard's emulator)", unit, slowReason));
    }
    out.push(
      figureFromSamples(
        'pcsc.serve.vs-floor',
        'PC/SC cos-sim serve / echo floor (sample by sample)',
        '%',
        serve.map((s, i) => (100 * s) / floor[i]!),
        FLOOR_GOAL,
        `APDUs ${APDUS.join(' ')}; samples alternate between the two readers`,
      ),
    );
    return out;
  } finally {
    await pcscd.stop();
  }
}
