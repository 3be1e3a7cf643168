/**
 * Per-drill report files under <data dir>/reports/drills/<id>/: report.html (plotly inlined, data inline, opens
 * offline), report.md and report.json (the stored detail). The heatmap's method and quirk mode are stated.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  CLUSTERS, CLUSTER_LABELS_DE, DIMENSIONS, DIMENSION_LABELS_DE, DIMENSION_LABELS_EN, type DrillDetail, type Heatmap,
} from '../../core/drills';
import { plotlySource } from '../files/reports/write';

export interface DrillReportRef {
  dir: string;
  html: string;
  md: string;
  json: string;
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const f = (x: number | null | undefined, d = 0) => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));

export function heatmapOf(d: DrillDetail): Heatmap | null {
  if (!d.analysis) return null;
  return d.config.method === 'features' ? d.analysis.heatmapFeatures : d.analysis.heatmapReport;
}

export function renderDrillMarkdown(d: DrillDetail): string {
  const a = d.analysis;
  const lines = [`# Drill ${d.drill.id}`, '', `- status: ${d.drill.status}`, `- scenario: ${d.config.scenarioId ?? '—'} · strategy: ${d.config.strategy} · bars: ${d.prices.close.length}`];
  if (!a) return `${lines.join('\n')}\n`;
  const s = a.summary;
  const h = heatmapOf(d) as Heatmap;
  lines.push(`- signals: ${d.signals.length} · missed: ${s.counts.MISSED} · paper P&L: ${f(a.pnl, 2)} (fees ${f(a.fees, 2)})`, '',
    '## Reaction times (ms)', '', '| n | mean | median | std | p50 | p90 | p95 | p99 | min | max |', '|---|---|---|---|---|---|---|---|---|---|',
    `| ${s.n} | ${f(s.mean, 1)} | ${f(s.median, 1)} | ${f(s.std, 1)} | ${f(s.p50, 1)} | ${f(s.p90, 1)} | ${f(s.p95, 1)} | ${f(s.p99, 1)} | ${f(s.min)} | ${f(s.max)} |`, '',
    `Categories: ${Object.entries(s.counts).map(([k, v]) => `${k} ${v}`).join(' · ')}`, '',
    '## Events', '', '| signal | bar | recommended | action | delay s | outcome | pnl after 20 bars | tags |', '|---|---|---|---|---|---|---|---|',
    ...a.events.map((e) => `| ${e.signalId} | ${e.bar} | ${e.recommended} | ${e.userAction ?? '—'} | ${e.hasAction ? e.delayS.toFixed(3) : '—'} | ${e.outcome} | ${f(e.pnlAfterBars, 4)} | ${e.tags.join(', ')} |`), '',
    '## Pain points', '', ...(a.painPoints.length ? a.painPoints.map((e) => `- ${e.signalId} (bar ${e.bar}): ${e.outcome}, pnl after ${f(e.pnlAfterBars, 4)}`) : ['- none']), '',
    `## Psychology heatmap (method: ${h.method}${h.method === 'report' ? `, quirks: ${h.quirks}` : ''})`, '',
    `| cluster | ${DIMENSIONS.map((x) => `${DIMENSION_LABELS_DE[x]} (${DIMENSION_LABELS_EN[x]})`).join(' | ')} | events |`, `|---|${DIMENSIONS.map(() => '---').join('|')}|---|`,
    ...CLUSTERS.map((c) => `| ${CLUSTER_LABELS_DE[c]} | ${DIMENSIONS.map((dim) => { const cell = h.cells.find((x) => x.cluster === c && x.dimension === dim); return `${f(cell?.score, 2)} (heat ${cell?.heat})`; }).join(' | ')} | ${h.counts[c]} |`), '',
    `Problem clusters (score ≥ 2.5): ${h.problemClusters.map((c) => CLUSTER_LABELS_DE[c]).join(', ') || 'none'}`, '');
  return lines.join('\n');
}

const HEAT_COLOURS: [number, string][] = [[0, '#1f6f43'], [0.25, '#1f6f43'], [0.25, '#c9a227'], [0.5, '#c9a227'], [0.5, '#d9822b'], [0.75, '#d9822b'], [0.75, '#c0392b'], [1, '#c0392b']];

export function renderDrillHtml(d: DrillDetail, plotly: string | null): string {
  const h = heatmapOf(d);
  const a = d.analysis;
  const md = renderDrillMarkdown(d);
  const charts = a && h ? {
    heat: {
      data: [{ type: 'heatmap', x: DIMENSIONS.map((x) => DIMENSION_LABELS_DE[x]), y: CLUSTERS.map((c) => CLUSTER_LABELS_DE[c]),
        z: CLUSTERS.map((c) => DIMENSIONS.map((dim) => h.cells.find((x) => x.cluster === c && x.dimension === dim)?.heat ?? 0)),
        text: CLUSTERS.map((c) => DIMENSIONS.map((dim) => { const cell = h.cells.find((x) => x.cluster === c && x.dimension === dim); return `score ${f(cell?.score, 2)}<br>events: ${cell?.signalIds.join(', ') || '—'}`; })),
        hovertemplate: '%{y} · %{x}<br>%{text}<extra></extra>', zmin: 0, zmax: 3, colorscale: HEAT_COLOURS }],
      layout: { title: `Psychology heatmap (${h.method})`, margin: { l: 190 }, height: 380 },
    },
    hist: { data: [{ type: 'histogram', x: a.reactions.flatMap((r) => (r.reactionMs === null ? [] : [r.reactionMs])), nbinsx: 20 }], layout: { title: 'Reaction time (ms)', height: 300 } },
    price: {
      data: [{ type: 'scatter', mode: 'lines', x: d.prices.time, y: d.prices.close, name: 'close' },
        { type: 'scatter', mode: 'markers', x: d.signals.map((s) => d.prices.time[s.bar]), y: d.signals.map((s) => d.prices.close[s.bar]), text: d.signals.map((s) => `${s.signalId} ${s.recommended}`), name: 'signals', marker: { size: 9 } }],
      layout: { title: 'Replayed prices and signals', height: 320, xaxis: { type: 'date' } },
    },
  } : null;
  const data = JSON.stringify(charts).replace(/</g, '\\u003c');
  return `<!doctype html><html><head><meta charset="utf-8"><title>Drill ${esc(d.drill.id)}</title>
<style>body{font:14px system-ui,sans-serif;margin:24px;max-width:1200px}pre{white-space:pre-wrap;background:#f5f5f5;padding:12px}.chart{min-height:300px}</style></head>
<body><h1>Drill report</h1><div id="heat" class="chart"></div><div id="hist" class="chart"></div><div id="price" class="chart"></div>
<pre>${esc(md)}</pre>
${plotly === null ? '' : `<script>${plotly.replace(/<\/script/gi, '<\\/script')}</script>`}
<script>var C=${data};if(C&&window.Plotly){['heat','hist','price'].forEach(function(k){Plotly.newPlot(k,C[k].data,C[k].layout,{displaylogo:false});});}
else{document.querySelectorAll('.chart').forEach(function(d){d.textContent=C?'(plotly.js not available: charts omitted)':'';});}</script></body></html>`;
}

export function writeDrillReport(dataDir: string, d: DrillDetail): DrillReportRef {
  const dir = join(dataDir, 'reports', 'drills', d.drill.id);
  mkdirSync(dir, { recursive: true });
  const out = { dir, html: join(dir, 'report.html'), md: join(dir, 'report.md'), json: join(dir, 'report.json') };
  writeFileSync(out.json, JSON.stringify(d, null, 2));
  writeFileSync(out.md, renderDrillMarkdown(d));
  writeFileSync(out.html, renderDrillHtml(d, plotlySource()));
  return out;
}
