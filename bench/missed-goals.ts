/**
 * What limits each figure whose goal can be missed on this machine, and what was tried: run.ts
 * writes a section per missed goal under the table of docs/benchmarks.md, from this table
 * (keyed by figure-name prefix) and the figure measured in that run. Findings come from
 * `node --cpu-prof` runs of bench/profile/*.ts (2 shared vCPUs, 2026-11-23).
 */
import type { Figure } from './harness.js';

interface Explanation {
  limits: string;
  tried: string;
}

const EXPLANATIONS: [prefix: string, Explanation][] = [
  [
    'card.read-record-sm.ssc-2g-des',
    {
      limits:
        'CPU profile of bench/profile/sm-read.ts: ~57 % of the time is inside OpenSSL `Cipher.update` ' +
        "through Node's binding. Each +SM read runs two 3DES retail MACs (check the command's, " +
        "compute the response's), each two OpenSSL calls (single-DES CBC, then one EDE block) at " +
        '~1.5 µs per call whatever the length: ~6 µs of 10 µs per read before any engine work. ' +
        'The engine itself (dispatch, signResponse, withStatus, MAC scratch) is ~20 %. The SM4 card, ' +
        'whose MAC runs in TypeScript, reaches 2-2.5× this rate.',
      tried:
        'Measured with and without tracing (off: no trace work). The cipher cache already reuses ' +
        'OpenSSL objects per key (crypto.3des.block.cached); DES may not be hand-written (house rule), ' +
        'so the remaining lever is fewer OpenSSL calls per MAC (e.g. one CBC call over all blocks under ' +
        'the EDE key with the single-DES chain recomputed), which is crypto-module work, not bench work. ' +
        'On a quiet machine the loop reaches ~95,000 reads/s (sm-read.ts, 300,000 reads).',
    },
  ],
  [
    'terminal.zone-open-read',
    {
      limits:
        'Each flow is 12 APDUs over two simulated devices through the async Transport and the T=0 ' +
        'GET RESPONSE helper (~20 promise hops per flow). CPU profile (bench/profile/zone-flow.ts): ' +
        'GC ~11 %, `randomFillSync` ~11 % (the terminal draws X with node:crypto `randomBytes` per ' +
        'flow), the cipher cache ~9 % + SM4 key schedule ~2 % (the session key SK = DIV(K, R) is ' +
        'new for every flow, so every lookup misses and hashes the key by value), APDU link and ' +
        'T=0 helper ~10 %, and the card committing its try counter twice on EXTERNAL AUTHENTICATE ' +
        '(spent, then given back; the DF path copy is remembered, engine/transaction.ts setTriesLeft).',
      tried:
        'Counting APDUs on a separate traced pair so the timed pair runs with tracing off. Not tried ' +
        '(outside bench/): a pooled random source in the terminal, a non-allocating SM4 key schedule ' +
        'for one-shot session keys. Not to do: skipping the counter write when the counter is full ' +
        '(the try must be committed before the check, 03-security.md §v2).',
    },
  ],
  [
    'memory.images-100k',
    {
      limits:
        'An image is 68 Uint8Arrays and ~100 plain objects (899 bytes of data). V8 spends ~220 bytes ' +
        'of heap on each small Uint8Array (typed array + ArrayBuffer headers), so headers, not ' +
        'data, make the ~10 KiB per card; 25 of the arrays (ATR and the 24 diversified keys) differ ' +
        'from card to card.',
      tried:
        'Sharing every subtree byte-equal to a template image (the `interned` figure; safe because ' +
        'images are immutable) saves only ~10 %, since the per-card keys dominate. What would fix ' +
        'it is in cos-sim, not bench: keys of a DF packed in one buffer, or the image holding key ' +
        'values as subarray views of one per-card ArrayBuffer (a view still costs ~70 bytes).',
    },
  ],
  [
    'cli.cold-start.pnpm',
    {
      limits:
        '`pnpm --version` alone takes ~400-600 ms here (pnpm is itself a Node program), and `pnpm cos-sim` ' +
        "then execs node with tsx's loader on the TypeScript source: two Node starts and a transform " +
        'before the card answers, so this path cannot meet 500 ms here even on a quiet machine.',
      tried:
        'The root script runs `exec node --import tsx` (no sh, no tsx CLI re-spawning node: one Node ' +
        'start fewer than before). The fast path is the compiled bin (`pnpm exec cos-sim`, ' +
        'node_modules/.bin/cos-sim, `npx cos-sim` from a tarball: the cli.cold-start.compiled figure, ' +
        'goal 250 ms); `pnpm cos-sim` stays the no-build path for the source.',
    },
  ],
  [
    'cli.cold-start.node',
    {
      limits:
        "Node start (~80 ms) + tsx's loader (~110 ms) + transforming and loading cos-sim's modules " +
        '(yargs, profile loader, engine) before the one APDU: ~430 ms on a quiet machine, so little ' +
        'margin; under load every part stretches (compare the floors of the same run: node -e 0 and ' +
        'node + tsx on an empty module).',
      tried:
        'Warm transform cache (one unmeasured run first), median of 7. exec loads only what it ' +
        'needs (no yargs for a plain `exec --profile P`, no other command, no SM2, no iconv-lite), ' +
        'which also means fewer modules to transform. The compiled CLI (cli.cold-start.compiled) ' +
        'needs no transform at all and takes a fraction of the time.',
    },
  ],
  [
    'cli.cold-start.compiled',
    {
      limits:
        "Node's own start (node -e 0, the same run's floor) plus Node 20's ES module loader on the " +
        '~140 modules of the card, its command handlers, the profile reader and the codec: CPU ' +
        'profile of the bin: resolving ~430 import statements (URL handling, realpath through the ' +
        "workspace's symlinks) and reading each file cost more than running them; then the " +
        'profile is validated and the image built (~15-20 ms, first OpenSSL use included) before ' +
        'the one APDU. Measured at 2.6-2.9× node -e 0 (before issue 13: 4.7-5.3×) on the shared ' +
        "2-vCPU machine under load (2026-12-02); pnpm's sh shim (node_modules/.bin) adds its own " +
        'uname and sed processes, and under load every part stretches.',
      tried:
        'Issue 13: each command module loads its code only when it runs (cli/*-command.ts); a plain ' +
        '`exec` is parsed without yargs (apdu-codec cli-direct-args.ts: yargs alone was ~60 ms); ' +
        'SM2 (sm-crypto-v2 and @noble, ~15-20 ms) is required on first use; GBK text is encoded ' +
        "from Node's own decoder table instead of iconv-lite's (~25 ms of table building), with " +
        'iconv-lite kept for what the two do not provably agree on. Together ~2× faster than ' +
        "before; test/lazy-loading.test.ts keeps them off exec's path. V8 flags measured without " +
        'gain (--max-semi-space-size, --no-sparkplug). Not done: Node 22 compile cache (Node 20 has ' +
        'none) or bundling (the bin runs the tsc -b output as it is).',
    },
  ],
  [
    'crypto.3des.',
    {
      limits:
        'Same floor as the 2g +SM read: a 3DES retail MAC is two OpenSSL calls at ~1.5 µs each through ' +
        "Node's binding, plus building the MAC input; DES may not be hand-written.",
      tried: 'Cipher objects cached per key (crypto.3des.block.cached); see docs/crypto.md.',
    },
  ],
  [
    'pcsc.',
    {
      limits:
        "Through pcscd + vpcd the ratio to the echo floor depends on both peers' scheduling on a " +
        'shared machine: samples alternate between readers, but a burst of load on one sample moves it.',
      tried: 'Re-run `pnpm bench pcsc`: docs/pcsc.md records 94 % of the floor on an earlier run.',
    },
  ],
];

