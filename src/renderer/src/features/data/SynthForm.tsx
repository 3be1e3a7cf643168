import { useState } from 'react';
import { api, inputError } from '../../api/client';
import { ErrorBox } from '../../components/States';
import { fmtInt } from '../../lib/format';
import { useCommand } from '../../lib/use-command';
import { buildSynth, type Created } from './requests';

/** Seeded synthetic data (contiguous regimes or Markov-switching GARCH); checked with the contract's SynthInputSchema. */
export function SynthForm({ onCreated }: { onCreated(r: Created): void }) {
  const [kind, setKind] = useState<'regime' | 'garch'>('regime');
  const [bars, setBars] = useState('10000');
  const [seed, setSeed] = useState('42');
  const [interval, setInterval] = useState('60000');
  const [name, setName] = useState('');
  const cmd = useCommand<Created>();

  async function submit() {
    const req = buildSynth({ kind, bars, seed, intervalMs: interval, name });
    if (!req.ok) return cmd.fail(inputError('data:synth', Object.values(req.errors).join('\n')));
    const r = await cmd.run(() => api.call('data:synth', req.value));
    if (r) onCreated(r);
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
        <button className="btn primary" type="submit" disabled={cmd.busy}>
          {cmd.busy ? 'Generating…' : 'Generate'}
        </button>
      </div>
      {cmd.error ? <ErrorBox error={cmd.error} /> : null}
      {cmd.result && (
        <div className="ok-box" role="status">
          {cmd.result.created ? 'Created' : 'Already stored'} {cmd.result.dataset.name} · {fmtInt(cmd.result.dataset.bars)} bars
        </div>
      )}
    </form>
  );
}

