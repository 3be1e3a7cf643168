/** The Markdown summary of one suite run (SPEC §8: the weekly suite writes one; here every run does). */
import type { AutomationLog } from '../../core/automation/schemas';

const cell = (v: unknown) => String(v ?? '').replace(/\|/g, '\\|').replace(/\n/g, ' ');
const fmtExtra = (x: AutomationLog['jobs'][number]['extra']) =>
  Object.entries(x).map(([k, v]) => `${k}=${typeof v === 'number' ? (Number.isInteger(v) ? v : v.toFixed(3)) : v}`).join(', ');

export function suiteMarkdown(log: AutomationLog): string {
  const s = log.summary;
  return [
    `# ${log.run_type === 'daily_suite' ? 'Daily' : 'Weekly'} suite ${log.run_id}`,
    '',
    `- status: **${log.status}**`,
    `- started: ${log.started_at}; finished: ${log.finished_at ?? '—'}; duration: ${log.duration_sec.toFixed(2)} s`,
    `- jobs: ${s.total_jobs} (${s.jobs_ok} ok, ${s.jobs_failed} failed, ${s.jobs_skipped} skipped)`,
    `- flags: dry run ${log.flags.dry_run}, quick ${log.flags.quick}${log.flags.only.length ? `, only ${log.flags.only.join(', ')}` : ''}${log.flags.skip.length ? `, skip ${log.flags.skip.join(', ')}` : ''}`,
    '',
    '| job | status | duration [s] | attempts | metrics | error |',
    '|---|---|---:|---:|---|---|',
    ...log.jobs.map((j) => `| ${cell(j.job_name)} | ${j.status} | ${j.duration_sec.toFixed(2)} | ${j.attempts} | ${cell(fmtExtra(j.extra))} | ${cell(j.error_msg)} |`),
    '',
  ].join('\n');
}
