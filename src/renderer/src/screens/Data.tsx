import { useEffect, useRef, useState, type DragEvent } from 'react';
import { api, type CommandOutput } from '../api/client';
import { useData, type Dataset } from '../stores/data';
import { useUi } from '../stores/ui';
import { Panel } from '../components/Panel';
import { Empty, ErrorBox, Loading } from '../components/States';
import { CandleChart } from '../charts/CandleChart';
import { fmtCompact, fmtDuration, fmtInt, fmtTime } from '../lib/format';

type Imported = CommandOutput<'data:import'>;
type Quality = CommandOutput<'data:get'>['quality'];

/** Strip the extension and path from a file name for a default data set name. */
export function nameFromFile(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || 'import';
}

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

  const onCreated = (r: Imported) => {
    void load().then(() => select(r.dataset.id));
  };

  return (
    <>
      <div className="screen-title">
        <h1>Data</h1>
        <span className="sub">Import, generate or download OHLCV data; check its quality</span>
      </div>
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
              <div className="body"><ErrorBox error={{ code: 'ERROR', message: error }} /></div>
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
                      <th>Source</th>
                    </tr>
                  </thead>
                  <tbody>
                    {datasets.map((d) => (
                      <tr key={d.id} className={`clickable ${d.id === selectedId ? 'selected' : ''}`} onClick={() => void select(d.id)} aria-selected={d.id === selectedId}>
                        <td title={d.id}>{d.name}</td>
                        <td className="num">{fmtCompact(d.bars)}</td>
                        <td>{d.intervalLabel}</td>
                        <td className="muted">{d.source}</td>
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
              <ErrorBox error={{ code: 'ERROR', message: detailError }} />
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
    </>
  );
}

function DatasetActions({ dataset, onDeleted }: { dataset: Dataset; onDeleted(): void }) {
  const goto = useUi((s) => s.goto);
  const toast = useUi((s) => s.toast);
  return (
    <div className="actions">
      <button className="btn small" onClick={() => goto('backtest', { dataset: dataset.id })}>
        Backtest this
      </button>
      <button
        className="btn small danger"
        onClick={async () => {
          if (!confirm(`Delete data set "${dataset.name}"? Runs that use it are deleted too.`)) return;
          try {
            const r = await api.call('data:delete', { id: dataset.id, force: true });
            toast('ok', `Deleted ${dataset.name}${r.runsDeleted ? ` and ${r.runsDeleted} runs` : ''}`);
            onDeleted();
          } catch (e) {
            toast('error', (e as Error).message);
          }
        }}
      >
        Delete
      </button>
    </div>
  );
}

export function QualityReport({ dataset, quality }: { dataset: Dataset; quality: Quality }) {
  const span = quality.lastTime - quality.firstTime;
  return (
    <div className="grid cols-2" aria-label="Validation report">
      <dl className="kv">
        <dt>Bars</dt>
        <dd>{fmtInt(quality.bars)}</dd>
        <dt>Range</dt>
        <dd>
          {fmtTime(quality.firstTime)} → {fmtTime(quality.lastTime)}
        </dd>
        <dt>Span</dt>
        <dd>{fmtDuration(span / 1000)}</dd>
        <dt>Interval</dt>
        <dd>
          {quality.intervalLabel} · {quality.calendar}
        </dd>
        <dt>Gaps</dt>
        <dd className={quality.gaps.count > 0 ? 'neg' : 'pos'}>
          {fmtInt(quality.gaps.count)}
          {quality.gaps.count > 0 && ` (largest ${fmtDuration(quality.gaps.largestMs / 1000)})`}
        </dd>
      </dl>
      <dl className="kv">
        <dt>Source</dt>
        <dd>
          {dataset.source}
          {dataset.sourceDetail ? ` · ${dataset.sourceDetail}` : ''}
        </dd>
        <dt>Symbol</dt>
        <dd>{dataset.symbol ?? '—'}</dd>
        <dt>Id</dt>
        <dd>{dataset.id}</dd>
        <dt>Content hash</dt>
        <dd title={dataset.contentHash}>{dataset.contentHash.slice(0, 16)}…</dd>
      </dl>
      {(quality.gaps.first.length > 0 || quality.warnings.length > 0) && (
        <div style={{ gridColumn: '1 / 3' }}>
          {quality.warnings.length > 0 && (
            <ul style={{ margin: '0 0 6px', paddingLeft: 18, color: 'var(--warn)' }}>
              {quality.warnings.map((w, i) => (
                <li key={i}>{w}</li>
              ))}
            </ul>
          )}
          {quality.gaps.first.length > 0 && (
            <div className="muted" style={{ fontSize: 12 }}>
              First gaps: {quality.gaps.first.slice(0, 5).map((g) => `${fmtTime(g.afterTime)} (+${fmtInt(g.missingBars)} bars)`).join(' · ')}
            </div>
          )}
        </div>
      )}
    </div>
  );
}

function ImportForm({ onCreated }: { onCreated(r: Imported): void }) {
  const [over, setOver] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Imported | null>(null);
  const [name, setName] = useState('');
  const [symbol, setSymbol] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);

  // In the browser twin the file never leaves the page as a path: read its text and send it (data:import csvText).
  async function importFile(file: File) {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const csvText = await file.text();
      const r = await api.call('data:import', { csvText, name: name.trim() || nameFromFile(file.name), ...(symbol.trim() ? { symbol: symbol.trim() } : {}) });
      setResult(r);
      onCreated(r);
    } catch (e) {
      const info = e as { code?: string; message?: string };
      const msg = info.message ?? String(e);
      // The back end names the data set (file stem); add the file name only when it is not already there.
      setError({ code: info.code ?? 'ERROR', message: msg.includes(nameFromFile(file.name)) ? msg : `${file.name}: ${msg}` });
    } finally {
      setBusy(false);
      if (fileRef.current) fileRef.current.value = '';
    }
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer.files[0];
    if (f) void importFile(f);
  };

  return (
    <div className="grid">
      <div className="field-row">
        <label className="field">
          Name (optional)
          <input value={name} onChange={(e) => setName(e.target.value)} placeholder="from file name" />
        </label>
        <label className="field">
          Symbol (optional)
          <input value={symbol} onChange={(e) => setSymbol(e.target.value)} placeholder="BTC/USD" />
        </label>
      </div>
      <div
        className={`dropzone ${over ? 'over' : ''}`}
        onDragOver={(e) => {
          e.preventDefault();
          setOver(true);
        }}
        onDragLeave={() => setOver(false)}
        onDrop={onDrop}
        data-testid="csv-dropzone"
      >
        {busy ? (
          <Loading label="Importing and validating…" />
        ) : (
          <>
            <div>Drop a CSV here</div>
            <div style={{ margin: '6px 0' }}>or</div>
            <button className="btn" onClick={() => fileRef.current?.click()}>
              Choose file…
            </button>
            <input
              ref={fileRef}
              type="file"
              accept=".csv,text/csv"
              aria-label="CSV file"
              style={{ display: 'none' }}
              onChange={(e) => {
                const f = e.target.files?.[0];
                if (f) void importFile(f);
              }}
            />
            <div style={{ marginTop: 8, fontSize: 11 }}>Columns: time/date, open, high, low, close[, volume]</div>
          </>
        )}
      </div>
      {error ? <ErrorBox error={error} title="Import failed" /> : null}
      {result && (
        <div className="ok-box" role="status" aria-label="Import result">
          {result.created ? 'Imported' : 'Already stored (same content)'}: <strong>{result.dataset.name}</strong> · {fmtInt(result.dataset.bars)} bars ·{' '}
          {fmtTime(result.dataset.firstTime)} → {fmtTime(result.dataset.lastTime)} · {result.dataset.intervalLabel} · {fmtInt(result.dataset.gapCount)} gaps
        </div>
      )}
    </div>
  );
}

