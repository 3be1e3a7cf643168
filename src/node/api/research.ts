/**
 * Research handlers: walkforward:run, montecarlo:run, stress:run, research:overfitting, research:gonogo,
 * research:portfolio, research:recipes, reports:get — thin adapters: each long command runs its node/research
 * service as a job (caller-chosen `jobId`, progress, cancellation) and answers with the job id.
 */
import { evaluateGoNoGo } from '../../core/research/gonogo';
import { runMonteCarlo } from '../research/montecarlo';
import { overfitting } from '../research/overfitting';
import { runPortfolio } from '../research/portfolio';
import { runStress } from '../research/stress';
import { runWalkForward } from '../research/walkforward';
import { readReportForApp, readReportModel } from '../files/reports/in-app';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

export function createResearchHandlers(ctx: HandlerContext) {
  return {
    'walkforward:run': (input) => ctx.jobs.run('walkforward', (job) => runWalkForward(ctx, input, job), { id: input.jobId }),
    'montecarlo:run': (input) => ctx.jobs.run('montecarlo', (job) => runMonteCarlo(ctx, input, job), { id: input.jobId }),
    'stress:run': (input) => ctx.jobs.run('stress', (job) => runStress(ctx, input, job), { id: input.jobId }),
    'research:portfolio': (input) => ctx.jobs.run('portfolio', (job) => runPortfolio(ctx, input, job), { id: input.jobId }),
    'research:overfitting': (input) => ctx.jobs.run('overfitting', async (job) => {
      const r = await overfitting(ctx, input.sweepId, input.metric, true, job.signal);
      return { ...r, jobId: job.id };
    }, { id: input.jobId }),
    'research:gonogo': (input) => evaluateGoNoGo(input, ctx.research.gonogo()),
    'research:recipes': () => {
      const { recipes, warnings } = ctx.research.recipes();
      return {
        recipes: recipes.map((r) => ({ id: r.id, portfolioName: r.portfolio_name, riskProfile: r.risk_profile, members: r.strategies ?? [`top ${r.top_n} of ${r.sweep_name}`], weights: r.weights })),
        warnings,
      };
    },
    'reports:get': ({ runId, content, model }) => {
      ctx.store.runs.require(runId);
      const report = ctx.store.reports.get(runId);
      return {
        runId,
        report,
        ...(content ? { html: report?.html ? readReportForApp(ctx.dataDir, report.html) : null } : {}),
        ...(model ? { model: report ? readReportModel(ctx.dataDir, report.dir) : null } : {}),
      };
    },
  } satisfies Partial<Handlers>;
}
