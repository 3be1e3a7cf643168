/**
 * The operator checklist (SPEC §10 OPERATOR_CHECKLIST.md) as data, its Markdown rendering, and the reviewed-apply
 * rule: every item ticked AND the proposal id typed exactly. The screen and the server use the same rule.
 */
import type { Decision, Mode } from './model';

export const CHECKLIST_ITEMS = [
  { id: 'safe_for_live', text: 'Each patch is safe for live (the target, the old → new value and its evidence were read).' },
  { id: 'no_r_and_d', text: 'No R&D strategies are promoted (no r_and_d / experimental / untested tag).' },
  { id: 'risk_and_leverage', text: 'Risk limits and leverage bounds are verified (leverage ≤ 3.0 hard limit, tag bounds).' },
  { id: 'no_p0', text: 'There are no P0 violations among the patches to apply.' },
  { id: 'extra_validation', text: 'Extra TestHealth / backtests were run where needed (the re-validation runs were checked).' },
  { id: 'go_no_go', text: 'Go/No-Go per the governance runbook is confirmed for the evidence.' },
] as const;
export type ChecklistItemId = (typeof CHECKLIST_ITEMS)[number]['id'];
export const CHECKLIST_IDS: readonly ChecklistItemId[] = CHECKLIST_ITEMS.map((i) => i.id);

export interface ApplyRequest {
  proposalId: string;
  checklist: Record<string, unknown>;
  confirmation: string;
}

/** Why a reviewed apply must be refused (empty = allowed). Unknown checklist keys are ignored, never counted. */
export function applyRefusals(req: ApplyRequest): string[] {
  const out: string[] = [];
  const missing = CHECKLIST_IDS.filter((id) => !(Object.hasOwn(req.checklist, id) && req.checklist[id] === true));
  if (missing.length) out.push(`checklist: ${missing.length} of ${CHECKLIST_IDS.length} item(s) not ticked (${missing.join(', ')})`);
  if (req.confirmation !== req.proposalId) out.push('confirmation: type the proposal id exactly');
  return out;
}

export const allTicked = (checked: Record<string, boolean>): boolean => CHECKLIST_IDS.every((id) => checked[id] === true);

export interface ChecklistPatchRow {
  id: string;
  target: string;
  oldValue: unknown;
  newValue: unknown;
  confidence: number | null;
  decision: Decision;
}

const val = (v: unknown): string => (typeof v === 'string' ? JSON.stringify(v) : v === null || v === undefined ? 'null' : String(v));
/** confidence with 3 decimals, or N/A (SPEC §10) */
export const confidenceText = (c: number | null): string => (c === null || !Number.isFinite(c) ? 'N/A' : c.toFixed(3));

export function renderChecklist(p: { id: string; title: string; description: string; generatedAt: string; mode: Mode; rows: ChecklistPatchRow[] }): string {
  const flagged = p.rows.filter((r) => r.decision.safetyFlags.some((f) => f.startsWith('P0_')));
  const lines: string[] = [
    `# Operator checklist — ${p.title}`,
    '',
    p.description,
    '',
    `- Proposal: \`${p.id}\``,
    `- Generated at (UTC): ${p.generatedAt}`,
    `- Mode: ${p.mode}`,
    `- Candidates: ${p.rows.length} (accepted for proposal: ${p.rows.filter((r) => r.decision.status === 'ACCEPTED_FOR_PROPOSAL').length})`,
    '',
  ];
  if (flagged.length) {
    lines.push(
      '> **⚠ P0 WARNING** — ' + `${flagged.length} candidate(s) carry P0 flags and were rejected by policy; they can never be applied:`,
      ...flagged.map((r) => `> - \`${r.target}\` (${r.id}): ${r.decision.safetyFlags.join(', ')}`),
      '',
    );
  }
  lines.push('## Checklist', '', ...CHECKLIST_ITEMS.map((i) => `- [ ] ${i.text}`), '');
  lines.push(`To apply: tick every item in the promotion review screen and type the proposal id \`${p.id}\`.`, '', '## Patches', '');
  for (const r of p.rows) {
    lines.push(
      `### ${r.target}`,
      '',
      `- Patch: \`${r.id}\``,
      `- Old → new: ${val(r.oldValue)} → ${val(r.newValue)}`,
      `- Confidence: ${confidenceText(r.confidence)}`,
      `- Tags: ${r.decision.tags.join(', ') || '—'}`,
      `- Safety flags: ${r.decision.safetyFlags.join(', ') || '—'}`,
      `- Decision: ${r.decision.status}${r.decision.autoApplied ? ' (auto-applied)' : ''}`,
      ...r.decision.reasons.map((x) => `  - ${x}`),
      ...r.decision.autoReasons.map((x) => `  - not auto-applied: ${x}`),
      '',
    );
  }
  return lines.join('\n');
}
