/**
 * A stored HTML report prepared for display inside the app (reports:get with `content: true`). The page shows it
 * in a sandboxed iframe without scripts: the app's CSP forbids inline script, and a report needs none of the
 * app's privileges. So the inline plotly bundle (≈ 3.5 MB) and the chart script are dropped before sending, and
 * chart sections are hidden — tables, key figures and the verdict remain; the file itself keeps its charts.
 * The path comes from the run_reports row of a run id, never from the request, and must lie inside
 * <dataDir>/reports.
 */
import { readFileSync, statSync } from 'node:fs';
import { resolve, sep } from 'node:path';
import { PeakError } from '../../../core/errors';

/** Bigger than any report the writer produces (plotly inline ≈ 3.5 MB plus data). */
export const MAX_REPORT_BYTES = 32 * 1024 * 1024;

const APP_STYLE = `<style>section:has(> .chart){display:none}.in-app-note{font-size:12px;color:#59636e;margin:10px 0 0}</style>`;
const APP_NOTE = `<p class="in-app-note">Charts are in the report file (open it in a browser); the app shows its tables and figures.</p>`;

/** The report's HTML without scripts, with chart sections hidden. Pure (string → string), unit-tested. */
export function stripReportForApp(html: string): string {
  return html
    .replace(/<script\b[^>]*>[\s\S]*?<\/script\s*>/gi, '')
    .replace(/<\/head>/i, `${APP_STYLE}</head>`)
    .replace(/<main>/i, `<main>${APP_NOTE}`);
}

export function readReportForApp(dataDir: string, htmlPath: string): string {
  const root = resolve(dataDir, 'reports') + sep;
  const file = resolve(htmlPath);
  if (!file.startsWith(root)) throw new PeakError('NOT_FOUND', 'report: the stored HTML file is outside the reports folder');
  let size: number;
  try {
    size = statSync(file).size;
  } catch {
    throw new PeakError('NOT_FOUND', 'report: the HTML file is no longer on disk');
  }
  if (size > MAX_REPORT_BYTES) throw new PeakError('BAD_INPUT', `report: the HTML file is ${Math.round(size / 1e6)} MB, above the ${MAX_REPORT_BYTES / 1024 / 1024} MB the app displays`);
  return stripReportForApp(readFileSync(file, 'utf8'));
}
