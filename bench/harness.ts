// Shared timing helpers for bench/*.bench.ts.
import { performance } from 'node:perf_hooks';

export interface BenchRow {
  suite: string;
  case: string;
  ms: number;
  target?: string;
  ok?: boolean;
  detail?: string;
}

export interface BenchSuite {
  name: string;
  run(): Promise<BenchRow[]> | BenchRow[];
}

/** Median wall time of `fn` over `runs` runs after one warm-up. */
export function timeMedian(fn: () => unknown, runs = 5): number {
  fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    fn();
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)] ?? 0;
}
