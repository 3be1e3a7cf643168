/**
 * The governance loop assembled from a HandlerContext (one instance per services object, as a shared resource):
 * repositories, the overrides store, System 1 (learning) and System 2 (promotion), the effective config and the
 * evidence lookup. Options replace the environment provider (the live track's), the policy or the live params.
 */
import type { EnvironmentProvider } from '../../core/governance/overrides';
import type { PolicyConfig } from '../../core/governance/policy-config';
import { createResearchHandlers } from '../api/research';
import { createBacktestHandlers } from '../api/backtest';
import type { HandlerContext } from '../api/context';
import { loadLiveParams, loadPolicyConfig, type LiveParams } from './config';
import { configEnvironment, type GovernanceDeps } from './deps';
import { createLearning } from './learning';
import { loadEffectiveLiveConfig } from './live-config';
import { createOverridesStore } from './overrides-store';
import { createPromotion } from './promotion';

export interface GovernanceOptions {
  environment?: EnvironmentProvider;
  policy?: PolicyConfig;
  liveParams?: LiveParams;
}

export function createGovernance(ctx: HandlerContext, opts: GovernanceOptions = {}) {
  const repo = ctx.store.governance;
  const overrides = createOverridesStore(ctx.store, repo, ctx.dataDir);
  let backtest: ReturnType<typeof createBacktestHandlers> | null = null;
  let research: ReturnType<typeof createResearchHandlers> | null = null;
  const deps: GovernanceDeps = {
    store: ctx.store, repo, overrides, dataDir: ctx.dataDir, clock: ctx.clock,
    policy: opts.policy ?? loadPolicyConfig(),
    liveParams: opts.liveParams ?? loadLiveParams(),
    appConfig: ctx.config,
    environment: opts.environment ?? configEnvironment(ctx.config),
    async runBacktest(req) {
      backtest ??= createBacktestHandlers(ctx);
      const run = await backtest['backtest:run']({ datasetId: req.datasetId, strategyId: req.strategyId, params: req.params,
        engine: { sizing: { mode: 'fraction', fraction: req.fraction } }, save: true, note: req.note });
      return { id: run.id, metrics: run.metrics };
    },
    async overfitting(sweepId) {
      research ??= createResearchHandlers(ctx);
      return research['research:overfitting']({ sweepId });
    },
  };
  const learning = createLearning(deps);
  const promotion = createPromotion(deps, learning);
  return { deps, repo, overrides, learning, promotion, effective: (env?: Parameters<typeof loadEffectiveLiveConfig>[1]) => loadEffectiveLiveConfig(deps, env) };
}
export type Governance = ReturnType<typeof createGovernance>;

const instances = new WeakMap<HandlerContext, Governance>();

/** The services-wide instance (handlers, CLI and tests share it): one per handler context, created on first use. */
export function governanceOf(ctx: HandlerContext): Governance {
  let g = instances.get(ctx);
  if (!g) instances.set(ctx, (g = createGovernance(ctx)));
  return g;
}

/** Replace the instance for a context before first use (tests: another policy; the app: the live track's environment). */
export function setGovernance(ctx: HandlerContext, g: Governance): Governance {
  instances.set(ctx, g);
  return g;
}
