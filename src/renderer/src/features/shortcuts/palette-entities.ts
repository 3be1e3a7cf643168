import { useEffect, useState } from 'react';
import { api } from '../../api/client';
import type { PaletteCommand } from '../../components/CommandPalette';
import { useUi } from '../../stores/ui';
import { fmtTime } from '../../lib/format';

/**
 * Palette entries for things, not only screens: the latest stored runs (open in Experiments) and every data set
 * (backtest on it). Loaded each time the palette opens, so new runs show up; failures just leave them out.
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
        }
      }
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
