import { useEffect, useState } from 'react';
import { useData } from '../../stores/data';
import { useUi } from '../../stores/ui';
import { Panel } from '../../components/Panel';
import { Empty, ErrorBox, Loading } from '../../components/States';
import { Screen } from '../../components/Screen';
import { CandleChart } from '../../charts/CandleChart';
import { fmtCompact } from '../../lib/format';
import { DatasetActions } from './DatasetActions';
import { ImportForm } from './ImportForm';
import { SynthForm } from './SynthForm';
import { DownloadForm } from './DownloadForm';
import { QualityReport } from './QualityReport';
import type { Created } from './requests';

export function DataScreen() {
  const { datasets, loading, error, selectedId, detail, detailError, load, select } = useData();
  const params = useUi((s) => s.params);
  const [tab, setTab] = useState<'import' | 'synth' | 'download'>(params.action === 'synth' ? 'synth' : params.action === 'download' ? 'download' : 'import');

  useEffect(() => {
    void load();
  }, [load]);
  useEffect(() => {
    if (params.id) void select(params.id);
  }, [params.id, select]);
  useEffect(() => {
    if (!selectedId && datasets && datasets.length > 0) void select(datasets[0].id);
  }, [datasets, selectedId, select]);

  const onCreated = (r: Created) => {
    void load().then(() => select(r.dataset.id));
  };

  return (
    <Screen title="Data" sub="Import, generate or download OHLCV data; check its quality">
      <div className="split">
        <div className="grid">
          <Panel title="Add data">
            <div className="tabs" role="tablist" aria-label="Add data">
              {(['import', 'synth', 'download'] as const).map((t) => (
                <button key={t} role="tab" aria-selected={tab === t} onClick={() => setTab(t)}>
                  {t === 'import' ? 'Import CSV' : t === 'synth' ? 'Synthetic' : 'Exchange'}
                </button>
              ))}
            </div>
            {tab === 'import' && <ImportForm onCreated={onCreated} />}
            {tab === 'synth' && <SynthForm onCreated={onCreated} />}
            {tab === 'download' && <DownloadForm onCreated={onCreated} />}
          </Panel>
          <Panel title={`Data sets${datasets ? ` (${datasets.length})` : ''}`} flush>
            {error ? (
              <div className="body"><ErrorBox error={error} /></div>
            ) : !datasets ? (
              <Loading />
            ) : datasets.length === 0 ? (
              <Empty title="No data sets">Import a CSV or generate a synthetic series.</Empty>
            ) : (
              <div className="table-wrap" style={{ maxHeight: 360 }}>
                <table className="table" aria-label="Data sets">
                  <thead>
                    <tr>
                      <th>Name</th>
                      <th className="num">Bars</th>
                      <th>Int.</th>
                      <th className="col-low">Source</th>
                    </tr>
                  </thead>
                  <tbody>
                    {datasets.map((d) => (
                      <tr key={d.id} className={`clickable ${d.id === selectedId ? 'selected' : ''}`} onClick={() => void select(d.id)} aria-selected={d.id === selectedId}>
                        <td className="cell-clip" title={d.name}>{d.name}</td>
                        <td className="num">{fmtCompact(d.bars)}</td>
                        <td>{d.intervalLabel}</td>
                        <td className="muted col-low">{d.source}</td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
            {loading && datasets && <div className="muted" style={{ padding: 6, fontSize: 11 }}>refreshing…</div>}
          </Panel>
        </div>
        <div className="grid">
          {!selectedId ? (
            <Panel title="Preview">
              <Empty title="Select a data set">Its quality report and a candlestick preview appear here.</Empty>
            </Panel>
          ) : detailError ? (
            <Panel title="Preview">
              <ErrorBox error={detailError} />
            </Panel>
          ) : !detail ? (
            <Panel title="Preview">
              <Loading />
            </Panel>
          ) : (
            <>
              <Panel
                title={<>Preview · {detail.dataset.name}</>}
                actions={<DatasetActions dataset={detail.dataset} onDeleted={() => void load().then(() => select(null))} />}
              >
                <CandleChart datasetId={detail.dataset.id} />
              </Panel>
              <Panel title="Quality report">
                <QualityReport dataset={detail.dataset} quality={detail.quality} />
              </Panel>
            </>
          )}
        </div>
      </div>
    </Screen>
  );
}
