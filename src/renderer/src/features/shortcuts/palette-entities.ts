import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { PaletteCommand } from '../../components/CommandPalette';
import { useUi } from '../../stores/ui';
import { fmtTime } from '../../lib/format';

const REPORT_KINDS: Record<string, string> = { walkforward: 'walk-forward', montecarlo: 'Monte-Carlo', stress: 'stress', portfolio: 'portfolio' };

/**
 * Palette entries for things, not only screens: the latest stored runs (open in Experiments), the research runs'
 * reports (opened inside the app), every data set (backtest on it) and the exports (audit snapshot, trades CSV).
 * Loaded each time the palette opens, so new runs show up; failures just leave them out. An export entry takes
 * the user to the screen that writes it — the palette itself never writes a file.
 */
export function usePaletteEntities(): PaletteCommand[] {
  const open = useUi((s) => s.paletteOpen);
  const goto = useUi((s) => s.goto);
  const [cmds, setCmds] = useState<PaletteCommand[]>([]);
  useEffect(() => {
    if (!open) return;
    let live = true;
    void Promise.allSettled([api.call('runs:list', { limit: 40, offset: 0, sortBy: 'createdAt', desc: true }), api.call('data:list', { limit: 200, offset: 0 })]).then(([runs, data]) => {
      if (!live) return;
      const out: PaletteCommand[] = [];
      if (runs.status === 'fulfilled') {
        for (const r of runs.value.runs) {
          out.push({
            id: `run-${r.id}`,
            label: `Open run #${r.id} · ${r.kind === 'backtest' ? '' : `${r.kind} · `}${r.strategyId ?? ''} on ${r.datasetName ?? 'no data set'}`,
            hint: fmtTime(r.createdAt, true),
            run: () => goto('experiments', { run: String(r.id) }),
          });
          if (Object.hasOwn(REPORT_KINDS, r.kind)) {
            out.push({
              id: `report-${r.id}`,
              label: `Open ${REPORT_KINDS[r.kind]} report · run #${r.id} · ${r.strategyId ?? ''} on ${r.datasetName ?? 'no data set'}`,
              hint: 'report',
              run: () => goto('experiments', { run: String(r.id), open: 'report' }),
            });
          }
        }
        const latestBacktest = runs.value.runs.find((r) => r.kind === 'backtest');
        if (latestBacktest) {
          out.push({ id: 'export-trades', label: `Export trades as CSV · run #${latestBacktest.id} (latest backtest)`, hint: 'export', run: () => goto('experiments', { run: String(latestBacktest.id), open: 'trades' }) });
        }
      }
      out.push({ id: 'export-audit', label: 'Export audit snapshot (JSON + Markdown + sha256 manifest)…', hint: 'export', run: () => goto('live', { tab: 'audit' }) });
      if (data.status === 'fulfilled') {
        for (const d of data.value.datasets) {
          out.push({ id: `ds-${d.id}`, label: `Backtest on data set ${d.name}`, hint: d.intervalLabel, run: () => goto('backtest', { dataset: d.id }) });
        }
      }
      setCmds(out);
    });
    return () => {
      live = false;
    };
  }, [open, goto]);
  return cmds;
}
