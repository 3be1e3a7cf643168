/** The incident runbooks shipped in config/runbooks/*.md (bundled at build time): title, tick-able steps, Markdown. */
import { INCIDENT_DRILLS } from '../../core/api/commands/live-schemas';

const files = import.meta.glob<string>('../../../config/runbooks/*.md', { query: '?raw', import: 'default', eager: true });

export interface Runbook { id: (typeof INCIDENT_DRILLS)[number]; title: string; steps: string[]; markdown: string }

export function runbooks(): Runbook[] {
  const out: Runbook[] = [];
  for (const id of INCIDENT_DRILLS) {
    const entry = Object.entries(files).find(([p]) => p.endsWith(`/${id}.md`));
    if (!entry) continue;
    const md = entry[1];
    const title = /^# (.+)$/m.exec(md)?.[1] ?? id;
    const steps = [...md.matchAll(/^- \[ \] (.+)$/gm)].map((m) => m[1]);
    out.push({ id, title, steps, markdown: md });
  }
  return out;
}
