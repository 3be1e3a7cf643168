import { readFileSync } from 'node:fs';
import { parse } from 'smol-toml';
import { describe, expect, it } from 'vitest';
import { allocate, combineEquity, correlationMatrix } from '../../../src/core/research/portfolio';
import { checkRecipeMembers, RecipesFileSchema, validateRecipes } from '../../../src/core/research/recipes';

const r1 = Float64Array.from([0.01, -0.01, 0.01, -0.01]); // vol 0.01 (ddof 0), mean 0
const r2 = Float64Array.from([0.02, -0.02, 0.02, -0.02]); // vol 0.02
const r3 = Float64Array.from([0.03, 0.01, 0.03, 0.01]); // vol 0.01, mean 0.02

describe('allocation', () => {
  it('equal and manual (normalised)', () => {
    expect(allocate('equal', [r1, r2]).weights).toEqual([0.5, 0.5]);
    expect(allocate('manual', [r1, r2], { manualWeights: [3, 1] }).weights).toEqual([0.75, 0.25]);
    expect(() => allocate('manual', [r1, r2], { manualWeights: [1] })).toThrow(/needs 2 weights/);
    expect(() => allocate('manual', [r1, r2], { manualWeights: [1, -1] })).toThrow(/weight #1/);
  });
  it('risk parity = inverse vol with ddof 0', () => {
    const a = allocate('risk_parity', [r1, r2]);
    expect(a.vol[0]).toBeCloseTo(0.01, 15);
    expect(a.weights[0]).toBeCloseTo(2 / 3, 12);
    expect(a.weights[1]).toBeCloseTo(1 / 3, 12);
  });
  it('sharpe weighted clips negatives to 0 and renormalises; preview window only', () => {
    const neg = Float64Array.from([-0.02, 0.0, -0.02, 0.0]);
    const a = allocate('sharpe_weighted', [neg, r3, r3]);
    expect(a.weights).toEqual([0, 0.5, 0.5]);
    // preview on the first 2 bars: r1 looks like +0/−… but r2 over bars 0..1 has mean 0 → both 0 → equal fallback
    const b = allocate('sharpe_weighted', [r1, r2], { estimationBars: 2 });
    expect(b.estimationBars).toBe(2);
    expect(b.weights).toEqual([0.5, 0.5]);
  });
  it('combined equity = Σ wᵢ·equityᵢ normalised to the same start', () => {
    const e1 = Float64Array.from([100, 110, 121]);
    const e2 = Float64Array.from([50, 50, 40]);
    const c = combineEquity([e1, e2], [0.5, 0.5], 1000);
    expect(Array.from(c)).toEqual([1000, 1050, 1005]);
    expect(() => combineEquity([e1, Float64Array.from([1, 2])], [0.5, 0.5], 1)).toThrow(/member #1 has 2 bars/);
  });
  it('correlation matrix', () => {
    const c = correlationMatrix([r1, r2, r3]);
    expect(c[0][1]).toBeCloseTo(1, 12);
    expect(c[0][0]).toBe(1);
  });
});

describe('portfolio recipes', () => {
  const text = readFileSync(new URL('../../../config/portfolio_recipes.toml', import.meta.url), 'utf8');
  it('the shipped file validates with the SPEC table', () => {
    const { recipes, warnings } = validateRecipes(RecipesFileSchema.parse(parse(text)));
    expect(warnings).toEqual([]);
    expect(recipes.map((r) => r.id)).toEqual([
      'rsi_reversion_balanced', 'rsi_reversion_conservative', 'rsi_reversion_moderate', 'rsi_reversion_aggressive',
      'multi_style_moderate', 'multi_style_aggressive', 'conservative_v11', 'moderate_v11', 'aggressive_v11',
    ]);
    const msm = recipes.find((r) => r.id === 'multi_style_moderate')!;
    expect(msm.weights).toEqual([0.25, 0.25, 0.25, 0.25]);
    expect(msm.mc_num_runs).toBe(3000);
    expect(msm.stress_severity).toBe(0.25);
    expect(recipes.find((r) => r.id === 'aggressive_v11')!.stress_scenarios).toHaveLength(4);
  });
  const base = { portfolio_name: 'x', risk_profile: 'moderate' };
  const check = (r: Record<string, unknown>) => () => validateRecipes(RecipesFileSchema.parse({ recipes: { t: { ...base, ...r } } }));
  it('enforces the validation rules with messages naming recipe and field', () => {
    expect(check({ strategies: ['a', 'b'], weights: [1] })).toThrow(/\[recipes\.t\] weights: 1 weights for 2 strategies/);
    expect(check({ sweep_name: 's', top_n: 3, weights: [0.5, 0.5] })).toThrow(/top_n = 3/);
    expect(check({ strategies: ['a'], sweep_name: 's', top_n: 1, weights: [1] })).toThrow(/not both/);
    expect(check({ strategies: ['a'], weights: [1], mc_num_runs: 5 })).toThrow(/requires run_montecarlo/);
    expect(check({ strategies: ['a'], weights: [1], stress_severity: 0.2 })).toThrow(/requires run_stress_tests/);
    expect(check({ strategies: ['a'], weights: [1], run_stress_tests: true, stress_severity: 2 })).toThrow();
    expect(check({ strategies: ['a'], weights: [-1] })).toThrow();
    expect(validateRecipes(RecipesFileSchema.parse({ recipes: { t: { ...base, strategies: ['a', 'b'], weights: [0.6, 0.6] } } })).warnings[0]).toMatch(/sum to 1.2/);
  });
  it('checks members against known presets', () => {
    const { recipes } = validateRecipes(RecipesFileSchema.parse(parse(text)));
    expect(() => checkRecipeMembers(recipes[1], (n) => n !== 'rsi_reversion_eth_conservative')).toThrow(/unknown strategy preset 'rsi_reversion_eth_conservative'/);
  });
});
