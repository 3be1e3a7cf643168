/** The incremental indicators are bit-identical to the batch ones, across the batch's 1,024-step re-sum blocks. */
import { describe, expect, it } from 'vitest';
import { synthGarchMarkov } from '../../../src/core/data/synthetic';
import { ema, rollingStd, sma } from '../../../src/core/indicators/moving';
import { rsi } from '../../../src/core/indicators/oscillators';
import { IncEma, IncRollingStd, IncSma, IncWilderRsi } from '../../../src/core/live/bridge';

const close = synthGarchMarkov({ n: 5000, seed: 9 }).bars.close;
// a flat stretch exercises rollingStd's exact-zero rule
const flat = Float64Array.from(close, (v, i) => (i >= 2000 && i < 2100 ? 123.5 : v));

describe('incremental indicators', () => {
  for (const n of [2, 7, 20, 200, 1024, 1500]) {
    it(`SMA(${n}) and rolling std(${n}) match the batch bit for bit`, () => {
      for (const x of [close, flat]) {
        const a = sma(x, n), s = rollingStd(x, n, 1);
        const ia = new IncSma(n), is = new IncRollingStd(n, 1);
        for (let t = 0; t < x.length; t++) {
          expect(Object.is(ia.at(x, t), a[t]) || (Number.isNaN(a[t]) && t < n - 1), `sma t=${t}`).toBe(true);
          const v = is.at(x, t);
          if (!Object.is(v, s[t])) expect(v, `std t=${t}`).toBe(s[t]);
        }
      }
    });
  }
  for (const n of [2, 14, 30]) {
    it(`Wilder RSI(${n}) matches the batch bit for bit`, () => {
      const r = rsi(close, n, 'wilder');
      const ir = new IncWilderRsi(n);
      for (let t = 0; t < close.length; t++) {
        const v = ir.at(close, t);
        if (!Object.is(v, r[t])) expect(v, `t=${t}`).toBe(r[t]);
      }
    });
  }
  it('EMA (adjust=False, seeded with the first value) matches the batch bit for bit', () => {
    for (const n of [2, 12, 26]) {
      const e = ema(close, n, 'first');
      const ie = new IncEma(n);
      for (let t = 0; t < close.length; t++) expect(ie.next(close[t], t)).toBe(e[t]);
    }
  });
});
