/**
 * Report sections for each research run kind. Each builder returns sections; the handler wraps them in a
 * Report with provenance (run id, seed, config hash) and writes it. Fractions are shown as percentages.
 */
import type { z } from 'zod';
import type { GoNoGoResultSchema, McSummarySchema, StressSummarySchema, WfSummarySchema } from '../../../core/api/commands/research';
import { fmtNum, fmtPct, type ChartTrace, type Section } from './model';

// Trace colours readable on the app's dark and light panels and on the HTML file's white page.
const BLUE = '#4c9aff';
const RED = '#e5534b';
/** the run's own equity over the Monte-Carlo bands, as on the Research tab */
const ORANGE = '#f5a623';

/** a difference of two fractions in percentage points (Trust #5) */
const fmtPp = (x: number): string => (Number.isFinite(x) ? `${(x * 100).toFixed(2)} pp` : '—');

type Wf = z.infer<typeof WfSummarySchema>;
type Mc = z.infer<typeof McSummarySchema>;
type Stress = z.infer<typeof StressSummarySchema>;
type GoNoGo = z.infer<typeof GoNoGoResultSchema>;

/** At most `max` evenly spaced indices of n points, always the last (the charts stay small in both files). */
export function thinIndices(n: number, max = 2000): number[] {
  const step = Math.max(1, Math.ceil(n / max));
  const out: number[] = [];
  for (let i = 0; i < n; i++) if (i % step === 0 || i === n - 1) out.push(i);
  return out;
}

/** Equity and drawdown (fraction from the running peak) charts of one curve, x in epoch ms. */
export function equitySections(title: string, time: ArrayLike<number>, equity: ArrayLike<number>, extra: ChartTrace[] = []): Section[] {
  const n = Math.min(time.length, equity.length);
  const keep = thinIndices(n); // ascending: walked with a cursor while every bar still sets the running peak
  let next = 0;
  const x: number[] = [], y: number[] = [], dd: number[] = [];
  let peak = -Infinity;
  for (let i = 0; i < n; i++) {
    peak = Math.max(peak, equity[i]);
    if (i === keep[next]) {
      next++;
      x.push(time[i]); y.push(equity[i]); dd.push(peak > 0 ? equity[i] / peak - 1 : 0);
    }
  }
  return [
    { type: 'chart', title: `${title}: equity`, xTime: true, yTitle: 'equity', traces: [{ name: 'equity', x, y, line: { color: BLUE } }, ...extra] },
    { type: 'chart', title: `${title}: drawdown`, xTime: true, yTitle: 'drawdown', yPercent: true, height: 220, traces: [{ name: 'drawdown', x, y: dd, fill: 'tonexty', line: { color: RED } }] },
  ];
}

