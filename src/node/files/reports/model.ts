/**
 * The report model shared by the HTML, Markdown and JSON writers: a title, provenance (run id, seed, config hash,
 * data set, time) and an ordered list of sections. Every research run builds one of these; the writers only
 * render it, so the three formats always agree.
 */
export interface ChartTrace {
  name: string;
  x: (number | string)[];
  y: number[];
  /** plotly trace options that matter here */
  mode?: 'lines' | 'markers' | 'lines+markers';
  type?: 'scatter' | 'bar';
  fill?: 'tonexty' | 'none';
  line?: { color?: string; width?: number; dash?: string };
  showlegend?: boolean;
}

export type Section =
  | { type: 'text'; title?: string; text: string }
  | { type: 'kv'; title: string; rows: [string, string][] }
  | { type: 'table'; title: string; columns: string[]; rows: string[][] }
  | { type: 'chart'; title: string; traces: ChartTrace[]; xTime?: boolean; yTitle?: string; yPercent?: boolean; height?: number }
  | { type: 'verdict'; title: string; verdict: 'GO' | 'NO_GO' | 'INCONCLUSIVE'; reasons: string[]; checks: { criterion: string; status: string; message: string }[] };

export interface Report {
  title: string;
  kind: string;
  runId: number;
  seed: number;
  configHash: string;
  /** epoch ms */
  createdAt: number;
  dataset: string | null;
  subtitle?: string;
  sections: Section[];
  /** the raw, machine-readable results (written as the JSON report) */
  data: unknown;
}

/** Number formatting for tables: fixed decimals, '—' for null/NaN, percentages from fractions. */
export const fmtNum = (x: number | null | undefined, d = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : x.toFixed(d));
export const fmtPct = (x: number | null | undefined, d = 2): string => (x === null || x === undefined || !Number.isFinite(x) ? '—' : `${(x * 100).toFixed(d)} %`);
