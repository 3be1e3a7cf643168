/**
 * Key figures of a research run (walk-forward, Monte-Carlo, stress) from its stored metrics, in the units a
 * reader expects: the research services store returns and drawdowns as fractions (0.12 = 12 %), so they are
 * shown × 100 with a % sign; counts as integers; ratios with two decimals. Unknown kinds show nothing.
 */
type Unit = 'frac' | 'ratio' | 'int' | 'money';
interface FigureDef {
  key: string;
  label: string;
  unit: Unit;
}

const FIGURES: Record<string, FigureDef[]> = {
  walkforward: [
    { key: 'oosTotalReturn', label: 'Out-of-sample return', unit: 'frac' },
    { key: 'oosSharpe', label: 'Out-of-sample Sharpe', unit: 'ratio' },
    { key: 'oosMaxDrawdown', label: 'Out-of-sample max drawdown', unit: 'frac' },
    { key: 'efficiency', label: 'Walk-forward efficiency', unit: 'ratio' },
    { key: 'windows', label: 'Windows', unit: 'int' },
    { key: 'winRateWindows', label: 'Profitable windows', unit: 'frac' },
  ],
  montecarlo: [
    { key: 'probLoss', label: 'Probability of a loss', unit: 'frac' },
    { key: 'totalReturnP50', label: 'Median return', unit: 'frac' },
    { key: 'totalReturnP5', label: '5th percentile return', unit: 'frac' },
    { key: 'maxDrawdownP50', label: 'Median max drawdown', unit: 'frac' },
    { key: 'sharpeP50', label: 'Median Sharpe', unit: 'ratio' },
    { key: 'finalEquityP50', label: 'Median final equity', unit: 'money' },
  ],
  stress: [
    { key: 'baselineTotalReturn', label: 'Baseline return', unit: 'frac' },
    { key: 'baselineMaxDrawdown', label: 'Baseline max drawdown', unit: 'frac' },
    { key: 'worstStressedMaxDrawdown', label: 'Worst stressed max drawdown', unit: 'frac' },
    { key: 'scenarios', label: 'Scenarios', unit: 'int' },
  ],
};

export interface Figure {
  key: string;
  label: string;
  text: string;
  /** sign of a return (for colour); null for figures that are not returns */
  sign: 'pos' | 'neg' | null;
}

const grouped = (v: number, digits: number) => v.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });

function fmt(v: number, unit: Unit): string {
  switch (unit) {
    case 'frac':
      return `${(v * 100).toFixed(2)} %`;
    case 'ratio':
      return v.toFixed(2);
    case 'int':
      return grouped(v, 0);
    case 'money':
      return grouped(v, 2);
  }
}

export function researchFigures(kind: string, metrics: Record<string, number | null | undefined>): Figure[] {
  const defs = Object.hasOwn(FIGURES, kind) ? FIGURES[kind] : [];
  return defs.map((d) => {
    const v = metrics[d.key];
    const ok = typeof v === 'number' && Number.isFinite(v);
    const isReturn = d.unit === 'frac' && /Return/.test(d.key);
    return { key: d.key, label: d.label, text: ok ? fmt(v, d.unit) : '—', sign: ok && isReturn && v !== 0 ? (v > 0 ? 'pos' : 'neg') : null };
  });
}
