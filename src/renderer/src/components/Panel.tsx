import type { ReactNode } from 'react';

export function Panel({ title, actions, children, flush, id }: { title: ReactNode; actions?: ReactNode; children: ReactNode; flush?: boolean; id?: string }) {
  const headingId = id ? `${id}-title` : undefined;
  return (
    <section className="panel" aria-labelledby={headingId} id={id}>
      <header>
        <span id={headingId}>{title}</span>
        <span className="spacer" />
        {actions}
      </header>
      <div className={flush ? 'body flush' : 'body'}>{children}</div>
    </section>
  );
}
