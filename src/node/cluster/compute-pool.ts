/**
 * The research jobs' seam: a Pool whose `runMany` sends cluster-capable task kinds (walk-forward folds,
 * Monte-Carlo batches, stress scenarios, backtests) to the cluster when the compute setting (or this process's
 * --cluster flag) names one, and everything else — and everything when compute is local — to the local pool.
 * Same inputs, same results in input order, same progress callbacks, same cancellation.
 */
import { randomUUID } from 'node:crypto';
import { PeakError } from '../../core/errors';
import type { HandlerContext } from '../api/context';
import type { Pool, RunManyOptions } from '../pool/pool';
import { safeError } from './connection';
import { CLUSTER_KINDS, type ClusterKind } from './protocol';

const isClusterKind = (k: string): k is ClusterKind => (CLUSTER_KINDS as readonly string[]).includes(k);

export function computePool(ctx: Pick<HandlerContext, 'cluster'>, local: Pool): Pool {
  const compute = ctx.cluster.compute();
  if (compute.mode === 'local') return local;
  const url = compute.url;
  return {
    get workers() {
      return local.workers;
    },
    run: (kind, input, opts) => local.run(kind, input, opts),
    async runMany(kind, inputs, given = {}) {
      if (!isClusterKind(kind) || inputs.length === 0) return local.runMany(kind, inputs, given);
      const opts = given as RunManyOptions<unknown>;
      const total = inputs.length;
      const collect = opts.collect ?? true;
      const results: unknown[] = collect ? new Array(total) : [];
      const t0 = performance.now();
      let done = 0;
      opts.onProgress?.({ done: 0, total, ratePerSec: 0, etaSec: null });
      const coord = ctx.cluster.openCoordinator(url);
      try {
        await coord.run(
          { run: `${ctx.cluster.coordinatorId()}-${kind}-${randomUUID().replace(/-/g, '').slice(0, 12)}`, kind, chunkIds: inputs.map((_x, i) => i), inputs: inputs as never },
          {
            signal: opts.signal ?? new AbortController().signal,
            onResult: (i, v) => {
              if (v === null || typeof v !== 'object') throw new PeakError('INTERNAL', `cluster: a worker returned a malformed ${kind} result`);
              if (collect) results[i] = v;
              done++;
              opts.onResult?.(i, v as never);
              const el = (performance.now() - t0) / 1000;
              const rate = el > 0 ? done / el : 0;
              opts.onProgress?.({ done, total, ratePerSec: rate, etaSec: rate > 0 ? (total - done) / rate : null });
            },
          },
        );
      } catch (e) {
        if (e instanceof PeakError) throw e;
        throw new PeakError('INTERNAL', `cluster: ${safeError(e)}`);
      } finally {
        await coord.close();
      }
      return results as never;
    },
    // The local pool is shared and owned elsewhere.
    destroy: async () => {},
  };
}
