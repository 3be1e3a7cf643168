/**
 * The sweep service: resolve a request into a hashed SweepConfig, store the sweep, and run its pending chunks on
 * the worker pool, writing each finished chunk (rows + chunk record) in one transaction. Resume = run the chunks
 * not yet recorded; since every combination's result depends only on (data, strategy, params, engine), the final
 * rows — and their hash — equal an uninterrupted run's.
 *
 * Status: 'running' while a session works on it; a 'running' row not owned by this process was left by a process
 * that died (crash, SIGKILL, power loss) and reads as 'interrupted'.
 *
 * Each session is a job of the resumable kind 'sweep' (node/jobs/registry.ts): its progress is the job's
 * jobs:did-progress (detail: SweepProgressDetail), jobs:cancel stops it, jobs:resume continues it under the same
 * job id. The service is a LongLivedService: stop() cancels running sweeps and waits for their last chunk.
 */
import { z } from 'zod';
import { engineDefaultsFromConfig } from '../../core/api/config';
import { resolveEngineConfig } from '../../core/api/engine-config';
import type { SweepStartInputSchema, SweepSummary } from '../../core/api/commands/sweeps';
import { PeakError } from '../../core/errors';
import { canonicalJson } from '../../core/hash';
import { parseGridOverride, type GridSpec } from '../../core/research/grid';
import { chooseChunkSize, chunkCount, planSweep, presetGrid, SweepConfigSchema, type SweepConfig } from '../../core/research/sweep';
import { getStrategy } from '../../core/strategies/registry';
import type { SweepRange } from '../../core/strategies/types';
import { sha256Hex } from '../db/hash';
import type { JobRecord } from '../db/jobs';
import type { ResumeOptions, ResumeOutcome } from '../jobs/registry';
import type { LongLivedService } from '../lifecycle/service';
import { sweepChunkExecutor } from '../cluster/executor';
import { sharedPool } from '../pool/context-pool';
import { createPool, type Pool } from '../pool/pool';
import type { SharedBars } from '../../workers/shared-data';
import { sharedRange } from '../backtest/service';
import type { HandlerContext } from '../api/context';
import { getSweepPreset } from './presets';
import type { SweepRecord, SweepStatus } from '../db/sweeps';
import { createSweepLeases } from './lease';

export type SweepStartInput = z.output<typeof SweepStartInputSchema>;

export interface SweepRunOutcome {
  sweepId: number;
  status: SweepStatus;
  error: string | null;
}

interface Active {
  ctl: AbortController;
  done: Promise<SweepRunOutcome>;
}

/** The config hash ignores chunkSize: it only changes how work is cut, never the results. */
export function sweepConfigHash(datasetContentHash: string, config: SweepConfig): string {
  const { chunkSize: _c, ...rest } = config;
  return sha256Hex(canonicalJson({ kind: 'sweep', dataset: datasetContentHash, config: rest }));
}

type SweepCtx = Pick<HandlerContext, 'store' | 'clock' | 'config' | 'jobs' | 'pool' | 'sharedData' | 'bars' | 'cluster'>;

