/**
 * Go/No-Go evidence must belong to the subject run (Trust #6): same strategy, same data set, same engine
 * configuration; a sweep must contain the run's parameters among its combinations. Pure: the node side loads
 * the stored records and asks these functions; a mismatch is named so the user sees why evidence was refused.
 */
import { canonicalJson } from '../hash';

export interface EvidenceSubject {
  runId: number;
  datasetId: string;
  strategyId: string;
  params: Readonly<Record<string, unknown>>;
  engine: unknown;
}

export interface EvidenceCandidate {
  /** 'walk-forward run 12', 'sweep 3', … (for messages) */
  label: string;
  datasetId: string | null;
  strategyId: string | null;
  engine: unknown;
}

const same = (a: unknown, b: unknown): boolean => canonicalJson(a) === canonicalJson(b);

/** Reasons the candidate does not belong to the subject (empty = it matches). */
export function evidenceMismatches(subject: EvidenceSubject, c: EvidenceCandidate): string[] {
  const out: string[] = [];
  if (c.strategyId !== subject.strategyId) out.push(`${c.label}: strategy ${c.strategyId ?? '(none)'} is not the run's ${subject.strategyId}`);
  if (c.datasetId !== subject.datasetId) out.push(`${c.label}: data set ${c.datasetId ?? '(none)'} is not the run's ${subject.datasetId}`);
  if (!same(c.engine, subject.engine)) out.push(`${c.label}: engine configuration differs from run ${subject.runId}'s`);
  return out;
}

/** Does a sweep combination (swept params + fixed params) equal the run's parameters, key by key? */
export function combinationMatches(combo: Readonly<Record<string, unknown>>, fixed: Readonly<Record<string, unknown>>, runParams: Readonly<Record<string, unknown>>): boolean {
  const merged: Record<string, unknown> = { ...fixed, ...combo };
  for (const [k, v] of Object.entries(merged)) {
    if (!Object.hasOwn(runParams, k) || !same(runParams[k], v)) return false;
  }
  return true;
}
