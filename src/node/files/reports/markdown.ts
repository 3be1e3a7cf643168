/** Markdown rendering of a Report (charts are listed by title; the HTML report has them drawn). */
import type { Report, Section } from './model';
import { criterionText, VERDICT_LABEL } from '../../../core/research/gonogo';

const esc = (s: string): string => s.replace(/\|/g, '\\|').replace(/\n/g, ' ');

function section(s: Section): string {
  switch (s.type) {
    case 'text':
      return `${s.title ? `## ${s.title}\n\n` : ''}${s.text}\n`;
    case 'kv':
      return `## ${s.title}\n\n| | |\n|---|---|\n${s.rows.map(([k, v]) => `| ${esc(k)} | ${esc(v)} |`).join('\n')}\n`;
    case 'table':
      return `## ${s.title}\n\n| ${s.columns.map(esc).join(' | ')} |\n|${s.columns.map(() => '---').join('|')}|\n${s.rows.map((r) => `| ${r.map(esc).join(' | ')} |`).join('\n')}\n`;
    case 'chart':
      return `## ${s.title}\n\n_(chart in the HTML report; ${s.traces.length} series, ${s.traces[0]?.x.length ?? 0} points)_\n`;
    case 'verdict':
      return `## ${s.title}\n\n**${VERDICT_LABEL[s.verdict]}**\n\n${s.reasons.length ? s.reasons.map((r) => `- ${r}`).join('\n') : '- every criterion passed'}\n\n| criterion | status | detail |\n|---|---|---|\n${s.checks.map((c) => `| ${esc(criterionText(c.criterion))} | ${c.status} | ${esc(c.message)} |`).join('\n')}\n`;
  }
}

export function renderMarkdown(r: Report): string {
  const head = [
    `# ${r.title}`,
    '',
    r.subtitle ? `${r.subtitle}\n` : '',
    `- kind: ${r.kind}`,
    `- run: ${r.runId || '(not stored)'}`,
    `- data set: ${r.dataset ?? '—'}`,
    `- seed: ${r.seed}`,
    `- config hash: \`${r.configHash}\``,
    `- created: ${new Date(r.createdAt).toISOString()}`,
    '',
  ].join('\n');
  return `${head}\n${r.sections.map(section).join('\n')}`;
}
