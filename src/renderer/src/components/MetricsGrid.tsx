import { fmtMetric, metricInfo, orderMetricKeys } from '../lib/format';
import { metricHelp } from '../lib/metric-help';

/** Dense grid of metric tiles with units; headline metrics first. */
export function MetricsGrid({ metrics, only, label = 'Metrics' }: { metrics: Record<string, number | null>; only?: string[]; label?: string }) {
  const keys = orderMetricKeys(only ? only.filter((k) => k in metrics) : Object.keys(metrics));
  return (
    <div className="metrics" role="list" aria-label={label}>
      {keys.map((k) => {
        const { text, unit } = fmtMetric(k, metrics[k], metrics);
        // a duration's bar count ("· 17,520 bars") is too long beside the time in a tile: it goes on a line below
        const below = unit.startsWith('· ') ? unit.slice(2) : null;
        const v = metrics[k];
        const info = metricInfo(k);
        const cls =
          typeof v === 'number' && info.kind === 'pct' && /return|cagr|trade/i.test(k) ? (v > 0 ? 'pos' : v < 0 ? 'neg' : '') : '';
        return (
          <div className="metric" role="listitem" key={k} data-metric={k} title={metricHelp(k) ?? info.label}>
            <div className="k">{info.label}</div>
            <div className={`v ${cls}`}>
              {text}
              {unit && !below && <span className="u">{unit}</span>}
            </div>
            {below && <div className="u-below">{below}</div>}
          </div>
        );
      })}
    </div>
  );
}
