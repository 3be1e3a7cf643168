/**
 * gonogo:* handlers (Trust #6): evidence by id, checked to belong to the run, verdict stored with its evidence
 * (store.gonogoVerdicts). research:gonogo (in ./research.ts) stays the stateless evaluation of given numbers.
 */
import { sha256Hex } from '../db/hash';
import { canonicalJson } from '../../core/hash';
import { evaluateGoNoGo } from '../../core/research/gonogo';
import { collectEvidence } from '../research/evidence';
import { overfitting } from '../research/overfitting';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

export function createGoNoGoHandlers(ctx: HandlerContext) {
  const verdicts = () => ctx.store.gonogoVerdicts;
  // the research:overfitting computation (the sweep's own ranking metric), without a job of its own
  const overfittingOf = (sweepId: number) => overfitting(ctx, sweepId);
  return {
    'gonogo:evaluate': async ({ runId, riskProfile, tier, evidence }) => {
      const run = ctx.store.runs.require(runId);
      const inputs = await collectEvidence(ctx, run, evidence, overfittingOf, { tier, riskProfile });
      const cfg = ctx.research.gonogo();
      const result = evaluateGoNoGo(inputs, cfg);
      return verdicts().insert({
        runId, riskProfile, tier, verdict: result.verdict, evidence, inputs, result,
        configHash: sha256Hex(canonicalJson(cfg)),
      });
    },
    'gonogo:get': ({ id }) => verdicts().get(id),
    'gonogo:list': ({ runId, limit }) => ({ verdicts: verdicts().list({ ...(runId !== undefined && { runId }), limit }) }),
  } satisfies Partial<Handlers>;
}