export function wfSections(s: Wf): Section[] {
  const a = s.aggregates;
  const day = timeFormat(s.folds.flatMap((f) => [f.trainFrom, f.trainTo, f.testFrom, f.testTo]));
  return [
    { type: 'kv', title: 'Walk-forward summary', rows: [
      ['windows (positive / total)', `${a.positiveWindows ?? 0} / ${a.totalWindows ?? 0} (${fmtPct(a.winRateWindows, 0)})`],
      ['optimisation metric · grid size', `${s.metric} · ${s.gridSize}`],
      ['OOS Sharpe avg / min / max', `${fmtNum(a.avgSharpe)} / ${fmtNum(a.minSharpe)} / ${fmtNum(a.maxSharpe)}`],
      ['OOS return avg / min / max', `${fmtPct(a.avgReturn)} / ${fmtPct(a.minReturn)} / ${fmtPct(a.maxReturn)}`],
      ['OOS avg max drawdown', fmtPct(a.avgMaxDrawdown)],
      ['stitched OOS: return · max DD · Sharpe', `${fmtPct(s.stitchedTotalReturn)} · ${fmtPct(s.stitchedMaxDrawdown)} · ${fmtNum(s.stitchedSharpe)}`],
      ['walk-forward efficiency (mean OOS ann. return / mean IS ann. return)', s.efficiency === null ? '— (mean IS ann. return ≤ 0)' : fmtNum(s.efficiency)],
    ] },
    { type: 'table', title: 'Windows', columns: ['#', 'train', 'test', 'parameters', 'IS Sharpe', 'IS return', 'OOS Sharpe', 'OOS return', 'OOS max DD', 'OOS trades'],
      rows: s.folds.map((f) => [
        String(f.window.index), `${day(f.trainFrom)} → ${day(f.trainTo)}`, `${day(f.testFrom)} → ${day(f.testTo)}`,
        Object.entries(f.params).map(([k, v]) => `${k}=${String(v)}`).join(' '),
        fmtNum(f.is.sharpe), fmtPct(f.is.totalReturn), fmtNum(f.oos.sharpe), fmtPct(f.oos.totalReturn), fmtPct(f.oos.maxDrawdown), fmtNum(f.oos.trades, 0),
      ]) },
    stitchedChart(s.stitched),
    { type: 'chart', title: 'Per-window Sharpe (in-sample vs out-of-sample)', xTitle: 'window', yTitle: 'Sharpe', height: 260, traces: [
      { name: 'IS', type: 'bar', x: s.folds.map((f) => f.window.index), y: s.folds.map((f) => f.is.sharpe ?? 0) },
      { name: 'OOS', type: 'bar', x: s.folds.map((f) => f.window.index), y: s.folds.map((f) => f.oos.sharpe ?? 0) },
    ] },
  ];
}

/** The stitched OOS curve has one point per test bar (525,600 for a minute year): thinned like the equity charts. */
function stitchedChart(st: Wf['stitched']): Section {
  const keep = thinIndices(Math.min(st.time.length, st.equity.length));
  return { type: 'chart', title: 'Stitched out-of-sample equity', xTime: true, yTitle: 'equity', traces: [{ name: 'stitched OOS', x: keep.map((i) => st.time[i]), y: keep.map((i) => st.equity[i]), line: { color: BLUE } }] };
}

/**
 * UTC date and time of window bounds; only the date when every bound is at midnight (daily bars), so the windows
 * table of a daily run fits the page without a column of "00:00".
 */
export function timeFormat(times: readonly number[]): (t: number) => string {
  const dateOnly = times.every((t) => !Number.isFinite(t) || t % 86_400_000 === 0);
  return (t) => (Number.isFinite(t) ? new Date(t).toISOString().slice(0, dateOnly ? 10 : 16).replace('T', ' ') : '—');
}

/** The run the paths were resampled from: its bars' times and equity, and the bar the returns start after. */
export interface McBaseline {
  time: ArrayLike<number>;
  equity: ArrayLike<number>;
  /** bar index of path step 0 (the bar before the strategy's first active bar; returns run from there) */
  firstBar: number;
}

/**
 * The fan's x axis: for bar-resampling methods with a baseline, step k is the baseline's bar firstBar + k — its
 * own timestamp — and the run's actual equity is drawn over the bands; otherwise steps from the start.
 */
function fanAxis(s: Mc, baseline?: McBaseline): { x: number[]; actual: number[] | null } {
  const steps = s.fan.step;
  if (!baseline || s.method === 'trade_shuffle' || steps.some((k) => baseline.firstBar + k >= Math.min(baseline.time.length, baseline.equity.length))) return { x: steps, actual: null };
  return { x: steps.map((k) => baseline.time[baseline.firstBar + k]), actual: steps.map((k) => baseline.equity[baseline.firstBar + k]) };
}

