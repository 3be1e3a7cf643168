/**
 * The report model shared by the HTML, Markdown and JSON writers: the structured ReportModel of core (title,
 * provenance, ordered sections — also stored as report-model.json for the app) plus the raw results. Every research
 * run builds one of these; the writers only render it, so the formats always agree.
 */
import type { ReportModel } from '../../../core/research/report-model';

export type { ChartTrace, Section } from '../../../core/research/report-model';

export interface Report extends ReportModel {
  /** the raw, machine-readable results (written as the JSON report; not part of the stored model) */
  data: unknown;
}

/** Number formatting for tables: fixed decimals, '—' for null/NaN, percentages from fractions. */
export const fmtNum = (x: number | null | undefined, d = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));
export const fmtPct = (x: number | null | undefined, d = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(d)} %`);
