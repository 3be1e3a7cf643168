import type { ReactNode } from 'react';
import { ErrorBox } from '../../components/States';

/** Shared "run this analysis" scaffold of the research tabs: a settings form on the left, results on the right. */
/** What a tab's command hook (use-job or use-command) tells the scaffold: busy, the error, progress and cancel if any. */
export interface StudyJob {
  busy: boolean;
  error: unknown;
  progress?: string;
  cancel?: (() => void) | undefined;
}

export function Study({ form, job, onRun, runLabel, children }: { form: ReactNode; job: StudyJob; onRun(): void; runLabel: string; children: ReactNode }) {
  const { busy, error, progress, cancel: onCancel } = job;
  return (
    <div className="split">
      <form
        className="panel"
        onSubmit={(e) => {
          e.preventDefault();
          onRun();
        }}
        aria-label={`${runLabel} settings`}
      >
        <header>Settings</header>
        <div className="body grid" style={{ gap: 10 }}>
          {form}
          <div className="actions">
            <button className="btn primary" type="submit" disabled={busy}>
              {busy ? 'Running…' : runLabel}
            </button>
            {busy && onCancel && (
              <button className="btn danger" type="button" onClick={onCancel}>
                Cancel
              </button>
            )}
          </div>
          {busy && progress && (
            <span className="muted mono" style={{ fontSize: 12 }} role="status">
              {progress}
            </span>
          )}
          {error ? <ErrorBox error={error} /> : null}
        </div>
      </form>
      <div className="grid">{children}</div>
    </div>
  );
}

export function Metric({ k, v, cls = '', hint }: { k: string; v: string; cls?: string; hint?: string }) {
  return (
    <div className="metric" title={hint}>
      <div className="k">{k}</div>
      <div className={`v ${cls}`}>{v}</div>
    </div>
  );
}
