import type { ReactNode } from 'react';

/**
 * The layout every screen shares: title + one-line purpose, then the body. With `side`, the body is the two-column
 * split (a form or list on the left, results on the right) used by Data, Backtest, Sweep and Research.
 */
export function Screen({ title, sub, side, children }: { title: string; sub: string; side?: ReactNode; children: ReactNode }) {
  return (
    <>
      <div className="screen-title">
        <h1>{title}</h1>
        <span className="sub">{sub}</span>
      </div>
      {side === undefined ? (
        children
      ) : (
        <div className="split">
          {side}
          <div className="grid">{children}</div>
        </div>
      )}
    </>
  );
}
