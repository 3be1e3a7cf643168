// The structured report a research run stores next to its HTML (report-model.json) and what reports:get `model`
// gives back: written atomically, validated, equal to the run's own results; missing → null, broken → BAD_FILE.
import { existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ReportModelSchema, type ReportModel, type Section } from '../../../src/core/research/report-model';
import { equitySections, mcSections, thinIndices, timeFormat } from '../../../src/node/files/reports/builders';
import { createTestServices, type TestServices } from '../../support/services';

type R<T> = { ok: true; value: T } | { ok: false; error: { code: string; message: string } };
const ok = <T,>(r: R<T>): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};
/** independent formatting of a fraction as the report shows it */
const pct = (x: number): string => `${(x * 100).toFixed(2)} %`;
const section = <T extends Section['type']>(m: ReportModel, type: T, title: string | RegExp): Extract<Section, { type: T }> => {
  const s = m.sections.find((x) => x.type === type && (typeof title === 'string' ? x.title === title : title.test(x.title ?? '')));
  if (!s) throw new Error(`no ${type} section "${String(title)}"`);
  return s as Extract<Section, { type: T }>;
};

describe('report sections', () => {
  it('equity charts: drawdown from the running peak, at most ~2,000 points, the last point kept', () => {
    const [eq, dd] = equitySections('x', [0, 1, 2, 3, 4], [100, 120, 90, 130, 65]);
    expect(eq.type === 'chart' && eq.traces[0].y).toEqual([100, 120, 90, 130, 65]);
    // peaks 100, 120, 120, 130, 130 → 0, 0, 90/120−1, 0, 65/130−1
    expect(dd.type === 'chart' && dd.traces[0].y).toEqual([0, 0, -0.25, 0, -0.5]);
    const idx = thinIndices(525_600);
    expect(idx.length).toBeLessThanOrEqual(2001);
    expect(idx[0]).toBe(0);
    expect(idx.at(-1)).toBe(525_599);
  });
});

describe('Monte-Carlo fan axis', () => {
  const fan = { nPaths: 10, step: [0, 2, 4], p5: [100, 90, 80], p25: [100, 95, 90], p50: [100, 100, 100], p75: [100, 105, 110], p95: [100, 110, 120] };
  const mc = { method: 'block', fan } as unknown as Parameters<typeof mcSections>[0];
  const fanOf = (secs: Section[]) => secs.find((x) => x.type === 'chart' && x.title?.startsWith('Fan')) as Extract<Section, { type: 'chart' }>;
  it('step k is the baseline bar firstBar + k: its timestamp on x, its equity as the actual line', () => {
    const time = [10, 20, 30, 40, 50, 60, 70];
    const equity = [100, 100, 101, 99, 104, 108, 111];
    const f = fanOf(mcSections({ ...mc, finalEquity: {}, totalReturn: {}, maxDrawdown: {}, sharpe: {}, cagr: {} } as never, { time, equity, firstBar: 2 }));
    expect(f.xTime).toBe(true);
    expect(f.traces[0].x).toEqual([30, 50, 70]);
    expect(f.traces.at(-1)).toMatchObject({ name: 'actual equity (this run)', x: [30, 50, 70], y: [101, 104, 111] });
  });
  it('steps from the start for trade shuffles, without a baseline, or when the steps run past it', () => {
    const dist = { finalEquity: {}, totalReturn: {}, maxDrawdown: {}, sharpe: {}, cagr: {} };
    expect(fanOf(mcSections({ ...mc, ...dist, method: 'trade_shuffle' } as never, { time: [1, 2, 3, 4, 5], equity: [1, 1, 1, 1, 1], firstBar: 0 })).xTitle).toBe('trades from start');
    expect(fanOf(mcSections({ ...mc, ...dist } as never)).xTitle).toBe('bars from start');
    const short = fanOf(mcSections({ ...mc, ...dist } as never, { time: [1, 2, 3, 4], equity: [1, 1, 1, 1], firstBar: 0 }));
    expect(short.traces[0].x).toEqual([0, 2, 4]);
    expect(short.traces.some((t) => t.name.startsWith('actual'))).toBe(false);
  });
});

describe('walk-forward window bounds', () => {
  it('dates only when every bound is at UTC midnight; date and time as soon as one is not', () => {
    const midnight = Date.UTC(2024, 0, 2);
    expect(timeFormat([midnight, Date.UTC(2024, 5, 30)])(midnight)).toBe('2024-01-02');
    const hourly = timeFormat([midnight, midnight + 3_600_000]);
    expect(hourly(midnight)).toBe('2024-01-02 00:00');
    expect(hourly(midnight + 3_600_000)).toBe('2024-01-02 01:00');
    expect(timeFormat([midnight])(NaN)).toBe('—');
  });
});

