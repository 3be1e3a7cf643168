import { describe, expect, it } from 'vitest';
import { evidenceValue } from '../../../src/renderer/src/features/promotion/evidence-format';

describe('evidenceValue: one unit (%) for returns and drawdowns on a patch card', () => {
  it('walk-forward OOS fractions become percent', () => {
    expect(evidenceValue('oosTotalReturn', -0.411)).toBe('-41.10 %');
    expect(evidenceValue('oosMaxDrawdown', -0.748)).toBe('-74.80 %');
  });
  it('figures already in percent keep their value and gain the unit', () => {
    expect(evidenceValue('validationMaxDrawdownPct', -79.836)).toBe('-79.84 %');
    expect(evidenceValue('totalReturnPct', 12.5)).toBe('12.50 %');
  });
  it('ratios stay plain numbers (3 decimals); missing values are a dash', () => {
    expect(evidenceValue('oosSharpe', 0.08812)).toBe('0.088');
    expect(evidenceValue('windows', 7)).toBe('7');
    expect(evidenceValue('dsr', null)).toBe('—');
    expect(evidenceValue('psr', Number.NaN)).toBe('—');
  });
});
