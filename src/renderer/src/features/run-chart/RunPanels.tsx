import { useMemo, useState } from 'react';
import type { CommandOutput } from '../../api/client';
import { Panel } from '../../components/Panel';
import { Empty } from '../../components/States';
import { useUi } from '../../stores/ui';
import { PriceChart, type ChartFocus } from './PriceChart';
import { TradesPanel } from './TradesPanel';
import { barMsOf, tradeWindow } from './trades-table';

type RunDetail = CommandOutput<'runs:get'>;

export interface RunFocus {
  focus: ChartFocus | null;
  selected: number | null;
  /** zoom the chart to trade `index` of [...trades, ...openTrades] and mark its row */
  select(index: number): void;
}

/** Shared between the price chart and the trades table of one run: the selected trade and the chart window. */
export function useRunFocus(run: RunDetail | null): RunFocus {
  const [state, setState] = useState<{ focus: ChartFocus | null; selected: number | null }>({ focus: null, selected: null });
  const all = useMemo(() => (run ? [...run.trades, ...run.openTrades] : []), [run]);
  const barMs = useMemo(() => barMsOf(all) ?? 60_000, [all]);
  return {
    ...state,
    select(index) {
      const t = all[index];
      if (!t) return;
      const w = tradeWindow(t, 20 * barMs);
      setState((s) => ({ selected: index, focus: { ...w, seq: (s.focus?.seq ?? 0) + 1 } }));
    },
  };
}

export function RunChartPanels({ runId, focus }: { runId: number; focus: RunFocus }) {
  return (
    <Panel title="Price, trades and indicators">
      <PriceChart runId={runId} focus={focus.focus} onTrade={focus.select} />
    </Panel>
  );
}

export function RunTradesPanel({ run, focus }: { run: RunDetail; focus: RunFocus }) {
  const all = useMemo(() => [...run.trades, ...run.openTrades], [run]);
  const focusExport = useUi((s) => s.params.open === 'trades');
  return (
    <Panel title={`Trades (${run.trades.length}${run.openTrades.length ? ` + ${run.openTrades.length} open` : ''})`} flush>
      {all.length ? <TradesPanel trades={all} runId={run.id} onSelect={focus.select} selected={focus.selected} focusExport={focusExport} /> : <Empty title="No trades">The strategy never entered a position.</Empty>}
    </Panel>
  );
}