describe('reports:get model (real services, temp store)', () => {
  let s: TestServices;
  let datasetId: string;
  beforeAll(async () => {
    s = createTestServices({ workers: 2 });
    datasetId = ok(await s.invoke('data:list', {})).datasets.find((d) => d.bars === 2000)!.id;
  });
  afterAll(async () => s?.dispose());

  it('a walk-forward run: the stored model round-trips, validates and shows the run\'s own windows and curve', async () => {
    const wf = ok(await s.invoke('walkforward:run', {
      datasetId, strategyId: 'ma_crossover', grid: { fast_window: { kind: 'values', values: [5, 10] }, slow_window: { kind: 'values', values: [20, 40] } },
      train: 600, test: 200, step: 200, mode: 'rolling',
    }));
    const dir = wf.report!.dir;
    // written by rename: the model is there, no temp file is left behind
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const got = ok(await s.invoke('reports:get', { runId: wf.runId, model: true }));
    expect(got.html).toBeUndefined();
    const model = ReportModelSchema.parse(got.model);
    expect(model).toEqual(JSON.parse(readFileSync(join(dir, 'report-model.json'), 'utf8')));
    expect(model).toMatchObject({ kind: 'walkforward', runId: wf.runId, configHash: wf.configHash });
    expect(model).not.toHaveProperty('data'); // raw results stay in the JSON report

    const windows = section(model, 'table', 'Windows');
    expect(windows.rows).toHaveLength(wf.summary.folds.length);
    const oosCol = windows.columns.indexOf('OOS return');
    expect(windows.rows.map((r) => r[oosCol])).toEqual(wf.summary.folds.map((f) => pct(f.oos.totalReturn!)));
    const kv = section(model, 'kv', 'Walk-forward summary');
    const positive = wf.summary.folds.filter((f) => (f.oos.totalReturn ?? 0) > 0).length;
    expect(kv.rows.find(([k]) => k.startsWith('windows'))![1]).toMatch(new RegExp(`^${positive} / ${wf.summary.folds.length} `));

    const stitched = section(model, 'chart', 'Stitched out-of-sample equity');
    const t = stitched.traces[0];
    expect(stitched.xTime).toBe(true);
    expect(t.x.length).toBeLessThanOrEqual(2001);
    expect(t.x.at(-1)).toBe(wf.summary.stitched.time.at(-1));
    expect(t.y.at(-1)).toBe(wf.summary.stitched.equity.at(-1));
    const k = wf.summary.stitched.time.indexOf(t.x[1] as number);
    expect(t.y[1]).toBe(wf.summary.stitched.equity[k]);
    const sharpe = section(model, 'chart', /^Per-window Sharpe/);
    expect(sharpe.traces.map((x) => x.name)).toEqual(['IS', 'OOS']);
    expect(sharpe.traces[1].y).toEqual(wf.summary.folds.map((f) => f.oos.sharpe ?? 0));
  });

  it('a Monte-Carlo run: the distribution table and the fan chart are the summary\'s', async () => {
    const mc = ok(await s.invoke('montecarlo:run', { source: { datasetId, strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 40 } }, method: 'block', nPaths: 300, seed: 3, report: true }));
    const model = ReportModelSchema.parse(ok(await s.invoke('reports:get', { runId: mc.runId, model: true })).model);
    const table = section(model, 'table', 'Distribution of path statistics');
    const ret = table.rows.find((r) => r[0] === 'total return')!;
    expect(ret.slice(1, 6)).toEqual([mc.summary.totalReturn.p5, mc.summary.totalReturn.p25, mc.summary.totalReturn.p50, mc.summary.totalReturn.p75, mc.summary.totalReturn.p95].map(pct));
    const fan = section(model, 'chart', /^Fan chart/);
    // block bootstrap resamples bars: the fan is on the baseline's own dates, with the run's equity over the bands
    expect(fan.xTime).toBe(true);
    expect(fan.traces.find((x) => x.name === 'median')!.y).toEqual(mc.summary.fan.p50);
    const base = section(model, 'chart', 'Baseline backtest: equity').traces[0];
    const actual = fan.traces.find((x) => x.name === 'actual equity (this run)')!;
    expect(actual.y[0]).toBe(mc.summary.initialEquity); // step 0: the equity the paths start from
    expect(actual.y.at(-1)).toBe(base.y.at(-1)); // the last step is the run's last bar (the thinned baseline keeps it)
    expect(actual.x.at(-1)).toBe(base.x.at(-1));
    expect(actual.x.every((t, i) => i === 0 || t > actual.x[i - 1])).toBe(true);
    expect(section(model, 'chart', 'Baseline backtest: drawdown').yPercent).toBe(true);
  });

  it('no model: null for a run without a report or written before models; a broken model is BAD_FILE naming the field', async () => {
    const run = ok(await s.invoke('backtest:run', { datasetId, strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 30 } }));
    expect(ok(await s.invoke('reports:get', { runId: run.id, model: true })).model).toBeNull();
    const st = ok(await s.invoke('stress:run', { source: { runId: run.id }, report: true }));
    const file = join(st.report!.dir, 'report-model.json');
    // a path in the request is not an input: the model still comes from the run's own report folder
    const viaPath = ok(await s.invoke('reports:get', { runId: st.runId, model: true, path: '/etc/passwd' } as never));
    expect(viaPath.model?.kind).toBe('stress');
    writeFileSync(file, JSON.stringify({ ...JSON.parse(readFileSync(file, 'utf8')), sections: [{ type: 'chart', title: 'x', traces: [{ name: 'a', x: [1], y: ['oops'] }] }] }));
    const bad = await s.invoke('reports:get', { runId: st.runId, model: true });
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.error).toMatchObject({ code: 'BAD_FILE', message: expect.stringMatching(/^report model: sections\.0\.traces\.0\.y\.0: /) });
    rmSync(file);
    expect(existsSync(st.report!.html!)).toBe(true);
    const old = ok(await s.invoke('reports:get', { runId: st.runId, model: true }));
    expect(old.model).toBeNull();
    expect(old.report?.html).toBe(st.report!.html);
  });
});
