import { describe, expect, it } from 'vitest';
import { chooseWorkflow, compare, decide, DEFAULT_CRITERIA } from '../../../src/core/automation/decision';

describe('decision engine (SPEC §9)', () => {
  it('comparisons, eq within 1e-6', () => {
    expect([compare(1, 'gt', 1), compare(1, 'gte', 1), compare(1, 'lt', 1), compare(1, 'lte', 1)]).toEqual([false, true, false, true]);
    expect(compare(1 + 5e-7, 'eq', 1)).toBe(true);
    expect(compare(1 + 2e-6, 'eq', 1)).toBe(false);
  });

  it('signal_analysis: both met → 1.0 EXECUTE high; strength only → 0.8/1.4 = 0.571 ALERT; volatility only → 0.6/1.4 = 0.429 ALERT', () => {
    expect(decide('signal_analysis', { signal_strength: 0.65, volatility: 0.18 })).toMatchObject({ action: 'EXECUTE', confidence: 1, band: 'high' });
    const a = decide('signal_analysis', { signal_strength: 0.65, volatility: 0.5 });
    expect(a.confidence).toBeCloseTo(0.8 / 1.4, 12);
    expect(a.action).toBe('ALERT');
    const b = decide('signal_analysis', { signal_strength: 0.2, volatility: 0.1 });
    expect(b.confidence).toBeCloseTo(0.6 / 1.4, 12);
    expect(b.action).toBe('ALERT');
    expect(decide('signal_analysis', { signal_strength: 0.2, volatility: 0.5 })).toMatchObject({ action: 'SKIP', confidence: 0, band: 'very low' });
  });

  it('risk_check: drawdown met only → 1.0/1.9 = 0.526 ALERT; position size only → 0.9/1.9 = 0.474 ALERT', () => {
    expect(decide('risk_check', { current_drawdown: 0.05, position_size_pct: 1 }).confidence).toBeCloseTo(1 / 1.9, 12);
    expect(decide('risk_check', { current_drawdown: 0.3, position_size_pct: 0.1 }).confidence).toBeCloseTo(0.9 / 1.9, 12);
  });

  it('moderate band: 0.6 ≤ confidence < 0.8 executes', () => {
    const criteria = [
      { name: 'a', metric: 'a', comparison: 'gt' as const, threshold: 0, weight: 0.7 },
      { name: 'b', metric: 'b', comparison: 'gt' as const, threshold: 0, weight: 0.3 },
    ];
    expect(decide('market_scan', { a: 1, b: 0 }, { criteria })).toMatchObject({ action: 'EXECUTE', band: 'moderate', confidence: 0.7 });
  });

  it('a missing metric counts as 0 (market_scan: activity missing, is_market_hours 1 → 0.7/1.2)', () => {
    const d = decide('market_scan', { is_market_hours: 1 });
    expect(d.confidence).toBeCloseTo(0.7 / 1.2, 12);
    expect(d.criteria.find((c) => c.name === 'activity_level')).toMatchObject({ missing: true, value: 0, met: false });
    expect(d.reasoning).toMatch(/activity_level missing/);
  });

  it('no criteria → EXECUTE at 0.3; force flags → confidence 1; every decision keeps the metrics it saw', () => {
    expect(DEFAULT_CRITERIA.portfolio_analysis).toEqual([]);
    expect(decide('portfolio_analysis', { x: 1 })).toMatchObject({ action: 'EXECUTE', confidence: 0.3, metrics: { x: 1 } });
    expect(decide('signal_analysis', {}, { forceExecute: true })).toMatchObject({ action: 'EXECUTE', confidence: 1, forced: 'execute' });
    expect(decide('signal_analysis', { signal_strength: 1, volatility: 0 }, { forceSkip: true })).toMatchObject({ action: 'SKIP', confidence: 1, forced: 'skip' });
  });

  it('auto picks risk_check when performance is critical, signal_analysis on strong signals, else market_scan', () => {
    expect(chooseWorkflow('critical', 0.9)).toBe('risk_check');
    expect(chooseWorkflow('ok', 0.51)).toBe('signal_analysis');
    expect(chooseWorkflow('warning', 0.5)).toBe('market_scan');
    expect(chooseWorkflow('ok', undefined)).toBe('market_scan');
  });
});
