import { describe, expect, it } from 'vitest';
import { researchFigures } from '../../../src/renderer/src/features/experiments/research-figures';

describe('research run key figures', () => {
  it('walk-forward: fractions as %, ratios with two decimals, counts as integers', () => {
    const f = researchFigures('walkforward', { oosTotalReturn: 0.1234, oosSharpe: 1.456, oosMaxDrawdown: -0.0825, efficiency: 0.5, windows: 6, winRateWindows: 4 / 6 });
    expect(f.map((x) => `${x.label}: ${x.text}`)).toEqual([
      'Out-of-sample return: 12.34 %',
      'Out-of-sample Sharpe: 1.46',
      'Out-of-sample max drawdown: -8.25 %',
      'Walk-forward efficiency: 0.50',
      'Windows: 6',
      'Profitable windows: 66.67 %',
    ]);
    expect(f[0].sign).toBe('pos');
    expect(f[2].sign).toBeNull();
  });
  it('Monte-Carlo and stress; missing or non-finite values show a dash', () => {
    const mc = researchFigures('montecarlo', { probLoss: 0.2, totalReturnP50: -0.05, finalEquityP50: 10523.456, sharpeP50: null });
    expect(mc.find((x) => x.key === 'probLoss')?.text).toBe('20.00 %');
    expect(mc.find((x) => x.key === 'totalReturnP50')).toMatchObject({ text: '-5.00 %', sign: 'neg' });
    expect(mc.find((x) => x.key === 'finalEquityP50')?.text).toBe('10,523.46');
    expect(mc.find((x) => x.key === 'sharpeP50')?.text).toBe('—');
    const st = researchFigures('stress', { baselineTotalReturn: 0.3, worstStressedMaxDrawdown: -0.41, scenarios: 1200 });
    expect(st.map((x) => x.text)).toEqual(['30.00 %', '—', '-41.00 %', '1,200']);
    expect(researchFigures('portfolio', { sharpe: 1 })).toEqual([]);
    expect(researchFigures('toString', {})).toEqual([]);
  });
});
