/** `peak drill demo|run|list|show|report` over the drills:* handlers (SPEC §7 trigger-training drills). */
import type { Command } from 'commander';
import type { CliContext } from '../context';
import { fmt, iso, table } from '../format';
import { num, oneOf } from '../parse';
import { PeakError } from '../../core/errors';
import { CLUSTERS, CLUSTER_LABELS_DE, DIMENSIONS, DIMENSION_LABELS_EN, POLICIES, type DrillDetail } from '../../core/drills';

const QUIRKS = ['intended', 'spec'] as const;

function printDetail(ctx: CliContext, d: DrillDetail): void {
  ctx.out(`drill ${d.drill.id} · ${d.drill.status} · scenario ${d.config.scenarioId ?? '—'} · strategy ${d.config.strategy} · ${d.signals.length} signals`);
  const a = d.analysis;
  if (!a) return;
  const s = a.summary;
  ctx.out(`reaction ms: n ${s.n} · mean ${fmt(s.mean, 1)} · median ${fmt(s.median, 1)} · std ${fmt(s.std, 1)} · p90 ${fmt(s.p90, 1)} · p95 ${fmt(s.p95, 1)} · p99 ${fmt(s.p99, 1)} · min ${fmt(s.min, 0)} · max ${fmt(s.max, 0)}`);
  ctx.out(`categories: ${Object.entries(s.counts).map(([k, v]) => `${k} ${v}`).join(' · ')}`);
  ctx.out(`outcomes: ${Object.entries(a.outcomes).map(([k, v]) => `${k} ${v}`).join(' · ')} · paper P&L ${fmt(a.pnl, 2)}`);
  const h = d.config.method === 'features' ? a.heatmapFeatures : a.heatmapReport;
  ctx.out(`psychology heatmap (method ${h.method}${h.method === 'report' ? `, quirks ${h.quirks}` : ''}):`);
  ctx.out(table(['cluster', ...DIMENSIONS.map((x) => DIMENSION_LABELS_EN[x]), 'events'],
    CLUSTERS.map((c) => [CLUSTER_LABELS_DE[c], ...DIMENSIONS.map((dim) => fmt(h.cells.find((x) => x.cluster === c && x.dimension === dim)?.score, 2)), h.counts[c]]),
    [false, true, true, true, true, true, true]));
  if (h.problemClusters.length) ctx.out(`problem clusters: ${h.problemClusters.map((c) => CLUSTER_LABELS_DE[c]).join(', ')}`);
  if (a.painPoints.length) ctx.out(`pain points: ${a.painPoints.map((e) => `${e.signalId}@bar ${e.bar} ${e.outcome} ${fmt(e.pnlAfterBars, 4)}`).join('; ')}`);
}

export function registerDrill(program: Command, ctx: CliContext): void {
  const drill = program.command('drill').description('trigger-training drills: demo, scripted runs, history and reports');

  drill.command('demo').description('run the SPEC §7 offline demo session and store it as a drill')
    .option('--quirks <mode>', 'intended (default) or spec: the original\'s "break" / missed-is-impulsive quirks', 'intended')
    .option('--json', 'print JSON')
    .action(async (o: { quirks: string; json?: boolean }) => {
      const r = await ctx.call('drills:demo', { quirks: oneOf('--quirks', o.quirks, QUIRKS) });
      if (o.json) return ctx.json(r);
      printDetail(ctx, r.detail);
      ctx.out(`report: ${r.report.html}`);
    });

  drill.command('run').description('play a scenario with a scripted trader (--auto <policy>) and store the drill')
    .requiredOption('--scenario <id>', 'scenario id (see `peak drill scenarios`)')
    .option('--auto <policy>', `scripted trader: ${POLICIES.join(', ')}`)
    .option('--seed <n>', 'seed of the generator and the policy')
    .option('--length <bars>', 'bars to replay (default: the scenario\'s)')
    .option('--json', 'print JSON')
    .action(async (o: { scenario: string; auto?: string; seed?: string; length?: string; json?: boolean }) => {
      if (o.auto === undefined) throw new PeakError('BAD_INPUT', '--auto: required on the command line (an interactive drill runs in the app: Drills screen)');
      const policy = oneOf('--auto', o.auto, POLICIES);
      const r = await ctx.call('drills:auto', {
        scenario: o.scenario, policy,
        ...(o.seed !== undefined && { seed: num('--seed', o.seed, { integer: true }) }),
        ...(o.length !== undefined && { length: num('--length', o.length, { integer: true, min: 30, max: 20_000 }) }),
      });
      if (o.json) return ctx.json(r);
      ctx.out(`drill ${r.drillId}: ${r.total_signals} signals, ${r.missed_signals} missed, mean reaction ${fmt(r.avg_reaction_ms, 1)} ms`);
    });

  drill.command('scenarios').description('the scenario library (config/drills/*.toml)').option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const r = await ctx.call('drills:scenarios', {});
      if (o.json) return ctx.json(r);
      ctx.out(table(['id', 'name', 'source', 'strategy', 'bars', 'speed bars/s'], r.map((s) => [s.id, s.name, s.source, s.strategy, s.length, s.speedBarsPerS]), [false, false, false, false, true, true]));
    });

  drill.command('list').description('stored drills, newest first').option('--limit <n>', 'at most n', '20').option('--json', 'print JSON')
    .action(async (o: { limit: string; json?: boolean }) => {
      const r = await ctx.call('drills:list', { limit: num('--limit', o.limit, { integer: true, min: 1, max: 1000 }) });
      if (o.json) return ctx.json(r);
      if (!r.length) return ctx.out('no drills (try `peak drill demo`)');
      ctx.out(table(['id', 'created', 'status', 'scenario', 'signals', 'missed', 'mean ms', 'P&L'],
        r.map((d) => [d.id, iso(d.createdAt), d.status, d.scenarioId ?? '—', d.totalSignals, d.missedSignals ?? '—', fmt(d.avgReactionMs, 1), fmt(d.pnl, 2)]),
        [false, false, false, false, true, true, true, true]));
    });

  drill.command('show <id>').description('one drill: reaction stats, outcomes, heatmap').option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const d = await ctx.call('drills:get', { drillId: id });
      if (o.json) return ctx.json(d);
      printDetail(ctx, d);
    });

  drill.command('report <id>').description('write the HTML + Markdown + JSON report of a finished drill').option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const r = await ctx.call('drills:report', { drillId: id });
      if (o.json) return ctx.json(r);
      ctx.out(`report: ${r.html}\n        ${r.md}\n        ${r.json}`);
    });
}
