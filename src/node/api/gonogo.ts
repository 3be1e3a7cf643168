/**
 * gonogo:* handlers (Trust #6): evidence by id, checked to belong to the run, verdict stored with its evidence.
 */
import { sha256Hex } from '../db/hash';
import { canonicalJson } from '../../core/hash';
import { evaluateGoNoGo } from '../../core/research/gonogo';
import { createGoNoGoVerdicts } from '../research/gonogo-verdicts';
import { collectEvidence } from '../research/evidence';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';
import { createResearchHandlers } from './research';
import { loadGoNoGoConfig } from './research-config';

export function createGoNoGoHandlers(ctx: HandlerContext) {
  const verdicts = createGoNoGoVerdicts(ctx.store.db, ctx.clock);
  let research: ReturnType<typeof createResearchHandlers> | undefined;
  const overfittingOf = async (sweepId: number) => {
    research ??= createResearchHandlers(ctx);
    return research['research:overfitting']({ sweepId });
  };
  return {
    'gonogo:evaluate': async ({ runId, riskProfile, tier, evidence }) => {
      const run = ctx.store.runs.require(runId);
      const inputs = await collectEvidence(ctx, run, evidence, overfittingOf, { tier, riskProfile });
      const cfg = loadGoNoGoConfig();
      const result = evaluateGoNoGo(inputs, cfg);
      return verdicts.insert({
        runId, riskProfile, tier, verdict: result.verdict, evidence, inputs, result,
        configHash: sha256Hex(canonicalJson(cfg)),
      });
    },
    'gonogo:get': ({ id }) => verdicts.get(id),
    'gonogo:list': ({ runId, limit }) => ({ verdicts: verdicts.list({ ...(runId !== undefined && { runId }), limit }) }),
  } satisfies Partial<Handlers>;
}