export function createSweepService(ctx: SweepCtx) {
  const q = ctx.store.sweeps;
  const active = new Map<number, Active>();
  const leases = createSweepLeases(ctx.store.sweepLeases, { clock: ctx.clock });
  // One shared copy of a data set per process (SharedArrayBuffers), the same cache backtests use.
  const sharedData = (datasetId: string, contentHash: string): SharedBars => sharedRange(ctx, datasetId, contentHash);

  function statusOf(r: SweepRecord): SweepStatus {
    return r.status === 'running' && !active.has(r.id) && !leases.heldElsewhere(r.id) ? 'interrupted' : r.status;
  }

  function summary(r: SweepRecord): SweepSummary {
    return {
      id: r.id, datasetId: r.datasetId, strategyId: r.strategyId, preset: r.preset, status: statusOf(r), error: r.error,
      metric: r.metric, seed: r.seed, configHash: r.configHash, total: r.total, done: r.done, chunks: r.chunks,
      chunksDone: r.chunksDone, jobId: ctx.store.jobs.findByResult({ kind: 'sweep', id: String(r.id) })?.id ?? null, createdAt: r.createdAt, updatedAt: r.updatedAt, finishedAt: r.finishedAt, elapsedMs: r.elapsedMs,
    };
  }

  /** Request → the resolved, validated configuration (+ the planned combination count). */
  function resolveConfig(input: SweepStartInput, workers: number): { config: SweepConfig; total: number; bars: number } {
    const preset = input.preset !== undefined ? getSweepPreset(input.preset) : null;
    const strategyId = input.strategyId ?? preset?.strategy;
    if (strategyId === undefined) throw new PeakError('BAD_INPUT', 'sweep: --strategy (strategyId) or a preset is required');
    if (preset !== null && preset.strategy !== strategyId) {
      throw new PeakError('BAD_INPUT', `sweep: preset ${preset.name} is for strategy ${preset.strategy}, not ${strategyId}`);
    }
    const strategy = getStrategy(strategyId);
    let grid: GridSpec = preset !== null ? presetGrid(preset) : {};
    for (const [k, v] of Object.entries(input.grid ?? {})) {
      grid[k] = typeof v === 'string' ? parseGridOverride(`${k}=${v}`)[1] : v;
    }
    if (Object.keys(grid).length === 0) {
      grid = Object.fromEntries(Object.entries(strategy.sweep).filter((e): e is [string, SweepRange] => e[1] !== undefined));
      if (Object.keys(grid).length === 0) throw new PeakError('BAD_INPUT', `sweep: strategy ${strategyId} declares no sweep ranges; pass a grid`);
    }
    const ds = ctx.store.datasets.require(input.datasetId);
    const engine = resolveEngineConfig(input.engine, engineDefaultsFromConfig(ctx.config));
    const draft = SweepConfigSchema.parse({
      strategyId,
      grid,
      constraints: [...(preset?.constraints ?? []), ...input.constraints],
      fixed: { ...(preset?.fixed ?? {}), ...input.params },
      random: input.random ?? null,
      seed: input.seed,
      engine,
      metric: input.metric,
      chunkSize: 1,
      preset: preset?.name ?? null,
    });
    const total = planSweep(draft, strategy).length;
    return { config: { ...draft, chunkSize: chooseChunkSize(total, ds.bars, workers) }, total, bars: ds.bars };
  }

  function poolFor(workers: number | undefined): { pool: Pool; owned: boolean } {
    const shared = sharedPool(ctx);
    if (workers === undefined || workers === shared.workers) return { pool: shared, owned: false };
    return { pool: createPool({ workers }), owned: true };
  }

  /**
   * Runs the pending chunks of sweep `id` as job `jobId` (`rerun`: a stored job continues); never throws once
   * started (the outcome carries the status). Throws CONFLICT up front while another process holds the lease.
   */
  function execute(id: number, workers: number | undefined, jobId: string, owner: string, rerun: boolean): Active {
    const lease = leases.acquire(id); // CONFLICT while another process computes this sweep
    const ctl = new AbortController();
    const done = (async (): Promise<SweepRunOutcome> => {
      const rec = q.require(id);
      const strategy = getStrategy(rec.strategyId);
      const combos = planSweep(rec.config, strategy);
      if (combos.length !== rec.total) {
        throw new PeakError('CONFLICT', `sweep ${id}: the plan now has ${combos.length} combinations, the stored sweep ${rec.total} (strategy changed?)`);
      }
      const finished = q.doneChunks(id);
      const pending: number[] = [];
      for (let c = 0; c < rec.chunks; c++) if (!finished.has(c)) pending.push(c);
      const ds = ctx.store.datasets.require(rec.datasetId);
      const data = sharedData(ds.id, ds.contentHash);
      const fixed = Object.fromEntries(Object.entries(rec.config.fixed).filter(([k]) => !Object.hasOwn(rec.config.grid, k)));
      const size = rec.chunkSize;
      const inputs = pending.map((c) => ({
        data,
        strategyId: rec.strategyId,
        fixed,
        combos: combos.slice(c * size, (c + 1) * size),
        startIndex: c * size,
        engine: rec.config.engine,
        blocks: rec.config.blocks,
      }));
      let doneCombos = rec.done;
      let chunksDone = rec.chunksDone;
      const t0 = ctx.clock();
      let last = t0;
      const detail = (status: SweepStatus) => ({ sweepId: id, status, chunksDone, chunks: rec.chunks });
      q.setStatus(id, 'running');
      // The seam: a local pool or the cluster (compute setting / --cluster), same inputs, same onResult.
      const exec = sweepChunkExecutor(ctx, { id, configHash: rec.configHash }, () => poolFor(workers));
      try {
        await ctx.jobs.run('sweep', async (job) => {
          job.setResult({ kind: 'sweep', id: String(id) });
          job.progress(doneCombos, rec.total, undefined, detail('running'));
          job.signal.addEventListener('abort', () => ctl.abort(), { once: true });
          if (ctl.signal.aborted) throw new PeakError('CANCELLED', `sweep ${id}: cancelled`);
          await exec.run(inputs, pending, {
            signal: ctl.signal,
            onResult: (i, r) => {
              const c = pending[i];
              const now = ctx.clock();
              const rows = r.rows.map((row) => ({ ...row, params: combos[row.index] }));
              if (q.writeChunk(id, c, rows, now - last)) {
                doneCombos += rows.length;
                chunksDone++;
              }
              last = now;
              job.progress(doneCombos, rec.total, undefined, detail('running'));
            },
          });
        }, { id: jobId, owner, total: rec.total, configHash: rec.configHash, rerun });
        q.setStatus(id, 'done');
        return { sweepId: id, status: 'done', error: null };
      } catch (e) {
        const cancelled = ctl.signal.aborted || (e instanceof PeakError && e.code === 'CANCELLED');
        const status: SweepStatus = cancelled ? 'cancelled' : 'failed';
        const msg = e instanceof Error ? e.message : String(e);
        q.addElapsed(id, ctx.clock() - last);
        q.setStatus(id, status, cancelled ? null : msg);
        return { sweepId: id, status, error: cancelled ? null : msg };
      } finally {
        await exec.release();
      }
    })().catch((e: unknown): SweepRunOutcome => {
      // Failures before the pool ran (plan changed, data set gone): recorded on the sweep.
      const msg = e instanceof Error ? e.message : String(e);
      try { q.setStatus(id, 'failed', msg); } catch { /* store closed */ }
      return { sweepId: id, status: 'failed', error: msg };
    }).finally(() => {
      lease.release();
      active.delete(id);
    });
    const a: Active = { ctl, done };
    active.set(id, a);
    return a;
  }

  async function settle(a: Active, wait: boolean): Promise<SweepStatus> {
    if (!wait) return 'running';
    const out = await a.done;
    if (out.status === 'failed') throw new PeakError('INTERNAL', out.error ?? 'sweep failed');
    return out.status;
  }

  return {
    queries: q,
    async start(input: SweepStartInput, owner: string) {
      const jobId = input.jobId ?? ctx.jobs.newId('sweep');
      ctx.jobs.assertFree(jobId);
      const workers = input.workers ?? sharedPool(ctx).workers;
      const { config, total } = resolveConfig(input, workers);
      const ds = ctx.store.datasets.require(input.datasetId);
      const configHash = sweepConfigHash(ds.contentHash, config);
      const chunks = chunkCount(total, config.chunkSize);
      const sweepId = q.create({ datasetId: ds.id, strategyId: config.strategyId, preset: config.preset, config, configHash, total, chunks });
      const a = execute(sweepId, input.workers, jobId, owner, false);
      const status = await settle(a, input.wait);
      return { sweepId, jobId, total, configHash, status };
    },
    /** the 'sweep' job kind's resumer: continue the sweep job `job` produced, under the same job id */
    async resumeJob(job: JobRecord, opts: ResumeOptions): Promise<ResumeOutcome> {
      const id = job.result?.kind === 'sweep' ? Number(job.result.id) : NaN;
      if (!Number.isInteger(id)) throw new PeakError('NOT_FOUND', `job ${job.id} names no sweep to resume`);
      const rec = q.require(id);
      if (active.has(id)) throw new PeakError('CONFLICT', `sweep ${id} is already running`);
      const remaining = rec.total - rec.done;
      if (rec.status === 'done') return { total: rec.total, remaining: 0, status: 'done' };
      const a = execute(id, opts.workers, job.id, opts.owner, true);
      const status = await settle(a, opts.wait);
      return { total: rec.total, remaining, status };
    },
    /** resolves when the sweep's current session ends (immediately if none) */
    async wait(id: number): Promise<SweepRunOutcome | null> {
      const a = active.get(id);
      return a === undefined ? null : a.done;
    },
    summary,
    get(id: number) {
      const r = q.require(id);
      const s = summary(r);
      return { ...s, config: { ...r.config } as Record<string, unknown>, resultsHash: s.status === 'done' ? q.resultsHash(id) : null };
    },
    list(f: { limit: number; offset: number; datasetId?: string; strategyId?: string }) {
      const { sweeps, total } = q.list(f);
      return { sweeps: sweeps.map(summary), total };
    },
    running: () => active.size,
    /** cancel every running sweep and wait for them to flush (shutdown) */
    async close(): Promise<void> {
      const all = [...active.values()];
      for (const a of all) a.ctl.abort();
      await Promise.all(all.map((a) => a.done));
    },
  };
}

export type SweepService = ReturnType<typeof createSweepService>;

/** The sweep service as a long-lived service: 'sweep' jobs become resumable when it starts. */
export function sweepLifecycle(ctx: SweepCtx, svc: SweepService): LongLivedService {
  ctx.jobs.defineKind('sweep', { resume: (job, opts) => svc.resumeJob(job, opts) });
  return {
    name: 'sweeps',
    start() {},
    stop: () => svc.close(),
    health: () => ({ status: 'ok', detail: `${svc.running()} sweep(s) running` }),
  };
}