function SynthForm({ onCreated }: { onCreated(r: Imported): void }) {
  const [kind, setKind] = useState<'regime' | 'garch'>('regime');
  const [bars, setBars] = useState('10000');
  const [seed, setSeed] = useState('42');
  const [interval, setInterval] = useState('60000');
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<Imported | null>(null);

  async function submit() {
    setBusy(true);
    setError(null);
    try {
      const n = Number(bars);
      const s = Number(seed);
      if (!Number.isInteger(n) || n < 2) throw { code: 'BAD_INPUT', message: `bars: expected an integer ≥ 2, got "${bars}"` };
      if (!Number.isInteger(s)) throw { code: 'BAD_INPUT', message: `seed: expected an integer, got "${seed}"` };
      const r = await api.call('data:synth', { kind, bars: n, seed: s, intervalMs: Number(interval), ...(name.trim() ? { name: name.trim() } : {}) });
      setResult(r);
      onCreated(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form
      className="grid"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
      aria-label="Synthetic generator"
    >
      <div className="field-row">
        <label className="field">
          Generator
          <select value={kind} onChange={(e) => setKind(e.target.value as 'regime' | 'garch')}>
            <option value="regime">Contiguous regimes</option>
            <option value="garch">Markov-switching GARCH</option>
          </select>
        </label>
        <label className="field">
          Interval
          <select value={interval} onChange={(e) => setInterval(e.target.value)}>
            <option value="60000">1 minute</option>
            <option value="900000">15 minutes</option>
            <option value="3600000">1 hour</option>
            <option value="86400000">1 day</option>
          </select>
        </label>
        <label className="field">
          Bars
          <input inputMode="numeric" value={bars} onChange={(e) => setBars(e.target.value)} />
        </label>
        <label className="field">
          Seed
          <input inputMode="numeric" value={seed} onChange={(e) => setSeed(e.target.value)} />
        </label>
      </div>
      <label className="field">
        Name (optional)
        <input value={name} onChange={(e) => setName(e.target.value)} placeholder={`synth-${kind}-${seed}`} />
      </label>
      <div className="actions">
        <button className="btn primary" type="submit" disabled={busy}>
          {busy ? 'Generating…' : 'Generate'}
        </button>
      </div>
      {error ? <ErrorBox error={error} /> : null}
      {result && (
        <div className="ok-box" role="status">
          {result.created ? 'Created' : 'Already stored'} {result.dataset.name} · {fmtInt(result.dataset.bars)} bars
        </div>
      )}
    </form>
  );
}

function DownloadForm({ onCreated }: { onCreated(r: Imported): void }) {
  const [exchange, setExchange] = useState('kraken');
  const [symbol, setSymbol] = useState('BTC/USD');
  const [timeframe, setTimeframe] = useState('1h');
  const [since, setSince] = useState('2024-01-01');
  const [until, setUntil] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const [result, setResult] = useState<CommandOutput<'data:download'> | null>(null);
  const [progress, setProgress] = useState<string>('');

  useEffect(
    () =>
      api.on('jobs:did-progress', (p) => {
        if (busy && p.kind.includes('download')) setProgress(`${fmtInt(p.done)}${p.total ? ` / ${fmtInt(p.total)}` : ''} ${p.message ?? ''}`);
      }),
    [busy],
  );

  async function submit() {
    setBusy(true);
    setError(null);
    setResult(null);
    try {
      const s = Date.parse(`${since}T00:00:00Z`);
      if (!Number.isFinite(s)) throw { code: 'BAD_INPUT', message: `since: expected a date YYYY-MM-DD, got "${since}"` };
      const u = until ? Date.parse(`${until}T00:00:00Z`) : undefined;
      if (until && !Number.isFinite(u)) throw { code: 'BAD_INPUT', message: `until: expected a date YYYY-MM-DD, got "${until}"` };
      const r = await api.call('data:download', { exchange, symbol, timeframe, since: s, ...(u !== undefined ? { until: u } : {}) });
      setResult(r);
      onCreated(r);
    } catch (e) {
      setError(e);
    } finally {
      setBusy(false);
      setProgress('');
    }
  }

  return (
    <form
      className="grid"
      aria-label="Exchange download"
      onSubmit={(e) => {
        e.preventDefault();
        void submit();
      }}
    >
      <div className="field-row">
        <label className="field">
          Exchange
          <select value={exchange} onChange={(e) => setExchange(e.target.value)}>
            {['kraken', 'binance', 'coinbase', 'bitstamp', 'bitfinex'].map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label className="field">
          Symbol
          <input value={symbol} onChange={(e) => setSymbol(e.target.value)} />
        </label>
        <label className="field">
          Timeframe
          <select value={timeframe} onChange={(e) => setTimeframe(e.target.value)}>
            {['1m', '5m', '15m', '1h', '4h', '1d'].map((x) => (
              <option key={x}>{x}</option>
            ))}
          </select>
        </label>
        <label className="field">
          Since (UTC)
          <input type="date" value={since} onChange={(e) => setSince(e.target.value)} />
        </label>
        <label className="field">
          Until (optional)
          <input type="date" value={until} onChange={(e) => setUntil(e.target.value)} />
        </label>
      </div>
      <div className="actions">
        <button className="btn primary" type="submit" disabled={busy}>
          {busy ? 'Downloading…' : 'Download'}
        </button>
        {busy && <span className="muted">{progress}</span>}
      </div>
      {error ? <ErrorBox error={error} title="Download failed" /> : null}
      {result && (
        <div className="ok-box" role="status">
          {result.dataset.name}: {fmtInt(result.fetchedBars)} bars in {result.pages} pages
        </div>
      )}
    </form>
  );
}
