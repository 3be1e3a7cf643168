/**
 * Go/No-Go verdicts as stored records (Trust #6). The server gathers the evidence by id from the store, checks
 * it belongs to the subject run, evaluates config/gonogo.toml and stores the verdict with the evidence ids.
 * The governance loop reads verdicts through gonogo:get / gonogo:list (or node/db/gonogo-verdicts.ts).
 */
import { z } from 'zod';
import { defineDomain } from '../define';
import { RunIdSchema } from '../schemas';
import { GoNoGoInputSchema } from '../../research/gonogo';
import { GoNoGoResultSchema } from './research';

export const GoNoGoEvidenceIdsSchema = z.object({
  /** a walk-forward run of the same strategy, data set and engine: its stitched OOS Sharpe */
  walkforwardRunId: RunIdSchema.nullable().default(null),
  /** a finished sweep of the same strategy, data set and engine that contains the run's parameters: DSR and PBO */
  sweepId: z.number().int().positive().nullable().default(null),
  /** a stress run of the same backtest (strategy, data set, engine, parameters): single_crash_bar max drawdown */
  stressRunId: RunIdSchema.nullable().default(null),
  /** a Monte-Carlo run of the same backtest: p5 max drawdown and probability of loss */
  montecarloRunId: RunIdSchema.nullable().default(null),
});

export const GoNoGoVerdictSchema = z.object({
  id: z.number().int(),
  runId: z.number().int(),
  riskProfile: z.enum(['conservative', 'moderate', 'aggressive']),
  tier: z.string().nullable(),
  verdict: z.enum(['GO', 'NO_GO', 'INCONCLUSIVE']),
  evidence: GoNoGoEvidenceIdsSchema,
  inputs: GoNoGoInputSchema,
  result: GoNoGoResultSchema,
  configHash: z.string(),
  createdAt: z.number(),
});
export type GoNoGoVerdict = z.output<typeof GoNoGoVerdictSchema>;

export const gonogoDomain = defineDomain({
  commands: {
    'gonogo:evaluate': {
      doc: 'Judge a backtest run against config/gonogo.toml with evidence given by id (checked to belong to the run); the verdict is stored.',
      input: z.object({
        runId: RunIdSchema,
        riskProfile: z.enum(['conservative', 'moderate', 'aggressive']).default('moderate'),
        tier: z.enum(['core', 'aux', 'legacy', 'r_and_d']).nullable().default(null),
        evidence: GoNoGoEvidenceIdsSchema.default({ walkforwardRunId: null, sweepId: null, stressRunId: null, montecarloRunId: null }),
      }),
      output: GoNoGoVerdictSchema,
    },
    'gonogo:get': {
      doc: 'A stored Go/No-Go verdict by id.',
      input: z.object({ id: z.number().int().positive() }),
      output: GoNoGoVerdictSchema,
    },
    'gonogo:list': {
      doc: 'Stored Go/No-Go verdicts, newest first (optionally of one run).',
      input: z.object({ runId: RunIdSchema.optional(), limit: z.number().int().min(1).max(500).default(50) }).default({ limit: 50 }),
      output: z.object({ verdicts: z.array(GoNoGoVerdictSchema) }),
    },
  },

});
