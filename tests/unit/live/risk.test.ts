import { describe, expect, it } from 'vitest';
import { evaluateOrder, evaluatePortfolio, severityOf, type LiveRiskLimits } from '../../../src/core/live/risk-limits';
import { initialTradingStatus, stateAllows, transition } from '../../../src/core/live/trading-state';
import { effectiveLiveConfig } from '../../../src/core/live/effective-config';
import { AppConfigSchema, defaultAppConfig } from '../../../src/core/api/config';

const L: LiveRiskLimits = {
  enabled: true, base_currency: 'EUR', max_order_notional: 100, max_symbol_exposure_notional: 400, max_total_exposure_notional: 500,
  max_open_positions: 2, max_daily_loss_abs: 50, max_daily_loss_pct: 5, block_on_violation: true, warning_threshold_factor: 0.8,
};
const flat = { positions: [], dailyPnl: 0, dayStartEquity: 1000 };

describe('risk limits', () => {
  it('severity: ≥ limit breach, ≥ 0.8·limit warning', () => {
    expect(severityOf(79.9, 100, 0.8)).toBe('ok');
    expect(severityOf(80, 100, 0.8)).toBe('warning');
    expect(severityOf(100, 100, 0.8)).toBe('breach');
  });
  it('order notional: 90 warns, 100 blocks with the numbers in the reason', () => {
    const w = evaluateOrder(L, flat, { symbol: 'BTC', side: 'buy', qty: 0.9, price: 100 });
    expect(w.allowed).toBe(true);
    expect(w.severity).toBe('warning');
    const m = w.metrics.find((x) => x.limit === 'max_order_notional');
    expect(m?.value).toBeCloseTo(90, 12);
    expect(m?.utilisation).toBeCloseTo(0.9, 12);
    expect(m?.margin).toBeCloseTo(10, 12);
    const b = evaluateOrder(L, flat, { symbol: 'BTC', side: 'buy', qty: 1, price: 100 });
    expect(b.allowed).toBe(false);
    expect(b.reasons[0]).toBe('max_order_notional breach: 100 of 100 EUR');
  });
  it('a daily PROFIT never blocks; a loss does (abs and percent of the day start)', () => {
    expect(evaluatePortfolio(L, { ...flat, dailyPnl: 10_000 }).severity).toBe('ok');
    const loss = evaluatePortfolio(L, { ...flat, dailyPnl: -50 });
    expect(loss.severity).toBe('breach');
    expect(loss.metrics.find((m) => m.limit === 'max_daily_loss_pct')?.value).toBeCloseTo(5, 12);
    expect(loss.reasons).toContain('max_daily_loss_abs breach: 50 of 50 EUR');
  });
  it('exposure is post-trade; a reducing order is never blocked', () => {
    const book = { positions: [{ symbol: 'BTC', qty: 3.5, price: 100 }], dailyPnl: 0, dayStartEquity: 1000 };
    const add = evaluateOrder(L, book, { symbol: 'BTC', side: 'buy', qty: 0.5, price: 100 });
    expect(add.metrics.find((m) => m.limit === 'max_symbol_exposure_notional')?.value).toBeCloseTo(400, 9);
    expect(add.allowed).toBe(false);
    const red = evaluateOrder(L, book, { symbol: 'BTC', side: 'sell', qty: 3.5, price: 100 });
    expect(red.reduces).toBe(true);
    expect(red.allowed).toBe(true); // 350 notional breaches max_order_notional but reduces exposure
    expect(red.severity).toBe('breach');
  });
  it('holding exactly max_open_positions warns; one more breaches', () => {
    const one = { positions: [{ symbol: 'A', qty: 0.1, price: 100 }], dailyPnl: 0, dayStartEquity: 1000 };
    expect(evaluatePortfolio({ ...L, max_open_positions: 1 }, one).metrics.find((m) => m.limit === 'max_open_positions')?.severity).toBe('warning');
  });
  it('open positions count distinct symbols after the order', () => {
    const book = { positions: [{ symbol: 'A', qty: 0.1, price: 100 }, { symbol: 'B', qty: 0.1, price: 100 }], dailyPnl: 0, dayStartEquity: 1000 };
    const r = evaluateOrder(L, book, { symbol: 'C', side: 'buy', qty: 0.1, price: 100 });
    expect(r.metrics.find((m) => m.limit === 'max_open_positions')?.value).toBe(3);
    expect(r.allowed).toBe(false);
  });
  it('config load rejects a symbol cap above the total cap, naming the key', () => {
    const r = AppConfigSchema.safeParse({ live_risk: { max_symbol_exposure_notional: 2000, max_total_exposure_notional: 500 } });
    expect(r.success).toBe(false);
    expect(r.error?.issues[0].path).toEqual(['live_risk', 'max_symbol_exposure_notional']);
  });
  it('a request may tighten but never loosen limits; reviewed overrides may loosen', () => {
    expect(effectiveLiveConfig(defaultAppConfig, undefined, { max_order_notional: 10 }).risk.max_order_notional).toBe(10);
    expect(() => effectiveLiveConfig(defaultAppConfig, undefined, { max_order_notional: 26 })).toThrow(/would loosen/);
    const rev = effectiveLiveConfig(defaultAppConfig, { live_risk: { max_order_notional: 50 } });
    expect(rev.risk.max_order_notional).toBe(50);
    expect(rev.limitsSource).toBe('config+reviewed-overrides');
    expect(() => effectiveLiveConfig(defaultAppConfig, { live_risk: { max_symbol_exposure_notional: 900 } })).toThrow(/max_symbol_exposure_notional/);
  });
});

describe('trading state', () => {
  it('ACTIVE passes all, REDUCING only reducing orders, HALTED nothing', () => {
    expect(stateAllows('ACTIVE', false).allowed).toBe(true);
    expect(stateAllows('REDUCING', false).allowed).toBe(false);
    expect(stateAllows('REDUCING', true).allowed).toBe(true);
    expect(stateAllows('HALTED', true).allowed).toBe(false);
  });
  it('leaving HALTED needs a reset with a reason', () => {
    const h = transition(initialTradingStatus, 'HALTED', 'kill_switch', 'cli', 'operator pressed the kill switch', 5);
    expect(h).toMatchObject({ state: 'HALTED', cause: 'kill_switch', since: 5 });
    expect(() => transition(h, "ACTIVE", "manual", "cli", "go", 6)).toThrow(/explicit reset/);
    expect(() => transition(h, 'ACTIVE', 'reset', 'cli', ' ', 6)).toThrow(/reason/);
    expect(transition(h, 'ACTIVE', 'reset', 'cli', 'checked the book', 6).state).toBe('ACTIVE');
    expect(() => transition(initialTradingStatus, 'ACTIVE', 'reset', 'cli', 'x', 1)).toThrow(/not HALTED/);
  });
});
