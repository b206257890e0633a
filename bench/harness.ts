/**
 * The one way figures are taken: repeated runs, medians reported, nothing asserted.
 * A bench file exports `figures(): Promise<Figure[]>` (or an array of them); bench/run.ts
 * collects them, prints one JSON line each and writes docs/benchmarks.md.
 */
export interface Figure {
  /** Stable identifier, e.g. "codec.roundtrip.case4s-20". */
  name: string;
  /** Human label for the table. */
  label: string;
  unit: string;
  /** Median of the runs. */
  value: number;
  runs: number;
  min: number;
  median: number;
  max: number;
  /** The goal as text, e.g. ">= 2000000", and whether the median meets it. */
  goal?: string;
  met?: boolean;
  /** Anything worth reading beside the number (peer, ratio, what limits it). */
  note?: string;
}

export interface Goal {
  /** 'min': value must be >= target; 'max': value must be <= target. */
  direction: 'min' | 'max';
  target: number;
}

export function median(values: number[]): number {
  const s = [...values].sort((a, b) => a - b);
  const mid = s.length >> 1;
  return s.length % 2 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/** Builds a figure from per-run samples (already in the figure's unit). */
export function figureFromSamples(
  name: string,
  label: string,
  unit: string,
  samples: number[],
  goal?: Goal,
  note?: string,
): Figure {
  const med = median(samples);
  const fig: Figure = {
    name,
    label,
    unit,
    value: med,
    runs: samples.length,
    min: Math.min(...samples),
    median: med,
    max: Math.max(...samples),
  };
  if (goal) {
    fig.goal = `${goal.direction === 'min' ? '>=' : '<='} ${goal.target}`;
    fig.met = goal.direction === 'min' ? med >= goal.target : med <= goal.target;
  }
  if (note) fig.note = note;
  return fig;
}

/**
 * A figure that could not be taken (a peer or a tool is missing): NaN value, the goal kept,
 * the reason in the note, so the table shows the gap instead of the run failing.
 */
export function notMeasured(name: string, label: string, unit: string, reason: string, goal?: Goal): Figure {
  const fig: Figure = {
    name,
    label,
    unit,
    value: Number.NaN,
    runs: 0,
    min: Number.NaN,
    median: Number.NaN,
    max: Number.NaN,
    note: `not measured: ${reason}`,
  };
  if (goal) fig.goal = `${goal.direction === 'min' ? '>=' : '<='} ${goal.target}`;
  return fig;
}

/** "3.2×" style ratio text for notes. */
export function ratio(a: number, b: number): string {
  const r = a / b;
  return `${r >= 10 ? r.toFixed(0) : r.toPrecision(2)}×`;
}

/**
 * Operations per second of a synchronous function: each run calls it `opsPerRun` times
 * after a warm-up, `runs` runs in all.
 */
export function opsPerSecond(
  name: string,
  label: string,
  fn: () => void,
  opts: { opsPerRun: number; runs?: number; goal?: Goal; unit?: string; note?: string },
): Figure {
  const runs = opts.runs ?? 7;
  for (let i = 0; i < Math.min(opts.opsPerRun, 10_000); i++) fn();
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < opts.opsPerRun; i++) fn();
    const ns = Number(process.hrtime.bigint() - t0);
    samples.push((opts.opsPerRun * 1e9) / ns);
  }
  return figureFromSamples(name, label, opts.unit ?? 'ops/s', samples, opts.goal, opts.note);
}

/** Same for an async function (awaited one after another). */
export async function opsPerSecondAsync(
  name: string,
  label: string,
  fn: () => Promise<void>,
  opts: { opsPerRun: number; runs?: number; goal?: Goal; unit?: string; note?: string },
): Promise<Figure> {
  const runs = opts.runs ?? 5;
  for (let i = 0; i < Math.min(opts.opsPerRun, 1_000); i++) await fn();
  const samples: number[] = [];
  for (let r = 0; r < runs; r++) {
    const t0 = process.hrtime.bigint();
    for (let i = 0; i < opts.opsPerRun; i++) await fn();
    const ns = Number(process.hrtime.bigint() - t0);
    samples.push((opts.opsPerRun * 1e9) / ns);
  }
  return figureFromSamples(name, label, opts.unit ?? 'ops/s', samples, opts.goal, opts.note);
}
