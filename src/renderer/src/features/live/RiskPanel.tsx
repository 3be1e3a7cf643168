import type { CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { fmtInt, fmtNum } from '../../lib/format';
import { barWidth, utilisationColor } from './live-helpers';
import { riskLabel } from './risk-labels';

type Status = CommandOutput<'live:status'>;

/** Risk limits with utilisation bars (green / yellow at the warning factor / red at the limit). */
export function RiskPanel({ status }: { status: Status }) {
  const factor = Number(status.riskLimits.warning_threshold_factor ?? 0.8);
  const cur = String(status.riskLimits.base_currency ?? '');
  return (
    <Panel title={`Risk limits · ${status.limitsSource}`} id="live-risk">
      <div className="risk-bars" data-testid="risk-bars">
        {status.portfolio.metrics.map((m) => {
          const c = utilisationColor(m.utilisation, factor);
          return (
            <div key={m.limit} className="risk-row">
              <span title={`${m.limit} in config.toml`}>{riskLabel(m.limit)}</span>
              <div className="risk-bar" role="meter" aria-valuenow={Math.round(m.utilisation * 100)} aria-valuemin={0} aria-valuemax={100} aria-label={m.limit}>
                <div className={`fill ${c}`} style={{ width: `${barWidth(m.utilisation)}%` }} />
              </div>
              <span className="num">
                {m.limit === 'max_open_positions' ? `${fmtInt(m.value)} / ${fmtInt(m.max)}` : `${fmtNum(m.value)} / ${fmtNum(m.max)} ${m.limit.endsWith('_pct') ? '%' : cur}`}
              </span>
            </div>
          );
        })}
      </div>
      <p className="muted small">
        Order limit {fmtNum(Number(status.riskLimits.max_order_notional))} {cur} per order · limits {status.riskLimits.enabled ? 'enabled' : 'DISABLED'} ·
        {' '}{status.riskLimits.block_on_violation ? 'a violating order is blocked' : 'a violating order is only warned about'} · limits are loosened only through the reviewed governance loop.
      </p>
    </Panel>
  );
}
