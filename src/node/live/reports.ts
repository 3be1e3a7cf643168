/**
 * Session report and daily live-status report: self-contained HTML (inline CSS and an inline SVG equity line,
 * no scripts, no external resources) and Markdown. Every value is escaped; secrets never reach here (session
 * configs are stored redacted).
 */
import type { SessionDetail, SessionSummary } from '../../core/api/commands/live-schemas';

const esc = (s: string): string => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
const f2 = (x: number): string => (Number.isFinite(x) ? x.toFixed(2) : '—');
const iso = (t: number | null): string => (t === null ? '—' : new Date(t).toISOString().replace('T', ' ').slice(0, 19));

export function maxDrawdownPct(equity: number[]): number {
  let peak = -Infinity, dd = 0;
  for (const e of equity) { if (e > peak) peak = e; if (peak > 0) dd = Math.min(dd, (e - peak) / peak); }
  return dd * 100;
}

function svgLine(values: number[], w = 720, h = 160): string {
  if (values.length < 2) return '';
  const step = Math.max(1, Math.floor(values.length / 600));
  const pts = values.filter((_, i) => i % step === 0 || i === values.length - 1);
  const lo = Math.min(...pts), hi = Math.max(...pts), span = hi - lo || 1;
  const d = pts.map((v, i) => `${((i / (pts.length - 1)) * w).toFixed(1)},${(h - ((v - lo) / span) * h).toFixed(1)}`).join(' ');
  return `<svg viewBox="0 0 ${w} ${h}" width="${w}" height="${h}" role="img" aria-label="equity"><polyline fill="none" stroke="#2f6fde" stroke-width="1.5" points="${d}"/></svg>`;
}

const CSS = 'body{font:14px system-ui,sans-serif;margin:24px;color:#1b1f24}table{border-collapse:collapse}td,th{border:1px solid #ccd;padding:3px 8px;text-align:right;font-variant-numeric:tabular-nums}th{background:#f2f4f8}td:first-child,th:first-child{text-align:left}.locked{background:#b3261e;color:#fff;padding:2px 8px;border-radius:4px;font-weight:600}';

export function sessionReport(s: SessionDetail): { title: string; html: string; markdown: string } {
  const title = `Session ${s.id}: ${s.name}`;
  const dd = maxDrawdownPct(s.equity);
  const rows: [string, string][] = [
    ['status', `${s.status}${s.statusDetail ? ` (${s.statusDetail})` : ''}`], ['mode', s.mode], ['strategy', s.strategyId], ['params', JSON.stringify(s.config.params)],
    ['bars', `${s.barsDone} / ${s.barsTotal ?? '?'}`], ['equity start', f2(s.equityStart)], ['equity last', f2(s.equityLast)], ['P&L [%]', f2(s.pnlPct)],
    ['max drawdown [%]', f2(dd)], ['trades', String(s.tradeCount)], ['rejected orders', String(s.rejected)], ['risk mode', s.config.riskMode],
    ['mean signal→send [ms]', f2(s.latency.meanSignalToSendMs)], ['mean slippage [bps]', f2(s.latency.meanSlippageBps)], ['config hash', s.configHash],
    ['period', `${iso(s.firstTime)} … ${iso(s.lastTime)}`],
  ];
  const trades = s.trades.slice(-50);
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>
<h1>${esc(title)}</h1><p><span class="locked">LIVE LOCKED</span> paper/dry-run only — no order was sent to an exchange.</p>
<table>${rows.map(([k, v]) => `<tr><th>${esc(k)}</th><td>${esc(v)}</td></tr>`).join('')}</table>
<h2>Equity</h2>${svgLine(s.equity)}
<h2>Trades (last ${trades.length} of ${s.trades.length})</h2><table><tr><th>entry</th><th>exit</th><th>size</th><th>entry price</th><th>exit price</th><th>pnl</th><th>reason</th></tr>
${trades.map((t) => `<tr><td>${esc(iso(t.entryTime))}</td><td>${esc(iso(t.exitTime))}</td><td>${t.size.toPrecision(5)}</td><td>${f2(t.entryPrice)}</td><td>${f2(t.exitPrice)}</td><td>${f2(t.pnl)}</td><td>${esc(t.exitReason)}</td></tr>`).join('\n')}</table>
</body></html>\n`;
  const md = [`# ${title}`, '', '**LIVE LOCKED** — paper/dry-run only; no order was sent to an exchange.', '', '| key | value |', '|---|---|',
    ...rows.map(([k, v]) => `| ${k} | ${v.replace(/\|/g, '/')} |`), '', `## Trades (last ${trades.length} of ${s.trades.length})`, '',
    '| entry | exit | size | entry price | exit price | pnl | reason |', '|---|---|---|---|---|---|---|',
    ...trades.map((t) => `| ${iso(t.entryTime)} | ${iso(t.exitTime)} | ${t.size.toPrecision(5)} | ${f2(t.entryPrice)} | ${f2(t.exitPrice)} | ${f2(t.pnl)} | ${t.exitReason} |`), ''].join('\n');
  return { title, html, markdown: md };
}

export function dailyReport(day: string, sessions: SessionSummary[], tradingState: string, alerts: { level: string; code: string; message: string; count: number }[]): { title: string; html: string; markdown: string } {
  const title = `Live status ${day}`;
  const rows = sessions.map((s) => [String(s.id), s.name, s.mode, s.strategyId, s.status, String(s.tradeCount), f2(s.equityLast), f2(s.pnlPct)]);
  const head = ['id', 'name', 'mode', 'strategy', 'status', 'trades', 'equity', 'P&L %'];
  const html = `<!doctype html><html><head><meta charset="utf-8"><title>${esc(title)}</title><style>${CSS}</style></head><body>
<h1>${esc(title)}</h1><p><span class="locked">LIVE LOCKED</span> trading state <b>${esc(tradingState)}</b> · ${sessions.length} session(s) · ${alerts.length} alert(s)</p>
<table><tr>${head.map((h) => `<th>${h}</th>`).join('')}</tr>${rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join('')}</tr>`).join('\n')}</table>
<h2>Alerts</h2><ul>${alerts.map((a) => `<li>[${esc(a.level)}] ${esc(a.code)}: ${esc(a.message)}${a.count > 1 ? ` (×${a.count})` : ''}</li>`).join('')}</ul></body></html>\n`;
  const md = [`# ${title}`, '', `**LIVE LOCKED** · trading state **${tradingState}** · ${sessions.length} session(s)`, '', `| ${head.join(' | ')} |`, `|${head.map(() => '---').join('|')}|`,
    ...rows.map((r) => `| ${r.join(' | ')} |`), '', '## Alerts', '', ...alerts.map((a) => `- [${a.level}] ${a.code}: ${a.message}${a.count > 1 ? ` (×${a.count})` : ''}`), ''].join('\n');
  return { title, html, markdown: md };
}
