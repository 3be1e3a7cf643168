import { it } from 'vitest';
import { parseTimestamp, formatTimestamp } from '../../../src/core/data/timestamp';
import { validateBars } from '../../../src/core/data/validate';
import { generateSeedDataset, seedDatasets } from '../../../src/core/data/synthetic';
it('perf', () => {
  const b = generateSeedDataset(seedDatasets()[0]);
  let t = performance.now(); const ts = Array.from(b.time, formatTimestamp); console.log('fmt', performance.now() - t);
  t = performance.now(); let s = 0; for (const x of ts) s += parseTimestamp(x); console.log('parseTs', performance.now() - t);
  const nums = Array.from(b.close, String);
  const D = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;
  t = performance.now(); for (const x of nums) { if (D.test(x)) s += Number(x); } console.log('num x1', performance.now() - t);
  t = performance.now(); validateBars(b, 'x'); console.log('validate', performance.now() - t);
  const lines = ts.map((x, i) => `${x},${nums[i]},${nums[i]},${nums[i]},${nums[i]},1`);
  t = performance.now(); const cells = lines.map((l) => l.split(',').map((c) => c.trim())); console.log('split+trim', performance.now() - t, cells.length, s > 0);
});
