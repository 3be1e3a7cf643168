import { useRef, useState, type DragEvent } from 'react';
import { api, ApiError, isApiError } from '../../api/client';
import { Loading, ErrorBox } from '../../components/States';
import { fmtInt, fmtTime } from '../../lib/format';
import { useCommand } from '../../lib/use-command';
import { nameFromFile, type Created } from './requests';

/**
 * CSV import: the page reads the file the user picked or dropped and sends its text (data:import csvText) — the
 * back end never receives a path from a page.
 */
export function ImportForm({ onCreated }: { onCreated(r: Created): void }) {
  const [over, setOver] = useState(false);
  const cmd = useCommand<Created>();
  const [name, setName] = useState('');
  const [symbol, setSymbol] = useState('');
  const fileRef = useRef<HTMLInputElement>(null);

  // In the browser twin the file never leaves the page as a path: read its text and send it (data:import csvText).
  async function importFile(file: File) {
    const csvText = await file.text();
    const r = await cmd.run(async () => {
      try {
        return await api.call('data:import', { csvText, name: name.trim() || nameFromFile(file.name), ...(symbol.trim() ? { symbol: symbol.trim() } : {}) });
      } catch (e) {
        // The back end names the data set (file stem); add the file name only when it is not already there.
        if (!isApiError(e) || e.message.includes(nameFromFile(file.name))) throw e;
        throw new ApiError(e.code, `${file.name}: ${e.message}`, e.command);
      }
    });
    if (fileRef.current) fileRef.current.value = '';
    if (r) onCreated(r);
  }

  const onDrop = (e: DragEvent) => {
    e.preventDefault();
    setOver(false);
    const f = e.dataTransfer?.files[0];
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
        {cmd.busy ? (
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
      {cmd.error ? <ErrorBox error={cmd.error} title="Import failed" /> : null}
      {cmd.result && (
        <div className="ok-box" role="status" aria-label="Import result">
          {cmd.result.created ? 'Imported' : 'Already stored (same content)'}: <strong>{cmd.result.dataset.name}</strong> · {fmtInt(cmd.result.dataset.bars)} bars ·{' '}
          {fmtTime(cmd.result.dataset.firstTime)} → {fmtTime(cmd.result.dataset.lastTime)} · {cmd.result.dataset.intervalLabel} · {fmtInt(cmd.result.dataset.gapCount)} gaps
        </div>
      )}
    </div>
  );
}

