/**
 * The structured model of a research report (walk-forward, Monte-Carlo, stress, portfolio): a title, provenance
 * (run id, seed, config hash, data set, time) and ordered sections. The node report writers render it as HTML and
 * Markdown and store it as JSON next to them; the app reads it back (reports:get with `model`) and draws it
 * natively, so the in-app report needs no script inside a frame. Pure: zod only.
 */
import { z } from 'zod';

export const ChartTraceSchema = z.object({
  name: z.string(),
  x: z.array(z.union([z.number(), z.string()])),
  /** null: a gap (a non-finite value is written as null in JSON) */
  y: z.array(z.number().nullable()),
  /** the plotly trace options the reports use */
  mode: z.enum(['lines', 'markers', 'lines+markers']).optional(),
  type: z.enum(['scatter', 'bar']).optional(),
  fill: z.enum(['tonexty', 'none']).optional(),
  fillcolor: z.string().optional(),
  line: z.object({ color: z.string().optional(), width: z.number().optional(), dash: z.string().optional() }).optional(),
  showlegend: z.boolean().optional(),
});
export type ChartTrace = z.infer<typeof ChartTraceSchema>;

export const VerdictSchema = z.enum(['GO', 'NO_GO', 'INCONCLUSIVE']);

export const SectionSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('text'), title: z.string().optional(), text: z.string() }),
  z.object({ type: z.literal('kv'), title: z.string(), rows: z.array(z.tuple([z.string(), z.string()])) }),
  z.object({ type: z.literal('table'), title: z.string(), columns: z.array(z.string()), rows: z.array(z.array(z.string())) }),
  z.object({
    type: z.literal('chart'),
    title: z.string(),
    traces: z.array(ChartTraceSchema),
    /** x values are epoch ms: draw a date axis */
    xTime: z.boolean().optional(),
    xTitle: z.string().optional(),
    yTitle: z.string().optional(),
    /** y values are fractions: draw a percent axis */
    yPercent: z.boolean().optional(),
    /** px */
    height: z.number().int().positive().optional(),
  }),
  z.object({
    type: z.literal('verdict'),
    title: z.string(),
    verdict: VerdictSchema,
    reasons: z.array(z.string()),
    checks: z.array(z.object({ criterion: z.string(), status: z.string(), message: z.string() })),
  }),
]);
export type Section = z.infer<typeof SectionSchema>;

export const ReportModelSchema = z.object({
  title: z.string(),
  kind: z.string(),
  runId: z.number().int(),
  seed: z.number(),
  configHash: z.string(),
  /** epoch ms */
  createdAt: z.number(),
  dataset: z.string().nullable(),
  subtitle: z.string().optional(),
  sections: z.array(SectionSchema),
});
export type ReportModel = z.infer<typeof ReportModelSchema>;

/**
 * A table cell that holds a number (right-aligned in the HTML file and in the app): digits with an optional sign,
 * exponent, unit (%, pp) or the "—" of a missing value. Text cells ("2024-01-01 → 2024-06-30", "fast=10") stay left.
 */
const NUMERIC_CELL = /^(?:[-+−]?[\d.,]+(?:e[-+]?\d+)?(?: %| pp)?|—)$/;
export const isNumericCell = (cell: string): boolean => NUMERIC_CELL.test(cell);
