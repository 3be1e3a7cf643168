/**
 * Self-contained HTML rendering of a Report: plotly.js (plotly.js-dist-min) is inlined, the data is inline
 * JSON, there are no external requests — the file opens offline. The CSP allows only inline script/style.
 */
import { isNumericCell } from '../../../core/research/report-model';
import type { Report, Section } from './model';
import { criterionText, VERDICT_LABEL } from '../../../core/research/gonogo';

const escHtml = (s: string): string => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);
/** JSON safe inside <script>: no '</script>' or '<!--' can close the element. */
const jsonInScript = (v: unknown): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x)).replace(/</g, '\\u003c');

const VERDICT_COLOR = { GO: '#1a7f37', NO_GO: '#cf222e', INCONCLUSIVE: '#9a6700' } as const;

function sectionHtml(s: Section, i: number): string {
  switch (s.type) {
    case 'text':
      return `<section>${s.title ? `<h2>${escHtml(s.title)}</h2>` : ''}<p>${escHtml(s.text)}</p></section>`;
    case 'kv':
      return `<section><h2>${escHtml(s.title)}</h2><table class="kv">${s.rows.map(([k, v]) => `<tr><th>${escHtml(k)}</th><td>${escHtml(v)}</td></tr>`).join('')}</table></section>`;
    case 'table':
      return `<section><h2>${escHtml(s.title)}</h2><div class="scroll"><table><thead><tr>${s.columns.map((c) => `<th>${escHtml(c)}</th>`).join('')}</tr></thead><tbody>${s.rows.map((r) => `<tr>${r.map((c) => `<td${isNumericCell(c) ? ' class="num"' : ''}>${escHtml(c)}</td>`).join('')}</tr>`).join('')}</tbody></table></div></section>`;
    case 'chart':
      return `<section><h2>${escHtml(s.title)}</h2><div class="chart" id="chart-${i}" style="height:${s.height ?? 360}px"></div></section>`;
    case 'verdict':
      return `<section class="verdict" style="border-color:${VERDICT_COLOR[s.verdict]}"><h2>${escHtml(s.title)}</h2><div class="badge" style="background:${VERDICT_COLOR[s.verdict]}">${VERDICT_LABEL[s.verdict]}</div><ul>${s.reasons.length ? s.reasons.map((r) => `<li>${escHtml(r)}</li>`).join('') : '<li>every criterion passed</li>'}</ul><table>${s.checks.map((c) => `<tr class="${escHtml(c.status)}"><td title="${escHtml(c.criterion)}">${escHtml(criterionText(c.criterion))}</td><td>${escHtml(c.status)}</td><td>${escHtml(c.message)}</td></tr>`).join('')}</table></section>`;
  }
}

const CSS = `body{font:14px/1.45 system-ui,-apple-system,Segoe UI,Roboto,sans-serif;margin:0;background:#f6f8fa;color:#1f2328}
header{background:#0d1117;color:#e6edf3;padding:18px 28px}header h1{margin:0 0 6px;font-size:22px}
header .meta{font-size:12px;color:#9198a1}header code{color:#e6edf3}
main{max-width:1180px;margin:0 auto;padding:12px 28px 40px}
section{background:#fff;border:1px solid #d0d7de;border-radius:8px;padding:12px 16px;margin:14px 0}
h2{font-size:16px;margin:2px 0 10px}table{border-collapse:collapse;width:100%;font-variant-numeric:tabular-nums}
th,td{border-bottom:1px solid #eaeef2;padding:4px 8px;text-align:left;white-space:nowrap}
td.num{text-align:right}table.kv{width:auto}table.kv th{text-align:left;color:#59636e;font-weight:500}
.scroll{overflow-x:auto}.verdict{border-width:2px}.badge{display:inline-block;color:#fff;font-weight:700;padding:4px 14px;border-radius:14px;font-size:18px}
tr.fail td{color:#cf222e}tr.missing td{color:#9a6700}tr.skipped td{color:#8c959f}tr.pass td:nth-child(2){color:#1a7f37}`;

export function renderHtml(r: Report, plotlySource: string | null): string {
  const charts = r.sections
    .map((s, i) => (s.type === 'chart' ? { id: `chart-${i}`, traces: s.traces, xTime: s.xTime ?? false, xTitle: s.xTitle ?? '', yTitle: s.yTitle ?? '', yPercent: s.yPercent ?? false } : null))
    .filter((c) => c !== null);
  const script = plotlySource === null
    ? `document.querySelectorAll('.chart').forEach(function(d){d.textContent='(plotly.js not available: charts omitted)';});`
    : `var CHARTS=${jsonInScript(charts)};
CHARTS.forEach(function(c){
  var traces=c.traces.map(function(t){var o=Object.assign({type:'scatter',mode:'lines'},t);if(c.xTime){o.x=t.x.map(function(v){return new Date(v).toISOString();});}return o;});
  Plotly.newPlot(c.id,traces,{margin:{l:60,r:20,t:10,b:40},xaxis:c.xTime?{type:'date'}:{title:{text:c.xTitle}},yaxis:{title:{text:c.yTitle},tickformat:c.yPercent?'.1%':''},legend:{orientation:'h'},hovermode:'x unified'},{displaylogo:false,responsive:true});
});`;
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; script-src 'unsafe-inline' 'unsafe-eval'; style-src 'unsafe-inline'; img-src data: blob:; font-src data:">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escHtml(r.title)}</title><style>${CSS}</style></head>
<body><header><h1>${escHtml(r.title)}</h1>
<div class="meta">${r.subtitle ? `${escHtml(r.subtitle)} · ` : ''}kind ${escHtml(r.kind)} · run ${r.runId || '(not stored)'} · data set ${escHtml(r.dataset ?? '—')} · seed <code>${r.seed}</code> · config hash <code>${escHtml(r.configHash)}</code> · ${new Date(r.createdAt).toISOString()}</div></header>
<main>${r.sections.map(sectionHtml).join('\n')}</main>
${plotlySource === null ? '' : `<script>${plotlySource.replace(/<\/script/gi, '<\\/script')}</script>`}
<script>${script}</script>
<script type="application/json" id="report-data">${jsonInScript(r.data)}</script>
</body></html>`;
}
