/**
 * What the research services need (typed, not the whole handler context) and the small helpers they share.
 * Units: Sharpe annualised unless named per-period; drawdowns and returns are fractions.
 */
import { engineDefaultsFromConfig } from '../../core/api/config';
import { resolveEngineConfig } from '../../core/api/engine-config';
import type { EngineConfigPatch } from '../../core/api/schemas';
import { detectCalendar, type Bars } from '../../core/data/bars';
import type { EngineConfig } from '../../core/engine/types';
import { canonicalJson } from '../../core/hash';
import { sha256Hex } from '../db/hash';
import type { HandlerContext } from '../api/context';
import { computePool } from '../cluster/compute-pool';
import { sharedPool } from '../pool/context-pool';
import type { Pool } from '../pool/pool';

export type ResearchDeps = Pick<HandlerContext, 'store' | 'config' | 'research' | 'clock' | 'events' | 'dataDir' | 'pool' | 'sharedData' | 'bars' | 'cluster'>;

/**
 * The pool research jobs fan out on: the shared pool, or — when compute is `cluster` — the cluster for the kinds
 * it runs (walk-forward folds, Monte-Carlo batches, stress scenarios); same inputs, results, progress, cancel.
 */
export const researchPool = (deps: ResearchDeps): Pool => computePool(deps, sharedPool(deps));

/** non-finite → null, so results are valid JSON and fit the contract's nullable numbers */
export const fin = (x: number | null | undefined): number | null => (x === null || x === undefined || !Number.isFinite(x) ? null : x);
export const finRecord = (r: Record<string, number>): Record<string, number | null> => Object.fromEntries(Object.entries(r).map(([k, v]) => [k, fin(v)]));
export const hashOf = (v: unknown): string => sha256Hex(canonicalJson(v));

/** bars per calendar day, for the stress regimes' day spans */
export const barsPerDay = (bars: Bars, ppy: number): number => ppy / (detectCalendar(bars.time) === '24/7' ? 365 : 252);

export const engineFor = (deps: Pick<ResearchDeps, 'config'>, patch: EngineConfigPatch): EngineConfig =>
  resolveEngineConfig(patch, engineDefaultsFromConfig(deps.config));