export function mcSections(s: Mc, baseline?: McBaseline): Section[] {
  const axis = fanAxis(s, baseline);
  const row = (name: string, d: Mc['finalEquity'], pct: boolean): string[] => {
    const f = pct ? (x: number) => fmtPct(x) : (x: number) => fmtNum(x);
    return [name, f(d.p5), f(d.p25), f(d.p50), f(d.p75), f(d.p95), f(d.mean), f(d.std)];
  };
  return [
    { type: 'kv', title: 'Monte-Carlo', rows: [
      ['method · paths · length', `${s.method} · ${s.nPaths} · ${s.length}`],
      ['periods per year (annualisation)', fmtNum(s.periodsPerYear, 1)],
      ['probability of loss (final < initial)', fmtPct(s.probLoss)],
      ['initial equity', fmtNum(s.initialEquity)],
    ] },
    { type: 'table', title: 'Distribution of path statistics', columns: ['statistic', 'p5', 'p25', 'p50', 'p75', 'p95', 'mean', 'std'], rows: [
      row('final equity', s.finalEquity, false), row('total return', s.totalReturn, true), row('max drawdown', s.maxDrawdown, true),
      row('Sharpe (annualised)', s.sharpe, false), row('CAGR', s.cagr, true),
    ] },
    { type: 'chart', title: `Fan chart (${s.fan.nPaths} paths)`, ...(axis.actual ? { xTime: true } : { xTitle: s.method === 'trade_shuffle' ? 'trades from start' : 'bars from start' }), yTitle: 'equity', traces: [
      { name: 'p5', x: axis.x, y: s.fan.p5, line: { color: 'rgba(76,154,255,0.45)', width: 1 } },
      { name: 'p95', x: axis.x, y: s.fan.p95, fill: 'tonexty', fillcolor: 'rgba(76,154,255,0.15)', line: { color: 'rgba(76,154,255,0.45)', width: 1 } },
      { name: 'p25', x: axis.x, y: s.fan.p25, line: { color: 'rgba(76,154,255,0.7)', width: 1 } },
      { name: 'p75', x: axis.x, y: s.fan.p75, fill: 'tonexty', fillcolor: 'rgba(76,154,255,0.32)', line: { color: 'rgba(76,154,255,0.7)', width: 1 } },
      { name: 'median', x: axis.x, y: s.fan.p50, line: { color: BLUE, width: 2 } },
      ...(axis.actual ? [{ name: 'actual equity (this run)', x: axis.x, y: axis.actual, line: { color: ORANGE, width: 1.5 } }] : []),
    ] },
  ];
}

export function stressSections(s: Stress): Section[] {
  const b = s.baseline;
  return [
    { type: 'table', title: 'Stress scenarios (baseline vs stressed)', columns: ['scenario', 'severity', 'position', 'total return', 'Δ return (pp)', 'max DD', 'Δ max DD (pp)', 'Sharpe', 'Δ Sharpe', 'CAGR', 'volatility'],
      rows: [
        ['baseline', '—', '—', fmtPct(b.totalReturn), '', fmtPct(b.maxDrawdown), '', fmtNum(b.sharpe), '', fmtPct(b.cagr), fmtPct(b.volatility)],
        ...s.results.map((r) => [
          r.scenario.kind, fmtNum(r.scenario.severity, 3), r.scenario.position, fmtPct(r.stressed.totalReturn), fmtPp(r.diff.totalReturn),
          fmtPct(r.stressed.maxDrawdown), fmtPp(r.diff.maxDrawdown), fmtNum(r.stressed.sharpe), fmtNum(r.diff.sharpe), fmtPct(r.stressed.cagr), fmtPct(r.stressed.volatility),
        ]),
      ] },
    { type: 'chart', title: 'Max drawdown per scenario', xTitle: 'scenario', yTitle: 'max drawdown', yPercent: true, height: 260, traces: [
      { name: 'max drawdown', type: 'bar', x: s.results.map((r) => r.scenario.kind), y: s.results.map((r) => r.stressed.maxDrawdown) },
    ] },
  ];
}

export function gonogoSection(g: GoNoGo): Section {
  return { type: 'verdict', title: `Go/No-Go (${g.riskProfile}${g.tier ? `, tier ${g.tier}` : ''})`, verdict: g.verdict, reasons: g.reasons, checks: g.checks };
}
