/**
 * Writes a Report as HTML (self-contained), Markdown and JSON into <dataDir>/reports/<runId or hash>/ and
 * returns the paths. plotly.min.js is read once from node_modules (plotly.js-dist-min) and cached; if it cannot
 * be found the HTML still opens, with a note instead of charts.
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import type { ReportRef } from '../../../core/api/commands/research';
import { renderHtml } from './html';
import { renderMarkdown } from './markdown';
import type { Report } from './model';

let plotlyCache: string | null | undefined;

export function plotlySource(): string | null {
  if (plotlyCache !== undefined) return plotlyCache;
  try {
    const req = createRequire(import.meta.url);
    plotlyCache = readFileSync(req.resolve('plotly.js-dist-min/plotly.min.js'), 'utf8');
  } catch {
    try {
      plotlyCache = readFileSync(join(process.cwd(), 'node_modules', 'plotly.js-dist-min', 'plotly.min.js'), 'utf8');
    } catch {
      plotlyCache = null;
    }
  }
  return plotlyCache;
}

export type ReportFormat = 'html' | 'md' | 'json';

export function reportDir(dataDir: string, r: Pick<Report, 'runId' | 'configHash'>): string {
  return join(dataDir, 'reports', r.runId > 0 ? String(r.runId) : `unsaved-${r.configHash.slice(0, 16)}`);
}

export function writeReport(dataDir: string, r: Report, formats: readonly ReportFormat[] = ['html', 'md', 'json']): ReportRef {
  const dir = reportDir(dataDir, r);
  mkdirSync(dir, { recursive: true });
  const out: ReportRef = { dir, html: null, md: null, json: null };
  const base = `${r.kind}-report`;
  if (formats.includes('html')) {
    out.html = join(dir, `${base}.html`);
    writeFileSync(out.html, renderHtml(r, plotlySource()));
  }
  if (formats.includes('md')) {
    out.md = join(dir, `${base}.md`);
    writeFileSync(out.md, renderMarkdown(r));
  }
  if (formats.includes('json')) {
    out.json = join(dir, `${base}.json`);
    const meta = { title: r.title, kind: r.kind, runId: r.runId, seed: r.seed, configHash: r.configHash, createdAt: r.createdAt, dataset: r.dataset };
    writeFileSync(out.json, JSON.stringify({ ...meta, data: r.data }, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), 2));
  }
  return out;
}
