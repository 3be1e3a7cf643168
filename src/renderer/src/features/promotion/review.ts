/**
 * Pure helpers of the promotion review screen (unit-tested): the Apply gate (same rule as the server's), value
 * formatting for diffs, the numeric change of a patch, and badge classes.
 */
import { CHECKLIST_IDS } from '../../../../core/governance/checklist';

/** Apply is enabled only when every checklist item is ticked AND the typed text equals the phrase exactly. */
export function applyGate(checked: Record<string, boolean>, typed: string, phrase: string): { enabled: boolean; missing: number; typedOk: boolean } {
  const missing = CHECKLIST_IDS.filter((id) => checked[id] !== true).length;
  const typedOk = typed === phrase && phrase.length > 0;
  return { enabled: missing === 0 && typedOk, missing, typedOk };
}

export function showValue(v: unknown): string {
  if (v === undefined) return '—';
  if (v === null) return 'null';
  if (typeof v === 'string') return JSON.stringify(v);
  if (typeof v === 'number') return Number.isFinite(v) ? String(+v.toPrecision(12)) : String(v);
  return String(v);
}

/** new − old and the relative change in percent of |old|, when both are finite numbers */
export function changeOf(from: unknown, to: unknown): { delta: number; pct: number | null } | null {
  if (typeof from !== 'number' || typeof to !== 'number' || !Number.isFinite(from) || !Number.isFinite(to)) return null;
  const delta = +(to - from).toPrecision(12);
  return { delta, pct: from === 0 ? null : +((delta / Math.abs(from)) * 100).toFixed(2) };
}

export function changeText(from: unknown, to: unknown): string {
  const c = changeOf(from, to);
  if (!c) return '';
  const sign = c.delta > 0 ? '+' : '';
  return `${sign}${c.delta}${c.pct === null ? '' : ` (${sign}${c.pct} %)`}`;
}

export function statusClass(status: string): 'good' | 'bad' | 'warn' | 'muted' {
  if (status === 'ACCEPTED_FOR_PROPOSAL' || status === 'applied' || status === 'auto_applied' || status === 'GO' || status === 'PROMOTED') return 'good';
  if (status.startsWith('REJECTED') || status === 'rejected' || status === 'NO_GO') return 'bad';
  if (status === 'open' || status === 'INCONCLUSIVE' || status === 'APPLIED_OFFLINE') return 'warn';
  return 'muted';
}

/** "live_promotion_20261202T204107Z" → "2026-12-02 20:41:07 UTC" */
export function proposalTime(id: string): string {
  const m = /^live_promotion_(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})Z/.exec(id);
  return m ? `${m[1]}-${m[2]}-${m[3]} ${m[4]}:${m[5]}:${m[6]} UTC` : id;
}

/**
 * The candidates an Apply would put live whose re-validation did not say Go (No-Go or Inconclusive): the review
 * panel names them before the operator ticks the Go/No-Go checklist item.
 */
export function notGoCandidates(items: readonly { decision: { status: string; autoApplied: boolean }; patch: { target: string }; evidence: { verdict?: { verdict: string } | null } }[]): { target: string; verdict: string }[] {
  return items
    .filter((i) => i.decision.status === 'ACCEPTED_FOR_PROPOSAL' && !i.decision.autoApplied && i.evidence.verdict && i.evidence.verdict.verdict !== 'GO')
    .map((i) => ({ target: i.patch.target, verdict: i.evidence.verdict!.verdict }));
}
