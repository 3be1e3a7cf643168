/**
 * Shared pieces for scripts/bench/*.bench.ts. Each bench file exports
 *   `async function run(opts: BenchOptions): Promise<BenchResult[]>`
 * and optionally `names: string[]` (the results it can produce) so `--filter` can skip the whole file.
 * Bench files must not print to stdout (the harness owns it; with --json stdout is pure JSON).
 */
export interface BenchResult {
  name: string;
  value: number;
  unit: string;
}

export interface BenchOptions {
  /** run only results whose name contains this substring */
  filter?: string;
  /** fewer repetitions (smoke runs, CI); numbers are less stable */
  quick: boolean;
}

/** True when the named result should be measured under these options. */
export const wanted = (name: string, opts: BenchOptions): boolean => !opts.filter || name.includes(opts.filter);

/**
 * Best (smallest) wall time in ms of `runs` timed calls after `warmup` untimed ones. Best-of rather than
 * mean because the machine is shared: the minimum is the least disturbed run.
 */
export function bestMs(fn: () => unknown, runs = 5, warmup = 2): number {
  let sink = 0;
  for (let i = 0; i < warmup; i++) sink += touch(fn());
  let best = Infinity;
  for (let i = 0; i < runs; i++) {
    const t0 = performance.now();
    const out = fn();
    const dt = performance.now() - t0;
    sink += touch(out);
    if (dt < best) best = dt;
  }
  if (sink === 0.5) best += 0; // keep results observably used so the work is not optimised away
  return best;
}

function touch(x: unknown): number {
  if (x instanceof Float64Array) return x.length > 0 ? x[x.length - 1] : 0;
  if (typeof x === 'number') return x;
  return x === undefined ? 0 : 1;
}

/** items per second from a count and a time in ms */
export const perSecond = (count: number, ms: number): number => (count / ms) * 1000;
