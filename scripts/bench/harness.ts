import fs from 'node:fs';
import { performance } from 'node:perf_hooks';

/** One measured figure of Tessera beside the same work done by a named peer in the same run. */
export interface BenchFigure {
  /** What was measured, e.g. "rule evaluations (compiled)". */
  name: string;
  unit: string;
  ours: number;
  peer: number;
  peerName: string;
  /** Whether a larger figure is better (rates) or a smaller one (times, bytes). */
  higherIsBetter: boolean;
  /** The target the ratio is held to, e.g. ">= 10". */
  target?: string;
}

export interface BenchResult {
  bench: string;
  at: string;
  figures: (BenchFigure & { ratio: number })[];
  notes?: string[];
}

/** How many times better ours is than the peer (> 1 means better, whichever direction is better). */
export function ratioOf(figure: BenchFigure): number {
  return figure.higherIsBetter ? figure.ours / figure.peer : figure.peer / figure.ours;
}

/** Runs `work` repeatedly for at least `minMs` (after one warm-up) and returns operations per second. */
export function measureRate(work: () => number, minMs = 1500): number {
  work();
  let operations = 0;
  const started = performance.now();
  let elapsed = 0;
  while (elapsed < minMs) {
    operations += work();
    elapsed = performance.now() - started;
  }
  return (operations * 1000) / elapsed;
}

export async function measureMs(work: () => Promise<unknown> | unknown, repeat = 3): Promise<number> {
  const times: number[] = [];
  for (let index = 0; index < repeat; index += 1) {
    const started = performance.now();
    await work();
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}

function format(value: number): string {
  if (!Number.isFinite(value)) return String(value);
  if (Math.abs(value) >= 100) return Math.round(value).toLocaleString('en-US');
  return value.toPrecision(3);
}

/** Prints the figures as a table and, when TESSERA_BENCH_OUT names a file, appends them there as JSON. */
export function reportBench(bench: string, figures: BenchFigure[], notes: string[] = []): BenchResult {
  const result: BenchResult = {
    bench,
    at: new Date().toISOString(),
    figures: figures.map((figure) => ({ ...figure, ratio: ratioOf(figure) })),
    notes,
  };
  console.log(`\n${bench}`);
  console.table(
    result.figures.map((figure) => ({
      measure: figure.name,
      unit: figure.unit,
      tessera: format(figure.ours),
      peer: `${format(figure.peer)} (${figure.peerName})`,
      ratio: `${figure.ratio.toFixed(2)}×`,
      target: figure.target ?? '',
    })),
  );
  for (const note of notes) console.log(`  ${note}`);
  const out = process.env.TESSERA_BENCH_OUT;
  if (out) fs.appendFileSync(out, `${JSON.stringify(result)}\n`);
  return result;
}
