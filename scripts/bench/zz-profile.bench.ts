import { synthGarchMarkov } from '../../src/core/data/synthetic';
import { defaultEngineConfig } from '../../src/core/engine/types';
import { runDefault } from '../../src/core/engine/engine';
import { runDefault as runVar } from './zz-var';
import { maCrossover } from '../../src/core/strategies/ma-crossover';
import { createIndicatorCache } from '../../src/core/strategies/types';
import { bestMs } from './harness';
export async function run() {
  const { bars } = synthGarchMarkov({ n: 1_000_000, seed: 42 });
  const cfg = { ...defaultEngineConfig, commission: 0.001, slippage: 0.0005 };
  const params = maCrossover.params.parse({ fast_window: 10, slow_window: 30, side: 'long_short' });
  const sig = maCrossover.signals(bars, params, { ind: createIndicatorCache() });
  const a = runDefault(bars, sig.target, sig.warmup, cfg), b = runVar(bars, sig.target, sig.warmup, cfg);
  if (JSON.stringify(a.trades) !== JSON.stringify(b.trades)) throw new Error('variant differs');
  const out = [];
  for (let rep = 0; rep < 4; rep++) {
    out.push({ name: 'p.cur', value: bestMs(() => runDefault(bars, sig.target, sig.warmup, cfg).equity, 8), unit: 'ms' });
    out.push({ name: 'p.var', value: bestMs(() => runVar(bars, sig.target, sig.warmup, cfg).equity, 8), unit: 'ms' });
  }
  return out;
}
