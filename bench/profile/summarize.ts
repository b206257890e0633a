/**
 * Prints the top self-time functions of a V8 .cpuprofile (from node --cpu-prof), with their
 * file and line, and the share of the sampled time: what the +SM read's profile shows.
 *
 * Usage: summarize.ts FILE.cpuprofile [TOP]
 */
import { readFileSync } from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}

const [file, topText = '25'] = process.argv.slice(2);
if (!file) {
  process.stderr.write('usage: summarize.ts FILE.cpuprofile [TOP]\n');
  process.exit(2);
}
const profile = JSON.parse(readFileSync(file, 'utf8')) as { nodes: ProfileNode[]; samples?: number[] };
// Self time from the sample list (one node id per tick); hitCount is not always filled in.
const ticks = new Map<number, number>();
for (const id of profile.samples ?? []) ticks.set(id, (ticks.get(id) ?? 0) + 1);
const self = new Map<string, number>();
let total = 0;
for (const n of profile.nodes) {
  const hits = ticks.get(n.id) ?? n.hitCount ?? 0;
  total += hits;
  const where = n.callFrame.url.replace(/^.*\/(packages|node_modules)\//, '$1/');
  const key = `${n.callFrame.functionName || '(anonymous)'} ${where}:${n.callFrame.lineNumber + 1}`;
  self.set(key, (self.get(key) ?? 0) + hits);
}
const rows = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, Number(topText));
for (const [key, hits] of rows) console.log(`${((100 * hits) / total).toFixed(1).padStart(5)} %  ${key}`);
