/**
 * Writes a Report as HTML (self-contained), Markdown and JSON into <dataDir>/reports/<runId or hash>/ and
 * returns the paths. plotly.min.js is read once from node_modules (plotly.js-dist-min) and cached; if it cannot
 * be found the HTML still opens, with a note instead of charts. Next to them, always, report-model.json: the
 * structured model (sections with chart traces, no raw data) that the app draws natively (reports:get `model`).
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { writeAtomic } from '../atomic';
import type { ReportRef } from '../../../core/api/commands/research';
import type { ReportModel } from '../../../core/research/report-model';
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

/** The stored model's file name inside a report's folder (one folder per run). */
export const REPORT_MODEL_FILE = 'report-model.json';

/** JSON without NaN/±Infinity (JSON.stringify would write them as null anyway; this makes it explicit). */
const finiteJson = (v: unknown, indent?: number): string => JSON.stringify(v, (_k, x: unknown) => (typeof x === 'number' && !Number.isFinite(x) ? null : x), indent);

export function writeReportModel(dir: string, r: Report): string {
  const model: ReportModel = { title: r.title, kind: r.kind, runId: r.runId, seed: r.seed, configHash: r.configHash, createdAt: r.createdAt, dataset: r.dataset, sections: r.sections, ...(r.subtitle ? { subtitle: r.subtitle } : {}) };
  const path = join(dir, REPORT_MODEL_FILE);
  writeAtomic(path, finiteJson(model));
  return path;
}

export function reportDir(dataDir: string, r: Pick<Report, 'runId' | 'configHash'>): string {
  return join(dataDir, 'reports', r.runId > 0 ? String(r.runId) : `unsaved-${r.configHash.slice(0, 16)}`);
}

export function writeReport(dataDir: string, r: Report, formats: readonly ReportFormat[] = ['html', 'md', 'json']): ReportRef {
  const dir = reportDir(dataDir, r);
  mkdirSync(dir, { recursive: true });
  writeReportModel(dir, r);
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
    writeFileSync(out.json, finiteJson({ ...meta, data: r.data }, 2));
  }
  return out;
}
