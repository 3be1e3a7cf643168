import { useEffect } from 'react';
import { useUi } from '../../stores/ui';
import { useSweep } from './store';
import { Panel } from '../../components/Panel';
import { Empty } from '../../components/States';
import { Screen } from '../../components/Screen';
import { hasCommand } from '../../lib/contract-probe';
import { SweepSetup } from './SweepSetup';
import { SweepList } from './SweepList';
import { ActiveSweep } from './ActiveSweep';

const TITLE = { title: 'Sweep', sub: 'Grid, preset or seeded random search on every core · resumable' };

export function SweepScreen() {
  if (!hasCommand('sweeps:start')) {
    return (
      <Screen {...TITLE}>
        <Panel title="Sweep">
          <Empty title="Sweeps are not available in this build">The back end does not expose the sweeps:* commands.</Empty>
        </Panel>
      </Screen>
    );
  }
  return <SweepWorkbench />;
}

function SweepWorkbench() {
  const activeId = useSweep((s) => s.activeId);
  const params = useUi((s) => s.params);

  useEffect(() => {
    void useSweep.getState().loadList();
    return useSweep.getState().subscribe();
  }, []);
  useEffect(() => {
    if (params.sweep) void useSweep.getState().open(Number(params.sweep));
  }, [params.sweep]);

  return (
    <Screen
      {...TITLE}
      side={
        <div className="grid">
          <SweepSetup />
          <SweepList />
        </div>
      }
    >
      {activeId === null ? (
        <Panel title="Sweep">
          <Empty title="No sweep selected">Launch one, or pick a stored sweep on the left.</Empty>
        </Panel>
      ) : (
        <ActiveSweep />
      )}
    </Screen>
  );
}
