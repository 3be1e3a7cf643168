import { useMemo, useState } from 'react';
import { codeLabel } from '../../lib/labels';
import { EventTypeSchema, type RunEvent } from '../../../../core/automation/schemas';
import { eventIcon, filterEvents, TIME_PRESETS, type TimePreset } from './feed';

const TYPES = EventTypeSchema.options;

/** seed 001's activity feed: the latest events with level icons; filters by time preset, phase and event type. */
export function ActivityFeed({ events, phases, now }: { events: RunEvent[]; phases: string[]; now: number }) {
  const [preset, setPreset] = useState<TimePreset>('all');
  const [phase, setPhase] = useState('');
  const [type, setType] = useState<'' | RunEvent['type']>('');
  const shown = useMemo(() => filterEvents(events, { preset, phase, types: type ? [type] : [] }, now).slice(0, 100), [events, preset, phase, type, now]);
  return (
    <div className="grid">
      <div className="actions" role="group" aria-label="Feed filters">
        <div className="tabs" role="tablist" aria-label="Time range" style={{ margin: 0 }}>
          {TIME_PRESETS.map((p) => (
            <button key={p.id} role="tab" aria-selected={preset === p.id} onClick={() => setPreset(p.id)}>{p.label}</button>
          ))}
        </div>
        <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>Phase
          <select aria-label="Phase filter" value={phase} onChange={(e) => setPhase(e.target.value)}>
            <option value="">all</option>
            {phases.map((p) => <option key={p} value={p}>{p}</option>)}
          </select>
        </label>
        <label style={{ display: 'flex', gap: 6, alignItems: 'center' }}>Type
          <select aria-label="Event type filter" value={type} onChange={(e) => setType(e.target.value as '' | RunEvent['type'])}>
            <option value="">all</option>
            {TYPES.map((t) => <option key={t} value={t}>{codeLabel(t)}</option>)}
          </select>
        </label>
        <span className="muted" style={{ fontSize: 12 }}>{shown.length} of {events.length}</span>
      </div>
      <div className="table-wrap" style={{ maxHeight: 300 }}>
        <table className="table" aria-label="Activity feed">
          <tbody>
            {shown.map((e) => (
              <tr key={e.seq} data-event-type={e.type}>
                <td aria-label={e.level} title={e.level} style={{ width: 18, color: e.level === 'error' ? 'var(--bad)' : e.level === 'warning' ? 'var(--warn)' : undefined }}>{eventIcon(e)}</td>
                <td className="mono muted" style={{ fontSize: 11 }}>{e.timestamp.slice(11, 19)}</td>
                <td style={{ fontSize: 12 }} title={e.type}>{codeLabel(e.type)}</td>
                <td className="muted" style={{ fontSize: 12 }}>{e.phase ?? ''}</td>
                <td style={{ whiteSpace: 'normal' }}>{e.message}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </div>
  );
}
