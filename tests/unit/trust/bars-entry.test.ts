// Trust #15, #16: one bar validation for every way bars enter the store; --db in a missing directory → exit 2.
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { assertStorableBars } from '../../../src/core/data/validate-bars';
import { synthRegimeSession } from '../../../src/core/data/synthetic';
import { PeakError } from '../../../src/core/errors';
import { createCliHarness, type CliHarness } from '../../support/cli';
import { createTestServices, type TestServices } from '../../support/services';

const thrown = (f: () => unknown): PeakError => {
  try {
    f();
  } catch (e) {
    expect(e).toBeInstanceOf(PeakError);
    return e as PeakError;
  }
  throw new Error('accepted');
};

describe('one bar validation for every way into the store', () => {
  let s: TestServices;
  beforeAll(() => {
    s = createTestServices({ seed: false });
  });
  afterAll(async () => {
    await s.dispose();
  });

  it('data:synth refuses startMs 1e308 and volatility 1e308 at the door (BAD_INPUT naming the field)', async () => {
    for (const [input, field] of [[{ startMs: 1e308 }, 'startMs'], [{ base: 1e-320, volatility: 1e308 }, 'base']] as const) {
      const r = await s.invoke('data:synth', { kind: 'regime', bars: 100, ...input });
      expect(r.ok ? 'OK' : r.error.code).toBe('BAD_INPUT');
      if (!r.ok) expect(r.error.message).toContain(field);
    }
  });

  it('bars a generator made with extreme parameters are refused by the store itself, naming the bar', () => {
    const same = synthRegimeSession({ nSteps: 50, seed: 1, startMs: 1e300 }).bars; // 1e300 + 60,000 === 1e300
    const e = thrown(() => s.store.datasets.insert({ name: 'x', symbol: null, source: 'synthetic', sourceDetail: null, bars: same, quality: { bars: 50 } as never }));
    expect(e.code).toBe('BAD_INPUT');
    expect(e.message).toMatch(/^data set "x": bar 1, "time": 1e\+300 ms is outside the range of a date/);
    const inf = synthRegimeSession({ nSteps: 50, seed: 1, base: 1e-320, volatility: 1e308 }).bars;
    const e2 = thrown(() => s.store.datasets.insert({ name: 'y', symbol: null, source: 'synthetic', sourceDetail: null, bars: inf, quality: { bars: 50 } as never }));
    expect(e2.code).toBe('BAD_INPUT');
    expect(e2.message).toMatch(/^data set "y": bar \d+ "(open|high|low|close)": /);
    expect(s.store.datasets.list({ limit: 10, offset: 0 }).total).toBe(0);
  });

  it('downloaded bars with a duplicate timestamp are BAD_FILE naming the bar', () => {
    const t = Float64Array.from([0, 60_000, 60_000]);
    const one = Float64Array.from([1, 1, 1]);
    const e = thrown(() => assertStorableBars({ time: t, open: one, high: one, low: one, close: one, volume: one }, 'kraken', 'download'));
    expect(e.code).toBe('BAD_FILE');
    expect(e.message).toMatch(/^kraken: bar 3 "time": duplicate timestamp .* \(same as bar 2\)/);
  });
});

describe('--db in a directory that does not exist', () => {
  let cli: CliHarness;
  beforeAll(() => {
    cli = createCliHarness({ seed: false });
  });
  afterAll(() => cli.remove());
  it('exits 2 naming --db and creates nothing', async () => {
    const db = join(cli.dir, 'nonexistent', 'dir', 'x.db');
    const r = await cli.run('--db', db, 'data', 'list');
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^peak: --db: directory .*nonexistent\/dir does not exist/);
    expect(existsSync(join(cli.dir, 'nonexistent'))).toBe(false);
  });
});
