/**
 * LiveRiskLimits (SPEC §6, `[live_risk]`) with the SPEC's BUG? items fixed:
 * - daily LOSSES only: a daily profit never blocks (loss = max(0, −dailyPnl));
 * - the symbol cap may not exceed the total cap (rejected at config load, see core/api/config.ts).
 * Per limit: value ≥ limit → breach (blocks when block_on_violation); ≥ warning_threshold_factor·limit → warning.
 * Notionals in the base currency; an order's notional is qty · reference price.
 */
export interface LiveRiskLimits {
  enabled: boolean;
  base_currency: string;
  max_order_notional: number;
  max_symbol_exposure_notional: number;
  max_total_exposure_notional: number;
  max_open_positions: number;
  max_daily_loss_abs: number;
  /** percent of the day's starting equity */
  max_daily_loss_pct: number;
  block_on_violation: boolean;
  warning_threshold_factor: number;
}

/** The numeric limit keys a contract request may TIGHTEN (never loosen) — see ./effective-config.ts. */
export const RISK_LIMIT_KEYS = [
  'max_order_notional', 'max_symbol_exposure_notional', 'max_total_exposure_notional',
  'max_open_positions', 'max_daily_loss_abs', 'max_daily_loss_pct',
] as const;
export type RiskLimitKey = (typeof RISK_LIMIT_KEYS)[number];

export type Severity = 'ok' | 'warning' | 'breach';

export interface RiskMetric {
  limit: RiskLimitKey;
  value: number;
  max: number;
  /** value / max */
  utilisation: number;
  /** max − value: what is left before the breach (negative when breached) */
  margin: number;
  severity: Severity;
}

export interface RiskEvaluation {
  allowed: boolean;
  severity: Severity;
  /** one line per warning/breach, naming the limit and the numbers */
  reasons: string[];
  metrics: RiskMetric[];
}

export interface BookPosition {
  symbol: string;
  /** signed base units */
  qty: number;
  /** mark price */
  price: number;
}

export interface BookState {
  positions: BookPosition[];
  /** realised + unrealised P&L since the start of the UTC day, quote currency */
  dailyPnl: number;
  /** equity at the start of the UTC day (for the percent limit) */
  dayStartEquity: number;
}

export interface OrderCheck {
  symbol: string;
  side: 'buy' | 'sell';
  qty: number;
  price: number;
}

const rank: Record<Severity, number> = { ok: 0, warning: 1, breach: 2 };
export const worst = (a: Severity, b: Severity): Severity => (rank[a] >= rank[b] ? a : b);

export function severityOf(value: number, max: number, factor: number): Severity {
  if (value >= max) return 'breach';
  if (value >= factor * max) return 'warning';
  return 'ok';
}

/**
 * A count limit (max_open_positions) is a capacity: holding exactly the maximum is allowed (warning), one more
 * is the breach. Amount limits breach at ≥ the limit (SPEC §6).
 */
export function countSeverity(count: number, max: number, factor: number): Severity {
  if (count > max) return 'breach';
  if (count >= factor * max) return 'warning';
  return 'ok';
}

function metric(limits: LiveRiskLimits, key: RiskLimitKey, value: number): RiskMetric {
  const max = limits[key];
  const f = limits.warning_threshold_factor;
  const severity = key === 'max_open_positions' ? countSeverity(value, max, f) : severityOf(value, max, f);
  return { limit: key, value, max, utilisation: value / max, margin: max - value, severity };
}

function finish(limits: LiveRiskLimits, metrics: RiskMetric[], exempt: boolean): RiskEvaluation {
  let sev: Severity = 'ok';
  const reasons: string[] = [];
  for (const m of metrics) {
    sev = worst(sev, m.severity);
    if (m.severity !== 'ok') {
      reasons.push(`${m.limit} ${m.severity}: ${round(m.value)} of ${round(m.max)} ${limits.base_currency === '' ? '' : unitOf(m.limit, limits)}`.trim());
    }
  }
  const blocked = limits.enabled && limits.block_on_violation && sev === 'breach' && !exempt;
  return { allowed: !blocked, severity: limits.enabled ? sev : 'ok', reasons: limits.enabled ? reasons : [], metrics };
}

const round = (x: number): number => Math.round(x * 100) / 100;
function unitOf(k: RiskLimitKey, l: LiveRiskLimits): string {
  if (k === 'max_open_positions') return 'positions';
  if (k === 'max_daily_loss_pct') return '%';
  return l.base_currency;
}

const exposure = (p: BookPosition): number => Math.abs(p.qty * p.price);

/** Portfolio level: exposure per symbol (the largest), total exposure, open positions, daily loss. */
export function evaluatePortfolio(limits: LiveRiskLimits, book: BookState): RiskEvaluation {
  const bySym = new Map<string, number>();
  for (const p of book.positions) if (p.qty !== 0) bySym.set(p.symbol, (bySym.get(p.symbol) ?? 0) + exposure(p));
  let total = 0, maxSym = 0;
  for (const v of bySym.values()) { total += v; maxSym = Math.max(maxSym, v); }
  const loss = Math.max(0, -book.dailyPnl);
  const lossPct = book.dayStartEquity > 0 ? (loss / book.dayStartEquity) * 100 : 0;
  return finish(limits, [
    metric(limits, 'max_symbol_exposure_notional', maxSym),
    metric(limits, 'max_total_exposure_notional', total),
    metric(limits, 'max_open_positions', bySym.size),
    metric(limits, 'max_daily_loss_abs', loss),
    metric(limits, 'max_daily_loss_pct', lossPct),
  ], false);
}

/** Does the order shrink the absolute position in its symbol (without flipping beyond it)? */
export function orderReduces(book: BookState, o: OrderCheck): boolean {
  const held = book.positions.filter((p) => p.symbol === o.symbol).reduce((s, p) => s + p.qty, 0);
  const signed = o.side === 'buy' ? o.qty : -o.qty;
  return held !== 0 && Math.sign(signed) === -Math.sign(held) && Math.abs(signed) <= Math.abs(held) + 1e-12;
}

/**
 * Order level: the order's notional, and the book as it would be after the fill. An order that only reduces
 * exposure is never blocked by a limit (it lowers the risk the limits guard); it is still evaluated and reported.
 */
export function evaluateOrder(limits: LiveRiskLimits, book: BookState, o: OrderCheck): RiskEvaluation & { reduces: boolean } {
  const reduces = orderReduces(book, o);
  const signed = o.side === 'buy' ? o.qty : -o.qty;
  const after: BookPosition[] = book.positions.map((p) => ({ ...p }));
  const mine = after.find((p) => p.symbol === o.symbol);
  if (mine) { mine.qty += signed; mine.price = o.price; } else after.push({ symbol: o.symbol, qty: signed, price: o.price });
  const port = evaluatePortfolio(limits, { ...book, positions: after });
  const metrics = [metric(limits, 'max_order_notional', Math.abs(o.qty * o.price)), ...port.metrics];
  return { ...finish(limits, metrics, reduces), reduces };
}
