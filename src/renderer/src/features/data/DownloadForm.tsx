import { useState } from 'react';
import { api, inputError, type CommandOutput } from '../../api/client';
import { ErrorBox } from '../../components/States';
import { fmtInt } from '../../lib/format';
import { useJob } from '../../lib/use-job';
import { buildDownload, type Created } from './requests';

/** Exchange download (ccxt): a job of this page — its progress is this job's only, Cancel stops this job only. */
export function DownloadForm({ onCreated }: { onCreated(r: Created): void }) {
  const [exchange, setExchange] = useState('kraken');
  const [symbol, setSymbol] = useState('BTC/USD');
  const [timeframe, setTimeframe] = useState('1h');
  const [since, setSince] = useState('2024-01-01');
  const [until, setUntil] = useState('');
  const job = useJob<CommandOutput<'data:download'>>();

  async function submit() {
    const form = { exchange, symbol, timeframe, since, until };
    const check = buildDownload(form);
    if (!check.ok) return job.fail(inputError('data:download', Object.values(check.errors).join('\n')));
    const r = await job.start((jobId) => {
      const req = buildDownload(form, jobId);
      return req.ok ? api.call('data:download', req.value) : Promise.reject(inputError('data:download', Object.values(req.errors).join('\n')));
    });
    if (r) onCreated(r);
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
        <button className="btn primary" type="submit" disabled={job.busy}>
          {job.busy ? 'Downloading…' : 'Download'}
        </button>
        {job.busy && job.cancel && (
          <button className="btn danger" type="button" onClick={job.cancel}>
            Cancel
          </button>
        )}
        {job.busy && <span className="muted" role="status">{job.progress}</span>}
      </div>
      {job.error ? <ErrorBox error={job.error} title="Download failed" /> : null}
      {job.result && (
        <div className="ok-box" role="status">
          {job.result.dataset.name}: {fmtInt(job.result.fetchedBars)} bars in {job.result.pages} pages
        </div>
      )}
    </form>
  );
}
