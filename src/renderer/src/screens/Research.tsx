import { Panel } from '../components/Panel';
import { Empty } from '../components/States';

export function ResearchScreen() {
  return (
    <>
      <div className="screen-title">
        <h1>Research</h1>
        <span className="sub">Walk-forward, Monte-Carlo, stress tests, overfitting statistics, Go/No-Go</span>
      </div>
      <Panel title="Robustness">
        <Empty title="Research commands are not available in this build">
          The back end does not expose walk-forward, Monte-Carlo, stress or Go/No-Go commands yet.
        </Empty>
      </Panel>
    </>
  );
}