/** What `node --cpu-prof` showed for the card's +SM read, written whether or not its goal is met. */
export const SM_READ_PROFILE = `- ssc-2g-des (3DES): ~57 % of the samples in OpenSSL \`Cipher.update\` (4 calls per read: two
  retail MACs of two calls each), ~5 % each for the MAC scratch helpers, ~3.5 % \`signResponse\`,
  ~3.4 % \`dispatch\`, ~3 % \`withStatus\` (response assembly), ~2 % GC. Unprofiled: ~95,000 reads/s.
- ssc-3g-sm4 (SM4 in TypeScript): ~19 % \`sm4Block\`, ~10 % \`signResponse\`, ~9 % \`withStatus\`,
  ~12 % MAC scratch handling, ~5 % \`verifyCommandMac\`, ~4 % \`dispatch\`, ~4 % GC. ~240,000 reads/s.
- So on the 2g card the binding's per-call cost is the limit; on the 3g card, response assembly
  (one new array per response plus the MAC) is the next target. Engine code was not changed.
`;

function value(f: Figure): string {
  const m = f.median;
  const text = !Number.isFinite(m)
    ? 'not measured'
    : Math.abs(m) >= 100
      ? Math.round(m).toLocaleString('en-US')
      : m.toPrecision(3);
  return `${text} ${f.unit} (goal ${f.goal ?? ''})`;
}

/** Markdown sections, one per missed (or unmeasured) goal, for docs/benchmarks.md. */
export function missedGoalSections(figures: Figure[]): string {
  const missed = figures.filter((f) => f.goal !== undefined && f.met !== true);
  if (missed.length === 0) return 'Every goal was met in this run.\n';
  return missed
    .map((f) => {
      const e = EXPLANATIONS.find(([prefix]) => f.name.startsWith(prefix))?.[1];
      const head = `### ${f.label}: ${value(f)}\n\n`;
      if (!e) return `${head}${f.note ?? 'No explanation recorded for this figure yet.'}\n`;
      return `${head}- What limits it: ${e.limits}\n- What was tried: ${e.tried}\n`;
    })
    .join('\n');
}
