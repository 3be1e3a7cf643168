/**
 * The chunk executor seam: the sweep runner hands its pending chunks to a ChunkExecutor and gets each chunk's
 * result back through `onResult(i, result)`. Two implementations, interchangeable: the local piscina pool, and
 * the cluster (BullMQ on Redis) when the compute setting says so. Results from the cluster are zod-checked
 * against the chunk they claim to answer before they reach the chunk store.
 */
import { z } from 'zod';
import { PeakError } from '../../core/errors';
import type { HandlerContext } from '../api/context';
import type { Pool } from '../pool/pool';
import type { TaskInput, TaskOutput } from '../../workers/tasks/index';
import { safeError } from './connection';
import type { ClusterStats } from './coordinator';

export type SweepChunkInput = TaskInput<'sweep-chunk'>;
export type SweepChunkOutput = TaskOutput<'sweep-chunk'>;

export interface ChunkExecutor {
  /** where the chunks run, for logs: 'local' or 'cluster' */
  readonly where: 'local' | 'cluster';
  run(inputs: readonly SweepChunkInput[], chunkIds: readonly number[], o: {
    signal: AbortSignal;
    onResult: (index: number, result: SweepChunkOutput) => void;
  }): Promise<void>;
  /** frees what the executor holds (an owned pool, Redis connections) */
  release(): Promise<void>;
  stats?(): ClusterStats;
}

export function localChunkExecutor(pool: Pool, owned: boolean): ChunkExecutor {
  return {
    where: 'local',
    async run(inputs, _chunkIds, o) {
      await pool.runMany('sweep-chunk', inputs, { signal: o.signal, collect: false, onResult: o.onResult });
    },
    async release() {
      if (owned) await pool.destroy();
    },
  };
}

// Any number (NaN/±Infinity/-0 travel exactly; the store treats them as a local run does).
const anyNumber = z.custom<number>((v) => typeof v === 'number', 'expected a number');
const ChunkOutputSchema = z.object({
  rows: z.array(z.object({
    index: z.number().int().nonnegative(),
    metrics: z.record(z.string(), z.union([anyNumber, z.null()])),
    blocks: z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected a Float64Array'),
  })),
});

/** A result must answer exactly the chunk it names: one row per combination, indices in order. */
export function checkChunkOutput(value: unknown, input: SweepChunkInput): SweepChunkOutput {
  const r = ChunkOutputSchema.safeParse(value);
  if (!r.success) throw new PeakError('INTERNAL', `cluster: a worker returned a malformed chunk result (${r.error.issues[0]?.message ?? 'invalid'})`);
  const n = input.combos.length;
  if (r.data.rows.length !== n || r.data.rows.some((row, k) => row.index !== input.startIndex + k)) {
    throw new PeakError('INTERNAL', `cluster: a worker returned rows that do not match combinations #${input.startIndex}–#${input.startIndex + n - 1}`);
  }
  return r.data;
}

/**
 * The executor for one sweep session: the cluster if the compute setting (or this process's --cluster flag)
 * names one, else the local pool from `local()` (only then created, so a cluster run starts no threads).
 */
export function sweepChunkExecutor(
  ctx: Pick<HandlerContext, 'cluster'>,
  sweep: { id: number; configHash: string },
  local: () => { pool: Pool; owned: boolean },
): ChunkExecutor {
  const compute = ctx.cluster.compute();
  if (compute.mode === 'local') {
    const { pool, owned } = local();
    return localChunkExecutor(pool, owned);
  }
  const coord = ctx.cluster.openCoordinator(compute.url);
  // Stable across sessions of the same sweep (resume): results a killed coordinator left on Redis are collected.
  const run = `${ctx.cluster.coordinatorId()}-s${sweep.id}-${sweep.configHash.slice(0, 12)}`;
  return {
    where: 'cluster',
    async run(inputs, chunkIds, o) {
      try {
        await coord.run(
          { run, kind: 'sweep-chunk', chunkIds, inputs: inputs as never },
          { signal: o.signal, onResult: (i, v) => o.onResult(i, checkChunkOutput(v, inputs[i])) },
        );
      } catch (e) {
        if (e instanceof PeakError) throw e;
        throw new PeakError('INTERNAL', `cluster: ${safeError(e)}`);
      }
    },
    release: () => coord.close(),
    stats: () => coord.stats(),
  };
}
