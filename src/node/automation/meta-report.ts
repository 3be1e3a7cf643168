/**
 * The meta report over the last 7 or 30 days of suite runs: per job and metric a trend (duration, ticks/s,
 * trades, net P&L, missed-trigger rate, …), the latest value against the trailing median, and a regression flag
 * when it is more than 10 % worse (core/automation/regression.ts). Written as self-contained HTML (plotly
 * inlined, data inline) and Markdown into <dir>/meta_<days>d_<YYYYmmdd_HHMMSS>.{html,md}.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { computeTrends, REGRESSION_THRESHOLD, type MetricTrend } from '../../core/automation/regression';
import { compactTimestamp, type SuiteName } from '../../core/automation/schemas';
import { plotlySource } from '../files/reports/write';
import type { AutomationRepository } from '../db/automation';

const DAY_MS = 86_400_000;

export interface MetaReport {
  days: number;
  suite: SuiteName | null;
  fromMs: number;
  toMs: number;
  runs: number;
  trends: MetricTrend[];
  regressions: MetricTrend[];
}

export function buildMetaReport(repo: AutomationRepository, nowMs: number, days: number, suite?: SuiteName): MetaReport {
  const fromMs = nowMs - days * DAY_MS;
  const rows = repo.listRuns({ ...(suite && { suite }), from: fromMs, to: nowMs, limit: 5000 }).filter((r) => r.status !== 'running');
  const trends = computeTrends(rows.map((r) => ({ runId: r.id, startedAt: r.startedAt, jobs: r.log.jobs })), fromMs, nowMs);
  return { days, suite: suite ?? null, fromMs, toMs: nowMs, runs: rows.length, trends, regressions: trends.filter((t) => t.regression) };
}

const fmt = (x: number | null) => (x === null ? '—' : Math.abs(x) >= 1000 ? x.toFixed(0) : Math.abs(x) >= 1 ? x.toFixed(3) : x.toPrecision(3));
const pct = (x: number | null) => (x === null ? '—' : `${x >= 0 ? '+' : ''}${(x * 100).toFixed(1)} %`);
const esc = (s: string) => s.replace(/[&<>"]/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;' })[c] as string);

export function metaMarkdown(r: MetaReport): string {
  const head = [
    `# Automation meta report — last ${r.days} days${r.suite ? ` (${r.suite})` : ''}`,
    '',
    `Window ${new Date(r.fromMs).toISOString()} … ${new Date(r.toMs).toISOString()}; ${r.runs} finished run(s). ` +
      `A regression is the latest value more than ${REGRESSION_THRESHOLD * 100} % worse than the median of the earlier runs in the window.`,
    '',
    r.regressions.length ? `**${r.regressions.length} regression(s):** ${r.regressions.map((t) => `${t.job} ${t.metric} ${pct(t.change)}`).join('; ')}` : 'No regressions.',
    '',
    '| job | metric | runs | latest | trailing median | change | flag |',
    '|---|---|---:|---:|---:|---:|---|',
  ];
  const rows = r.trends.map((t) => `| ${t.job} | ${t.metric} | ${t.points.length} | ${fmt(t.latest)} | ${fmt(t.baseline)} | ${pct(t.change)} | ${t.regression ? '⚠ regression' : ''} |`);
  return [...head, ...rows, ''].join('\n');
}

export function metaHtml(r: MetaReport, plotly: string | null): string {
  const charts = r.trends.map((t, i) => ({
    id: `c${i}`,
    title: `${t.job} · ${t.metric}${t.regression ? ' ⚠' : ''}`,
    data: [
      { x: t.points.map((p) => new Date(p.t).toISOString()), y: t.points.map((p) => p.value), mode: 'lines+markers', name: t.metric, line: { color: t.regression ? '#d9534f' : '#3b82f6' } },
      ...(t.baseline === null ? [] : [{ x: [new Date(t.points[0]?.t ?? r.fromMs).toISOString(), new Date(t.points[t.points.length - 1]?.t ?? r.toMs).toISOString()], y: [t.baseline, t.baseline], mode: 'lines', name: 'trailing median', line: { dash: 'dot', color: '#888' } }]),
    ],
  }));
  const rows = r.trends.map((t) => `<tr class="${t.regression ? 'reg' : ''}"><td>${esc(t.job)}</td><td>${esc(t.metric)}</td><td>${t.points.length}</td><td>${fmt(t.latest)}</td><td>${fmt(t.baseline)}</td><td>${pct(t.change)}</td><td>${t.regression ? '⚠ regression' : ''}</td></tr>`).join('');
  const plots = plotly === null
    ? `document.querySelectorAll('.chart').forEach(function(d){d.textContent='(plotly.js not available: charts omitted)';});`
    : `var C=${JSON.stringify(charts).replace(/</g, '\\u003c')};C.forEach(function(c){Plotly.newPlot(c.id,c.data,{title:{text:c.title,font:{size:13}},margin:{l:50,r:10,t:36,b:40},height:240,showlegend:false},{displaylogo:false,responsive:true});});`;
  return `<!doctype html><html><head><meta charset="utf-8"><title>Automation meta report (${r.days} days)</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;color:#222}table{border-collapse:collapse}td,th{border:1px solid #ddd;padding:4px 8px;text-align:right}td:first-child,td:nth-child(2){text-align:left}tr.reg{background:#fde8e8}.grid{display:grid;grid-template-columns:repeat(auto-fill,minmax(380px,1fr));gap:8px}</style></head><body>
<h1>Automation meta report — last ${r.days} days${r.suite ? ` (${esc(r.suite)})` : ''}</h1>
<p>${r.runs} finished run(s) from ${new Date(r.fromMs).toISOString()} to ${new Date(r.toMs).toISOString()}. Regression: latest more than ${REGRESSION_THRESHOLD * 100} % worse than the trailing median.</p>
<p><b>${r.regressions.length ? `${r.regressions.length} regression(s)` : 'No regressions'}</b></p>
<table><thead><tr><th>job</th><th>metric</th><th>runs</th><th>latest</th><th>trailing median</th><th>change</th><th>flag</th></tr></thead><tbody>${rows}</tbody></table>
<div class="grid">${charts.map((c) => `<div class="chart" id="${c.id}"></div>`).join('')}</div>
${plotly === null ? '' : `<script>${plotly.replace(/<\/script/gi, '<\\/script')}</script>`}
<script>${plots}</script></body></html>
`;
}

export function writeMetaReport(dir: string, r: MetaReport): { html: string; md: string } {
  mkdirSync(dir, { recursive: true });
  const base = join(dir, `meta_${r.days}d_${compactTimestamp(r.toMs)}`);
  writeFileSync(`${base}.html`, metaHtml(r, plotlySource()));
  writeFileSync(`${base}.md`, metaMarkdown(r));
  return { html: `${base}.html`, md: `${base}.md` };
}
