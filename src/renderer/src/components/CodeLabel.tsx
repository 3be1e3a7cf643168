import type { CSSProperties, ReactNode } from 'react';
import { codeLabel } from '../lib/labels';

/**
 * A status or decision code shown as words ("No-Go" for NO_GO), the raw code kept in the tooltip and in
 * data-code (what a power user greps the audit log for, and what tests select on).
 */
export function CodeLabel({ code, className, testId, prefix, style }: { code: string; className?: string; testId?: string; prefix?: ReactNode; style?: CSSProperties }) {
  return (
    <span className={className} title={code} data-code={code} data-testid={testId} style={style}>
      {prefix}
      {codeLabel(code)}
    </span>
  );
}
