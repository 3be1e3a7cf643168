/** Research runs and their reports: store the run (runs:did-change), write the report files, record where. */
import type { ReportRef } from '../../core/api/commands/research';
import type { Bars } from '../../core/data/bars';
import type { EngineConfig } from '../../core/engine/types';
import type { Report, Section } from '../files/reports/model';
import { writeReport } from '../files/reports/write';
import type { ResearchDeps } from './deps';

export function saveReport(deps: ResearchDeps, report: Report, formats: readonly ('html' | 'md' | 'json')[] = ['html', 'md', 'json']): ReportRef {
  const ref = writeReport(deps.dataDir, report, formats);
  if (report.runId > 0) deps.store.reports.save(report.runId, ref, deps.clock());
  return ref;
}

export function storeRun(deps: ResearchDeps, kind: string, l: { datasetId: string; strategyId: string | null; params: Record<string, unknown>; engine: EngineConfig | null; bars: Bars },
  seed: number, configHash: string, metrics: Record<string, number | null>, durationMs: number, extra: unknown, note: string | null = null): number {
  const run = deps.store.runs.insert({
    kind, datasetId: l.datasetId, strategyId: l.strategyId, params: l.params, engine: l.engine, seed, configHash, metrics, stats: null,
    trades: [], openTrades: [], fromTime: l.bars.time[0], toTime: l.bars.time[l.bars.time.length - 1], durationMs, note, extra,
  });
  deps.events.emit('runs:did-change', { action: 'created', id: run.id, kind: run.kind });
  return run.id;
}

export const reportBase = (deps: Pick<ResearchDeps, 'clock'>, kind: string, title: string, runId: number, seed: number, configHash: string, dataset: string | null, sections: Section[], data: unknown, subtitle?: string): Report =>
  ({ title, kind, runId, seed, configHash, createdAt: deps.clock(), dataset, sections, data, ...(subtitle ? { subtitle } : {}) });
