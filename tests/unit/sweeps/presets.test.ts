import { describe, expect, it } from 'vitest';
import { defaultEngineConfig } from '../../../src/core/engine/types';
import { planSweep, presetGrid, SweepConfigSchema } from '../../../src/core/research/sweep';
import { getStrategy } from '../../../src/core/strategies/registry';
import { getSweepPreset, parsePresetText, sweepPresets } from '../../../src/node/sweeps/presets';

// SPEC §4 sizes after constraints (fast < slow; SL < TP).
const EXPECTED: Record<string, number> = {
  ma_crossover_basic: 9,
  ma_crossover_fine: 48,
  rsi_reversion_basic: 27,
  rsi_reversion_aggressive: 36,
  rsi_reversion_fine: 150,
  breakout_basic: 9,
  breakout_with_tp: 44,
  breakout_trailing: 12,
  vol_regime_percentile: 36,
  vol_regime_atr: 18,
  donchian_basic: 6,
  donchian_turtle: 4,
};

describe('sweep presets (config/sweeps/*.toml)', () => {
  it('ships every SPEC §4 preset', () => {
    expect([...sweepPresets().keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  for (const [name, size] of Object.entries(EXPECTED)) {
    it(`${name} plans against its strategy's real parameters (${size} combinations)`, () => {
      const p = getSweepPreset(name);
      const cfg = SweepConfigSchema.parse({
        strategyId: p.strategy, grid: presetGrid(p), constraints: p.constraints, fixed: p.fixed, engine: defaultEngineConfig, chunkSize: 1,
      });
      expect(planSweep(cfg, getStrategy(p.strategy))).toHaveLength(size);
    });
  }

  it('rsi presets use OUR parameter names, not the original never-read keys', () => {
    for (const n of ['rsi_reversion_basic', 'rsi_reversion_aggressive', 'rsi_reversion_fine']) {
      expect(Object.keys(getSweepPreset(n).grid).sort()).toEqual(['lower', 'rsi_window', 'upper']);
    }
  });

  it('errors name the file and the key', () => {
    expect(() => parsePresetText('strategy = "x"\n[grid]\nfast = []\n', 'config/sweeps/bad.toml')).toThrow(/config\/sweeps\/bad\.toml: grid\.fast: /);
    expect(() => parsePresetText('strategy = "x"\n[grid]\nfast = [1]\n[extra]\n', 'config/sweeps/bad.toml')).toThrow(/config\/sweeps\/bad\.toml: .*extra/);
    expect(() => parsePresetText('strategy = "x"\nconstraints = ["a <<< b"]\n[grid]\nfast = [1]\n', 'f.toml')).toThrow(/f\.toml: constraints: constraint "a <<< b"/);
    expect(() => parsePresetText('strategy = \n', 'f.toml')).toThrow(/f\.toml: line 1/);
    expect(() => getSweepPreset('nope')).toThrow(/sweep preset "nope" not found \(presets: breakout_basic/);
  });

  it('planning rejects unknown parameters, naming them and the valid ones', () => {
    const cfg = SweepConfigSchema.parse({ strategyId: 'ma_crossover', grid: { fast: { kind: 'values', values: [1] } }, engine: defaultEngineConfig, chunkSize: 1 });
    expect(() => planSweep(cfg, getStrategy('ma_crossover'))).toThrow(/unknown grid parameter "fast" \(parameters: fast_window, slow_window/);
  });
});
