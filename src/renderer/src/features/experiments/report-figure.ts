/**
 * Pure helpers of the in-app report (ReportView): a stored chart section → plotly traces and layout for the app's
 * Plot component (which adds the theme), and which table cells / columns are numeric (right-aligned). The numbers
 * themselves are the report's own: cells arrive formatted, chart values are drawn as stored.
 */
import { isNumericCell, type Section } from '../../../../core/research/report-model';

export type ChartSection = Extract<Section, { type: 'chart' }>;

export interface ReportFigure {
  data: Record<string, unknown>[];
  layout: Record<string, unknown>;
  height: number;
}

/**
 * Date axis when the x values are epoch ms (`xTime`; plotly reads numbers on a date axis as UTC ms, like every other
 * chart of the app), percent axis and hover when the y values are fractions (`yPercent`), a category axis for bar
 * charts (window numbers, scenario names: one tick each), and a legend when there is more than one series.
 */
export function reportFigure(s: ChartSection): ReportFigure {
  const bars = s.traces.some((t) => t.type === 'bar');
  const yFmt = s.yPercent ? '.2%' : ',.4~g';
  const data = s.traces.map((t) => ({
    type: t.type ?? 'scatter',
    ...(t.type === 'bar' ? {} : { mode: t.mode ?? 'lines' }),
    name: t.name,
    x: t.x,
    y: t.y,
    ...(t.fill && t.fill !== 'none' ? { fill: t.fill } : {}),
    ...(t.fillcolor ? { fillcolor: t.fillcolor } : {}),
    ...(t.line ? (t.type === 'bar' ? { marker: { color: t.line.color } } : { line: t.line }) : {}),
    ...(t.showlegend === undefined ? {} : { showlegend: t.showlegend }),
    hovertemplate: `${escapeTemplate(t.name)} %{y:${yFmt}}<extra></extra>`,
  }));
  const xaxis = s.xTime ? { type: 'date' } : bars ? { type: 'category', title: { text: s.xTitle ?? '' } } : { title: { text: s.xTitle ?? '' } };
  const yaxis = { title: { text: s.yTitle ?? '' }, ...(s.yPercent ? { tickformat: '.1%' } : {}) };
  const layout = {
    xaxis,
    yaxis,
    showlegend: s.traces.length > 1,
    // plotly reverses the legend of stacked fills (the fan's bands); keep the order the report lists its series in
    legend: { orientation: 'h', x: 0, y: 1.02, yanchor: 'bottom', bgcolor: 'rgba(0,0,0,0)', traceorder: 'normal' },
    hovermode: 'x unified',
    ...(bars ? { barmode: 'group' } : {}),
    // room for the legend row above the plot (styledLayout places it at y = 1.02)
    margin: { l: 56, r: 16, t: s.traces.length > 1 ? 34 : 10, b: 36 },
  };
  return { data, layout, height: s.height ?? 320 };
}

/** plotly hover templates read %{…}: a trace name must not be taken for one */
const escapeTemplate = (name: string): string => name.replace(/%\{/g, '%\u200b{');

/** Per column: right-aligned when every non-empty cell holds a number (the header follows its cells). */
export function numericColumns(columns: readonly string[], rows: readonly (readonly string[])[]): boolean[] {
  return columns.map((_, j) => {
    let any = false;
    for (const r of rows) {
      const c = r[j] ?? '';
      if (c === '') continue;
      if (!isNumericCell(c)) return false;
      any = true;
    }
    return any;
  });
}

/**
 * The pieces a text cell may wrap between when the window is narrow: words, never inside a date or a parameter
 * ("2016-12-31", "fast_window=20"); an arrow stays with the word before it ("2016-12-31 →" / "2017-12-30").
 */
export function wrapTokens(cell: string): string[] {
  const out: string[] = [];
  for (const w of cell.split(' ')) {
    if (w === '') continue;
    if ((w === '→' || w === '·') && out.length) out[out.length - 1] += ` ${w}`;
    else out.push(w);
  }
  return out;
}

export const verdictWord = (v: 'GO' | 'NO_GO' | 'INCONCLUSIVE'): string => v.replace('_', '-');
