import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { existsSync, readFileSync } from 'node:fs';
import { createTestServices, type TestServices } from '../support/services';
import { parseScenarioText, scenarioLibrary } from '../../src/node/drills/scenarios';
import { createDrillService, runScriptedDrill } from '../../src/node/drills/service';

let svc: TestServices;
beforeAll(() => {
  svc = createTestServices();
});
afterAll(async () => {
  await svc.close();
});

const ok = <T>(r: { ok: true; value: T } | { ok: false; error: { code: string; message: string } }): T => {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
};

describe('scenario library', () => {
  it('has the five scenarios, each with a generator and tags', () => {
    const lib = scenarioLibrary();
    expect([...lib.keys()].sort()).toEqual(['fomo', 'freeze', 'overtrading', 'revenge', 'scale-in']);
    for (const s of lib.values()) expect(s.tags.enter_long.length).toBeGreaterThan(0);
  });
  it('names the bad key and the file', () => {
    expect(() => parseScenarioText('id = "x"\nname = "X"\nspeeed = 3\n[source]\nkind = "garch"\nseed = 1\n[strategy]\nid = "ma_crossover"\n', 'config/drills/x.toml'))
      .toThrow(/config\/drills\/x\.toml: .*"speeed"/);
  });
});

describe('drill lifecycle over the contract', () => {
  it('start → act → finish stores latencies, categories and the heatmap; reports are written', async () => {
    const started = ok(await svc.invoke('drills:start', { scenario: 'fomo', length: 200 }));
    expect(started.signals.length).toBeGreaterThan(2);
    expect(started.prices.close.length).toBe(200 + started.config.replayFrom);
    expect(started.indicators.map((l) => l.name)).toEqual(['SMA 8', 'SMA 30']);
    const [s1, s2] = started.signals;
    const k1 = s1.recommended === 'ENTER_LONG' ? 'enter_long' : s1.recommended === 'ENTER_SHORT' ? 'enter_short' : 'exit';
    const a1 = ok(await svc.invoke('drills:act', { drillId: started.drillId, signalId: s1.signalId, key: k1, latencyMs: 812.4, bar: s1.bar + 3 }));
    expect(a1).toMatchObject({ userAction: 'EXECUTED', category: 'ON_TIME' });
    const a2 = ok(await svc.invoke('drills:act', { drillId: started.drillId, signalId: s2.signalId, key: 'skip', latencyMs: 150, bar: s2.bar }));
    expect(a2).toMatchObject({ userAction: 'SKIPPED', category: 'SKIPPED' });
    const bad = await svc.invoke('drills:act', { drillId: started.drillId, signalId: 'nope', key: 'skip', latencyMs: 1, bar: 0 });
    expect(bad.ok === false && bad.error.code).toBe('BAD_INPUT');
    const { detail, report } = ok(await svc.invoke('drills:finish', { drillId: started.drillId }));
    expect(detail.drill.status).toBe('finished');
    const a = detail.analysis!;
    expect(a.reactions[0]).toMatchObject({ reactionMs: 812.4, category: 'ON_TIME' });
    expect(a.reactions[1]).toMatchObject({ reactionMs: 150, category: 'SKIPPED' });
    expect(a.reactions.slice(2).every((r) => r.category === 'MISSED')).toBe(true);
    expect(detail.drill.missedSignals).toBe(started.signals.length - 2);
    expect(detail.drill.avgReactionMs).toBeCloseTo((812.4 + 150) / 2, 9);
    // fomo scenario tags: breakout/breakdown → every signal in the breakout cluster (exits: exit cluster)
    const entries = started.signals.filter((s) => s.recommended !== 'EXIT').length;
    expect(a.heatmapReport.counts.breakout).toBe(entries);
    expect(existsSync(report.html) && readFileSync(report.html, 'utf8').includes('Plotly')).toBe(true);
    expect(readFileSync(report.md, 'utf8')).toContain('Breakout / Breakdowns');
    const again = await svc.invoke('drills:act', { drillId: started.drillId, signalId: null, key: 'exit', latencyMs: null, bar: 1 });
    expect(again.ok === false && again.error.code).toBe('CONFLICT');
  });

  it('abandon stores the drill as abandoned', async () => {
    const started = ok(await svc.invoke('drills:start', { scenario: 'freeze', length: 60 }));
    const s = ok(await svc.invoke('drills:abandon', { drillId: started.drillId }));
    expect(s.status).toBe('abandoned');
    expect(ok(await svc.invoke('drills:list', {})).find((d) => d.id === started.drillId)?.status).toBe('abandoned');
  });

  it('a data-set window drill uses the stored bars', async () => {
    const ds = svc.store.datasets.findByName('Test session 1m')[0];
    const started = ok(await svc.invoke('drills:start', { datasetId: ds.id, start: 100, strategy: 'ma_crossover', params: { fast_window: 3, slow_window: 9 }, length: 100 }));
    expect(started.prices.close[0]).toBe(svc.store.datasets.bars(ds.id).close[100]);
    const tooLong = await svc.invoke('drills:start', { datasetId: ds.id, start: 450, strategy: 'ma_crossover', length: 100 });
    expect(tooLong.ok === false && tooLong.error.message).toMatch(/^length:/);
  });

  it('the SPEC demo and a scripted drill; trends across drills', async () => {
    const demo = ok(await svc.invoke('drills:demo', {}));
    expect(demo.detail.analysis!.summary.mean).toBe(4250);
    const service = createDrillService(svc.ctx);
    const r = runScriptedDrill(service, { scenario: 'overtrading', policy: 'frozen', seed: 3 });
    const d = service.detail(r.drillId);
    expect(r.total_signals).toBe(d.signals.length);
    expect(r.missed_signals).toBe(d.signals.length - Math.ceil(d.signals.length / 3));
    const lat = d.actions.map((x) => x.latencyMs as number);
    expect(r.avg_reaction_ms).toBeCloseTo(lat.reduce((x, y) => x + y, 0) / lat.length, 9);
    const viaApi = ok(await svc.invoke('drills:auto', { scenario: 'scale-in', policy: 'impulsive', seed: 1 }));
    expect(viaApi.missed_signals).toBe(0);
    const t = ok(await svc.invoke('drills:trends', {}));
    expect(t.reactions.length).toBeGreaterThanOrEqual(3);
  });
});
