/**
 * What the governance services need, injected: the store, paths, clock, policy, the live-tunable base values,
 * the environment (a provider, so the live track's environment can be wired in), and the research entry points
 * they call (a backtest for re-validation, the overfitting statistics of a sweep).
 */
import { z } from 'zod';
import type { AppConfig } from '../../core/api/config';
import type { OverfittingResultSchema } from '../../core/api/commands/research';
import { PeakError } from '../../core/errors';
import { encodeValue, type PatchValue } from '../../core/governance/model';
import { applyLiveOverrides, getDotted, type EnvironmentProvider, type Overrides } from '../../core/governance/overrides';
import type { PolicyConfig } from '../../core/governance/policy-config';
import type { Store } from '../db/store';
import type { LiveParams } from './config';
import type { OverridesStore } from './overrides-store';
import type { GovernanceRepo } from '../db/governance';

export interface BacktestRequest {
  datasetId: string;
  strategyId: string;
  params: Record<string, unknown>;
  /** fraction of equity per unit of |target| */
  fraction: number;
  note: string;
}

export interface GovernanceDeps {
  store: Store;
  repo: GovernanceRepo;
  overrides: OverridesStore;
  dataDir: string;
  clock: () => number;
  policy: PolicyConfig;
  liveParams: LiveParams;
  appConfig: AppConfig;
  environment: EnvironmentProvider;
  runBacktest(req: BacktestRequest): Promise<{ id: number; metrics: Record<string, number | null> }>;
  overfitting(sweepId: number): Promise<z.output<typeof OverfittingResultSchema>>;
}

/** The default provider: [environment] of the loaded config (paper when absent). */
export function configEnvironment(config: { environment?: { mode?: string; enable_live_trading?: boolean } }): EnvironmentProvider {
  return () => ({ mode: config.environment?.mode ?? 'paper', enable_live_trading: config.environment?.enable_live_trading ?? false });
}

/** base of the live-like config: the app config with the live-tunable parameters merged in */
export function liveBase(d: Pick<GovernanceDeps, 'appConfig' | 'liveParams'>): Record<string, unknown> {
  const merge = (a: Record<string, unknown>, b: Record<string, unknown>): Record<string, unknown> => {
    const out: Record<string, unknown> = { ...a };
    for (const [k, v] of Object.entries(b)) {
      const cur = out[k];
      out[k] = typeof v === 'object' && v !== null && typeof cur === 'object' && cur !== null ? merge(cur as Record<string, unknown>, v as Record<string, unknown>) : v;
    }
    return out;
  };
  return merge(JSON.parse(JSON.stringify(d.appConfig)) as Record<string, unknown>, d.liveParams);
}

/**
 * The live-like config as the policy measures it: base + the current overrides version, whatever the running
 * environment (a live-like environment would read exactly this).
 */
export function offlineLiveConfig(d: Pick<GovernanceDeps, 'appConfig' | 'liveParams' | 'overrides'>, extra: Overrides = {}): Record<string, unknown> {
  const values = { ...d.overrides.current().values, ...extra };
  return applyLiveOverrides(liveBase(d), values, { mode: 'live_dry_run', enable_live_trading: false }).effective;
}

export function currentValueFn(d: Pick<GovernanceDeps, 'appConfig' | 'liveParams' | 'overrides'>): (key: string) => PatchValue | undefined {
  const cfg = offlineLiveConfig(d);
  return (key) => {
    const v = getDotted(cfg, key);
    return v === undefined ? undefined : encodeValue(v);
  };
}

export const KillSwitchSchema = z.object({ on: z.boolean(), reason: z.string(), at: z.number(), actor: z.string() });
export type KillSwitch = z.infer<typeof KillSwitchSchema>;
export const killSwitchOf = (repo: GovernanceRepo): KillSwitch => repo.getState('kill_switch', KillSwitchSchema, { on: false, reason: '', at: 0, actor: '' });

export const notFound = (what: string, id: string): PeakError => new PeakError('NOT_FOUND', `${what} ${id} does not exist`);
