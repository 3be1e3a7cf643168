/**
 * The "Δ vs first run" beside each compared metric (Trust #5). A difference of two percentages is in PERCENTAGE
 * POINTS ("+2.10 pp"), never a percent of the first value; ratios and counts are plain signed differences; a
 * max drawdown duration is a signed time when both runs share the bar interval, else a signed bar count.
 */
import { calendarMsPerBar, formatBarCount, formatBarsAsDuration } from '../../../../core/data/bar-duration';
import { fmtInt, fmtNum, metricInfo, type MetricContext } from '../../lib/format';

const sign = (d: number): string => (d > 0 ? '+' : d < 0 ? '−' : '');

/** other − base of one metric as text, or null when either side is missing (no Δ is shown then). */
export function compareDelta(key: string, base: unknown, other: unknown, baseOf?: MetricContext, otherOf?: MetricContext): string | null {
  if (typeof base !== 'number' || typeof other !== 'number' || !Number.isFinite(base) || !Number.isFinite(other)) return null;
  const info = metricInfo(key);
  const d = other - base;
  switch (info.kind) {
    case 'pct':
      return `${sign(+d.toFixed(2))}${Math.abs(d).toFixed(2)} pp`;
    case 'frac':
      return `${sign(+(d * 100).toFixed(2))}${Math.abs(d * 100).toFixed(2)} pp`;
    case 'bars': {
      const a = calendarMsPerBar(baseOf?.periodsPerYear);
      const b = calendarMsPerBar(otherOf?.periodsPerYear);
      const same = a !== null && b !== null && Math.abs(a - b) <= 1e-9 * a;
      return `${sign(d)}${same ? formatBarsAsDuration(Math.abs(d), a) : formatBarCount(Math.abs(d))}`;
    }
    case 'int':
      return `${sign(d)}${fmtInt(Math.abs(Math.round(d)))}`;
    case 'money':
      return `${sign(+d.toFixed(2))}${fmtNum(Math.abs(d), 2)}`;
    default:
      return `${sign(+d.toFixed(3))}${fmtNum(Math.abs(d), 3)}`;
  }
}
