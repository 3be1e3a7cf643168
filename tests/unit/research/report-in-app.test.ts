import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { readReportForApp, stripReportForApp } from '../../../src/node/files/reports/in-app';
import { createTestServices, type TestServices } from '../../support/services';

const SAMPLE = `<!doctype html><html><head><title>x</title></head><body><main><section><h2>Summary</h2><table><tr><td>1</td></tr></table></section>
<section><h2>Equity</h2><div class="chart" id="chart-1"></div></section></main><script>var big="plotly";</script>
<SCRIPT type="text/javascript">alert(1)</SCRIPT ><script type="application/json" id="report-data">{"a":1}</script></body></html>`;

describe('HTML report shown inside the app', () => {
  it('drops every script, hides chart sections, keeps tables (the page around the frame says where the charts are)', () => {
    const out = stripReportForApp(SAMPLE);
    expect(out).not.toMatch(/<script/i);
    expect(out).not.toContain('plotly');
    expect(out).toContain('<table><tr><td>1</td></tr></table>');
    expect(out).toContain('section:has(> .chart){display:none}');
    expect(out).toContain('<main><section><h2>Summary</h2>');
  });
  it('reads only files inside <dataDir>/reports', () => {
    const dir = mkdtempSync(join(tmpdir(), 'peak-report-'));
    try {
      mkdirSync(join(dir, 'reports', '7'), { recursive: true });
      writeFileSync(join(dir, 'reports', '7', 'stress-report.html'), SAMPLE);
      writeFileSync(join(dir, 'secret.html'), SAMPLE);
      expect(readReportForApp(dir, join(dir, 'reports', '7', 'stress-report.html'))).toContain('Summary');
      expect(() => readReportForApp(dir, join(dir, 'secret.html'))).toThrow(/outside the reports folder/);
      expect(() => readReportForApp(dir, join(dir, 'reports', '..', 'secret.html'))).toThrow(/outside the reports folder/);
      expect(() => readReportForApp(dir, join(dir, 'reports', '8', 'gone.html'))).toThrow(/no longer on disk/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('reports:get with content', () => {
  let s: TestServices;
  afterEach(async () => s?.dispose());
  it('a stress run: its report HTML by run id, without scripts; null html without content', async () => {
    s = createTestServices();
    const ok = <T,>(r: { ok: true; value: T } | { ok: false; error: { message: string } }): T => {
      if (!r.ok) throw new Error(r.error.message);
      return r.value;
    };
    const ds = ok(await s.invoke('data:list', {})).datasets.find((d) => d.name === 'Test GARCH 1h')!;
    const run = ok(await s.invoke('backtest:run', { datasetId: ds.id, strategyId: 'ma_crossover', params: { fast_window: 10, slow_window: 30 } }));
    const stress = ok(await s.invoke('stress:run', { source: { runId: run.id }, report: true }));
    const plain = ok(await s.invoke('reports:get', { runId: stress.runId }));
    expect(plain.html).toBeUndefined();
    expect(plain.report?.html).toMatch(/stress-report\.html$/);
    const full = ok(await s.invoke('reports:get', { runId: stress.runId, content: true }));
    expect(full.html).toContain('<table');
    expect(full.html).not.toMatch(/<script/i);
    // a backtest has no report: html is null, not an error
    expect(ok(await s.invoke('reports:get', { runId: run.id, content: true })).html).toBeNull();
  });
});
