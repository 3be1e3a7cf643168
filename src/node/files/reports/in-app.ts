/**
 * A stored report prepared for display inside the app. Two forms, both found from the run_reports row of a run id
 * (never from the request) and only inside <dataDir>/reports:
 * - the structured model (reports:get `model`): report-model.json, validated with core's ReportModelSchema; the
 *   app draws it natively, charts included, with no script in a frame;
 * - for runs written before the model was stored, the HTML (`content`) for a sandboxed iframe without scripts
 *   (the app's CSP forbids inline script, and a report needs none of the app's privileges): the inline plotly
 *   bundle (≈ 3.5 MB) and the chart script are dropped and chart sections hidden — tables, key figures and the
 *   verdict remain; the file itself keeps its charts.
 */
import { readFileSync, statSync } from 'node:fs';
import { join, resolve, sep } from 'node:path';
import { ReportModelSchema, type ReportModel } from '../../../core/research/report-model';
import { PeakError } from '../../../core/errors';
import { REPORT_MODEL_FILE } from './write';

/** Bigger than any report the writer produces (plotly inline ≈ 3.5 MB plus data). */
export const MAX_REPORT_BYTES = 32 * 1024 * 1024;

// The page around the frame says, in one line, that the charts are only in the file.
const APP_STYLE = `<style>section:has(> .chart){display:none}</style>`;

/** The report's HTML without scripts, with chart sections hidden. Pure (string → string), unit-tested. */
export function stripReportForApp(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '').replace(/<\/head>/i, `${APP_STYLE}</head>`);
}

/** The absolute path when it lies inside <dataDir>/reports, else NOT_FOUND (a row pointing elsewhere is not served). */
function insideReports(dataDir: string, path: string, what: string): string {
  const root = resolve(dataDir, 'reports') + sep;
  const file = resolve(path);
  if (!file.startsWith(root)) throw new PeakError('NOT_FOUND', `report: the stored ${what} is outside the reports folder`);
  return file;
}

/** File size, or null when the file is gone. */
function sizeOf(file: string): number | null {
  try {
    return statSync(file).size;
  } catch {
    return null;
  }
}

export function readReportForApp(dataDir: string, htmlPath: string): string {
  const file = insideReports(dataDir, htmlPath, 'HTML file');
  const size = sizeOf(file);
  if (size === null) throw new PeakError('NOT_FOUND', 'report: the HTML file is no longer on disk');
  if (size > MAX_REPORT_BYTES) throw new PeakError('BAD_INPUT', `report: the HTML file is ${Math.round(size / 1e6)} MB, above the ${MAX_REPORT_BYTES / 1024 / 1024} MB the app displays`);
  return stripReportForApp(readFileSync(file, 'utf8'));
}

/**
 * The stored model of the report in `reportDir`, or null when there is none (a report written before models were
 * stored). A model that is there but does not parse or validate is BAD_FILE naming the field: the page then falls
 * back to the HTML and says why.
 */
export function readReportModel(dataDir: string, reportDir: string): ReportModel | null {
  const file = insideReports(dataDir, join(reportDir, REPORT_MODEL_FILE), 'report model');
  const size = sizeOf(file);
  if (size === null) return null;
  if (size > MAX_REPORT_BYTES) throw new PeakError('BAD_FILE', `report model: ${Math.round(size / 1e6)} MB, above the ${MAX_REPORT_BYTES / 1024 / 1024} MB the app displays`);
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (e) {
    throw new PeakError('BAD_FILE', `report model: not JSON (${e instanceof Error ? e.message : String(e)})`);
  }
  const r = ReportModelSchema.safeParse(raw);
  if (!r.success) {
    const i = r.error.issues[0];
    throw new PeakError('BAD_FILE', `report model: ${i?.path.length ? i.path.map(String).join('.') : '(file)'}: ${i?.message ?? 'invalid'}`);
  }
  return r.data;
}
