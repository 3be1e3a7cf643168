/**
 * Pure display formatters for the workbench. Numbers arrive in engine conventions: returns, drawdowns and
 * rates are fractions (0.0123 = 1.23 %), prices and equity in quote currency, times in epoch milliseconds (UTC).
 * Every formatter is total: null / undefined / NaN render as an em dash rather than "NaN".
 */
import { calendarMsPerBar, formatBarCount, formatBarsAsDuration } from '../../../core/data/bar-duration';

export const DASH = '—';

const isNum = (v: unknown): v is number => typeof v === 'number' && Number.isFinite(v);

// One Intl.NumberFormat per digit count: toLocaleString with options builds a new formatter on every call,
// which a 200-row trades table pays ~1,000 times per render.
const numberFormats = new Map<number, Intl.NumberFormat>();
function numberFormat(digits: number): Intl.NumberFormat {
  let f = numberFormats.get(digits);
  if (!f) numberFormats.set(digits, (f = new Intl.NumberFormat('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits })));
  return f;
}
const intFormat = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 });

/** Fixed decimals with thousands separators: 12345.678 → "12,345.68". */
export function fmtNum(v: number | null | undefined, digits = 2): string {
  if (typeof v !== 'number' || Number.isNaN(v)) return DASH;
  if (!Number.isFinite(v)) return v > 0 ? '∞' : '−∞';
  return numberFormat(digits).format(v);
}

/** Integer with separators: 1234567 → "1,234,567". */
export function fmtInt(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  return intFormat.format(Math.round(v));
}

/** A fraction as a percentage: 0.1234 → "12.34 %" (sign kept, optional forced "+"). */
export function fmtPct(v: number | null | undefined, digits = 2, signed = false): string {
  if (!isNum(v)) return DASH;
  const s = (v * 100).toFixed(digits);
  return `${signed && v > 0 ? '+' : ''}${s} %`;
}

/** Compact magnitude: 1_250_000 → "1.25M", 12_500 → "12.5k". */
export function fmtCompact(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  const a = Math.abs(v);
  const trim = (x: number) => String(Number(x.toFixed(2)));
  if (a >= 1e9) return `${trim(v / 1e9)}B`;
  if (a >= 1e6) return `${trim(v / 1e6)}M`;
  if (a >= 1e4) return `${trim(v / 1e3)}k`;
  return Number.isInteger(v) ? v.toLocaleString('en-US') : trim(v);
}

/** Price with precision that adapts to magnitude (crypto prices range 1e-6 … 1e5). */
export function fmtPrice(v: number | null | undefined): string {
  if (!isNum(v)) return DASH;
  const a = Math.abs(v);
  const d = a >= 1000 ? 2 : a >= 1 ? 4 : a >= 0.01 ? 6 : 8;
  return fmtNum(v, d);
}

const pad = (n: number) => String(n).padStart(2, '0');

/** Epoch ms → "2024-03-05 14:07" (UTC; markets and data files are UTC). Date-only when the time is midnight. */
export function fmtTime(ms: number | null | undefined, withTime: boolean | 'auto' = 'auto'): string {
  if (!isNum(ms)) return DASH;
  const d = new Date(ms);
  const date = `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}`;
  const midnight = d.getUTCHours() === 0 && d.getUTCMinutes() === 0;
  if (withTime === false || (withTime === 'auto' && midnight)) return date;
  return `${date} ${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}`;
}

/** Bar interval in ms → "1m", "4h", "1d", "1w"; irregular values fall back to seconds. */
export function fmtInterval(ms: number | null | undefined): string {
  if (!isNum(ms) || ms <= 0) return DASH;
  const units: [number, string][] = [
    [7 * 86_400_000, 'w'],
    [86_400_000, 'd'],
    [3_600_000, 'h'],
    [60_000, 'm'],
    [1_000, 's'],
  ];
  for (const [u, s] of units) if (ms % u === 0) return `${ms / u}${s}`;
  return `${ms} ms`;
}

/** Duration in seconds → "42 s", "3 m 05 s", "1 h 02 m" (for ETAs). */
export function fmtDuration(sec: number | null | undefined): string {
  if (!isNum(sec) || sec < 0) return DASH;
  if (sec < 1) return `${Math.round(sec * 1000)} ms`;
  if (sec < 60) return `${sec < 10 ? sec.toFixed(1) : Math.round(sec)} s`;
  const s = Math.round(sec);
  if (s < 3600) return `${Math.floor(s / 60)} m ${pad(s % 60)} s`;
  if (s < 172_800) return `${Math.floor(s / 3600)} h ${pad(Math.floor((s % 3600) / 60))} m`;
  const days = s / 86_400;
  return days < 10 ? `${days.toFixed(1)} d` : `${Math.round(days).toLocaleString('en-US')} d`;
}

/** CSS class for a signed figure (green up, red down). */
export function signClass(v: number | null | undefined): string {
  if (!isNum(v) || v === 0) return '';
  return v > 0 ? 'pos' : 'neg';
}

/**
 * Known metric keys → label, unit and how to render. Keys follow computeMetrics: a `Pct` suffix means the value
 * is ALREADY in percent (totalReturnPct 12.3 = 12.3 %); ratios are plain; money in quote currency. Unknown keys
 * fall back to a humanised label (and `Pct` → percent), so a new metric shows up without a UI change.
 */
export type MetricKind = 'pct' | 'frac' | 'ratio' | 'int' | 'money' | 'num' | 'bars';
export interface MetricInfo {
  label: string;
  kind: MetricKind;
  unit?: string;
  /** higher is better (for colouring and sort defaults) */
  higherIsBetter?: boolean;
}

export const METRIC_INFO: Record<string, MetricInfo> = {
  totalReturnPct: { label: 'Total return', kind: 'pct', higherIsBetter: true },
  cagrPct: { label: 'CAGR', kind: 'pct', unit: '/yr', higherIsBetter: true },
  annReturnPct: { label: 'Ann. return', kind: 'pct', unit: '/yr', higherIsBetter: true },
  annVolatilityPct: { label: 'Ann. volatility', kind: 'pct', unit: '/yr', higherIsBetter: false },
  sharpe: { label: 'Sharpe', kind: 'ratio', unit: 'ann.', higherIsBetter: true },
  sortino: { label: 'Sortino', kind: 'ratio', unit: 'ann.', higherIsBetter: true },
  calmar: { label: 'Calmar', kind: 'ratio', higherIsBetter: true },
  maxDrawdownPct: { label: 'Max drawdown', kind: 'pct', higherIsBetter: true },
  // a bar count, shown as time from the run's own bars per year (core/data/bar-duration)
  maxDrawdownDurationBars: { label: 'Max DD duration', kind: 'bars', higherIsBetter: false },
  avgDrawdownPct: { label: 'Avg drawdown', kind: 'pct', higherIsBetter: true },
  profitFactor: { label: 'Profit factor', kind: 'ratio', higherIsBetter: true },
  winRatePct: { label: 'Win rate', kind: 'pct', higherIsBetter: true },
  expectancy: { label: 'Expectancy', kind: 'money', unit: '/trade', higherIsBetter: true },
  sqn: { label: 'SQN', kind: 'ratio', higherIsBetter: true },
  bestTradePct: { label: 'Best trade', kind: 'pct' },
  worstTradePct: { label: 'Worst trade', kind: 'pct' },
  avgTradePct: { label: 'Avg trade', kind: 'pct', higherIsBetter: true },
  exposurePct: { label: 'Exposure', kind: 'pct' },
  trades: { label: 'Trades', kind: 'int' },
  buyHoldReturnPct: { label: 'Buy & hold', kind: 'pct' },
  feesPaid: { label: 'Fees paid', kind: 'money' },
  equityFinal: { label: 'Final equity', kind: 'money', higherIsBetter: true },
  equityPeak: { label: 'Peak equity', kind: 'money' },
  periodsPerYear: { label: 'Periods / year', kind: 'int' },
  // Research results (walk-forward, Monte-Carlo, stress) use fractions: −0.15 = −15 %.
  totalReturn: { label: 'Total return', kind: 'frac', higherIsBetter: true },
  maxDrawdown: { label: 'Max drawdown', kind: 'frac', higherIsBetter: true },
  annualReturn: { label: 'Annual return', kind: 'frac', higherIsBetter: true },
  cagr: { label: 'CAGR', kind: 'frac', higherIsBetter: true },
  volatility: { label: 'Volatility', kind: 'frac' },
  finalEquity: { label: 'Final equity', kind: 'money' },
  avgReturn: { label: 'Avg return', kind: 'frac' },
  minReturn: { label: 'Min return', kind: 'frac' },
  maxReturn: { label: 'Max return', kind: 'frac' },
  avgMaxDrawdown: { label: 'Avg max DD', kind: 'frac' },
  winRateWindows: { label: 'Positive share', kind: 'frac' },
  avgSharpe: { label: 'Avg Sharpe', kind: 'ratio' },
  minSharpe: { label: 'Min Sharpe', kind: 'ratio' },
  maxSharpe: { label: 'Max Sharpe', kind: 'ratio' },
  positiveWindows: { label: 'Positive windows', kind: 'int' },
  totalWindows: { label: 'Windows', kind: 'int' },
  psr: { label: 'PSR', kind: 'ratio', higherIsBetter: true },
  dsr: { label: 'DSR', kind: 'ratio', higherIsBetter: true },
  pbo: { label: 'PBO', kind: 'ratio', higherIsBetter: false },
};

/** The metrics a researcher scans first, in display order (others follow alphabetically). */
export const HEADLINE_METRICS = [
  'equityFinal',
  'totalReturnPct',
  'cagrPct',
  'sharpe',
  'sortino',
  'maxDrawdownPct',
  'calmar',
  'trades',
  'winRatePct',
  'profitFactor',
  'exposurePct',
  'buyHoldReturnPct',
];

/** "maxDrawdownDurationBars" / "max_drawdown" → "Max drawdown duration bars". */
export function humanize(key: string): string {
  const spaced = key
    .replace(/[_-]+/g, ' ')
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .trim()
    .toLowerCase();
  return spaced.charAt(0).toUpperCase() + spaced.slice(1);
}

export function metricInfo(key: string): MetricInfo {
  const known = METRIC_INFO[key];
  if (known) return known;
  if (/Pct$/.test(key)) return { label: humanize(key.replace(/Pct$/, '')), kind: 'pct' };
  return { label: humanize(key), kind: 'num' };
}

/** Order metric keys: headline ones first (in HEADLINE_METRICS order), the rest alphabetically. */
export function orderMetricKeys(keys: string[]): string[] {
  const head = HEADLINE_METRICS.filter((k) => keys.includes(k));
  const rest = keys.filter((k) => !HEADLINE_METRICS.includes(k)).sort();
  return [...head, ...rest];
}

/** The run's metrics record, where a bar-count metric finds its bars per year (periodsPerYear). */
export type MetricContext = Readonly<Record<string, unknown>> | null | undefined;

/**
 * Render one metric value by its key: { text, unit } so a grid can style the unit separately. Bar counts
 * ('bars' kind) read as time ("12 d 4 h", unit "· 17,520 bars") when `of` carries the run's periodsPerYear,
 * else as bars — so pass the run's metrics wherever one is at hand.
 */
export function fmtMetric(key: string, v: unknown, of?: MetricContext): { text: string; unit: string } {
  const info = metricInfo(key);
  if (typeof v !== 'number') return { text: v === null || v === undefined ? DASH : String(v), unit: '' };
  if (!Number.isFinite(v)) return { text: fmtNum(v), unit: '' };
  switch (info.kind) {
    case 'bars': {
      const barMs = calendarMsPerBar(of?.periodsPerYear);
      if (barMs === null) return { text: fmtInt(v), unit: Math.round(v) === 1 ? 'bar' : 'bars' };
      return { text: formatBarsAsDuration(v, barMs), unit: `· ${formatBarCount(v)}` };
    }
    case 'pct':
      return { text: v.toFixed(2), unit: `%${info.unit ? ' ' + info.unit : ''}` };
    case 'frac':
      return { text: (v * 100).toFixed(2), unit: `%${info.unit ? ' ' + info.unit : ''}` };
    case 'int':
      return { text: fmtInt(v), unit: info.unit ?? '' };
    case 'money':
      return { text: fmtNum(v, 2), unit: info.unit ?? '' };
    case 'ratio':
      return { text: fmtNum(v, 3), unit: info.unit ?? '' };
    default:
      return { text: Math.abs(v) >= 1000 ? fmtNum(v, 2) : fmtNum(v, 4), unit: info.unit ?? '' };
  }
}

/** Metric value as one string (tables, hovers): "12.34 %", "1.234", "12 d 4 h · 17,520 bars". */
export function fmtMetricText(key: string, v: unknown, of?: MetricContext): string {
  const { text, unit } = fmtMetric(key, v, of);
  return unit ? `${text} ${unit}` : text;
}

/**
 * Metric for a table cell: percent keeps its "%", other units are dropped (the column header names them).
 * A bar count keeps its time only ("12 d 4 h"; the bar count goes in the cell's title, see fmtMetricTitle) or,
 * without an interval, its "bars".
 */
export function fmtMetricCell(key: string, v: unknown, of?: MetricContext): string {
  const { text, unit } = fmtMetric(key, v, of);
  if (metricInfo(key).kind === 'bars') return unit.startsWith('·') ? text : `${text} ${unit}`.trim();
  return unit.startsWith('%') ? `${text} %` : text;
}

/** The full figure for a cell's title where the cell shortens it (bar counts: "12 d 4 h · 17,520 bars"). */
export function fmtMetricTitle(key: string, v: unknown, of?: MetricContext): string | undefined {
  return metricInfo(key).kind === 'bars' ? fmtMetricText(key, v, of) : undefined;
}
