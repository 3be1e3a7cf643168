/**
 * automation:* and scheduler:* — a thin adapter from the contract to node/automation. Run directories are found
 * by run id through the repository (never from a request path); event filters are fixed enums.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { AutomationRunRow } from '../../core/api/commands/automation';
import { RunEventSchema, RunSummaryFileSchema, type RunEvent } from '../../core/automation/schemas';
import { targetLabel } from '../../core/automation/schedule';
import { PeakError } from '../../core/errors';
import { buildMetaReport, writeMetaReport } from '../automation/meta-report';
import type { AutomationRunRow as RepoRow } from '../db/automation';
import { EVENTS_FILE, SUMMARY_FILE } from '../automation/run-files';
import { automationService } from '../automation/service';
import { cronNextAfter } from '../automation/scheduler-config';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

export function toRunRow(r: RepoRow): AutomationRunRow {
  return {
    runId: r.id, suite: r.suite, status: r.status, startedAt: r.startedAt, finishedAt: r.finishedAt,
    durationSec: r.log.duration_sec, trigger: r.trigger, counts: r.log.summary,
  };
}

/** events.jsonl of a run; a torn last line (a writer killed mid-write) is skipped */
export function readEvents(dir: string): RunEvent[] {
  let text = '';
  try { text = readFileSync(join(dir, EVENTS_FILE), 'utf8'); } catch { return []; }
  const out: RunEvent[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try { out.push(RunEventSchema.parse(JSON.parse(line))); } catch { /* skipped */ }
  }
  return out;
}

export function createAutomationHandlers(ctx: HandlerContext) {
  const svc = () => automationService(ctx);
  return {
    'automation:run': (input) => {
      const { runId, jobId, done } = svc().startSuite({ ...input, trigger: 'app' });
      done.catch((e: unknown) => ctx.logger.warn('automation run ended with an error', { runId, error: String(e) }));
      return { runId, jobId };
    },
    'automation:runs': (input) => ({
      runs: svc().repo.listRuns({ ...(input.suite && { suite: input.suite }), ...(input.from !== undefined && { from: input.from }), ...(input.to !== undefined && { to: input.to }), limit: input.limit }).map(toRunRow),
    }),
    'automation:get': (input) => {
      const r = svc().repo.getRun(input.runId);
      if (!r) throw new PeakError('NOT_FOUND', `automation run "${input.runId}" not found`);
      let summary = null;
      try { summary = RunSummaryFileSchema.parse(JSON.parse(readFileSync(join(r.dir, SUMMARY_FILE), 'utf8'))); } catch { /* absent or torn: null */ }
      const all = readEvents(r.dir);
      const types = input.types?.length ? new Set(input.types) : null;
      const filtered = all.filter((e) => (!types || types.has(e.type)) && (!input.phase || e.phase === input.phase) && (input.since === undefined || Date.parse(e.timestamp) >= input.since));
      const phases = [...new Set(all.map((e) => e.phase).filter((p): p is string => p !== null))];
      return { run: toRunRow(r), log: r.log, summary, events: filtered.slice(-input.limit).reverse(), totalEvents: filtered.length, phases, dir: r.dir };
    },
    'automation:meta': (input) => {
      const s = svc();
      const rep = buildMetaReport(s.repo, ctx.clock(), input.days, input.suite);
      const files = input.write ? writeMetaReport(join(s.outputDir, 'meta'), rep) : null;
      return { days: rep.days, fromMs: rep.fromMs, toMs: rep.toMs, runs: rep.runs, trends: rep.trends, regressions: rep.regressions, files };
    },
    'automation:decide': (input) => svc().workflow({
      type: input.type, dryRun: input.dryRun, forceExecute: input.forceExecute, forceSkip: input.forceSkip, trigger: 'app',
      ...(input.datasetId && { datasetId: input.datasetId }),
    }),
    'automation:decisions': (input) => ({
      decisions: svc().repo.listDecisions(input.limit).map(({ outcome: _o, ...d }) => d),
    }),
    'scheduler:status': () => {
      const sched = svc().scheduler();
      const st = sched.status();
      const seen = svc().repo.scheduleState();
      // not running in this process: still show when each job would run next
      const next = st.running ? null : cronNextAfter({ timezone: sched.timezone, job: [...sched.jobs] });
      const now = ctx.clock();
      return {
        running: st.running,
        health: sched.health(),
        timezone: sched.timezone,
        jobs: sched.jobs.map((j) => ({
          name: j.name, cron: j.cron, enabled: j.enabled, target: targetLabel(j), description: j.description,
          nextDueMs: next ? (j.enabled ? next(j, now) : null) : (st.nextDue.get(j.name) ?? null), lastFiredMs: seen.get(j.name)?.lastFiredAt ?? null,
          lastStatus: seen.get(j.name)?.lastStatus ?? null, active: st.active.has(j.name),
        })),
      };
    },
  } satisfies Partial<Handlers>;
}

