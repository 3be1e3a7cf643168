import type { ReactNode } from 'react';
import { errorInfo } from '../lib/errors';

export function Loading({ label = 'Loading…' }: { label?: string }) {
  return (
    <div className="state" role="status" aria-live="polite">
      <div className="spinner" />
      <span>{label}</span>
    </div>
  );
}

export function Empty({ title, children }: { title: string; children?: ReactNode }) {
  return (
    <div className="state">
      <span className="title">{title}</span>
      {children && <span>{children}</span>}
    </div>
  );
}

/** Shows the back end's code and message verbatim (the message names file, row and column for bad CSVs). */
export function ErrorBox({ error, title }: { error: unknown; title?: string }) {
  const { code, message } = errorInfo(error);
  return (
    <div className="error-box" role="alert">
      <span className="code">{code}</span>
      {title && <strong>{title}</strong>}
      <pre>{message}</pre>
    </div>
  );
}
