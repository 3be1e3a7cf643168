/** Handlers of the jobs domain (contract: src/core/api/commands/jobs.ts); the lifecycle lives in node/jobs/registry.ts. */
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

export function createJobHandlers(ctx: HandlerContext) {
  return {
    'jobs:list': (f, call) => ({ jobs: ctx.jobs.history(f, call.connectionId) }),
    'jobs:cancel': ({ jobId, force }, call) => ({ cancelled: ctx.jobs.cancel(jobId, { by: call.connectionId, force }) }),
    'jobs:resume': ({ jobId, wait, workers }, call) =>
      ctx.jobs.resume(jobId, { owner: call.connectionId, wait, ...(workers !== undefined && { workers }) }),
    'jobs:follow': ({ jobId }, call) => ({ following: ctx.jobs.follow(jobId, call.connectionId) }),
    'jobs:unfollow': ({ jobId }, call) => ({ following: ctx.jobs.unfollow(jobId, call.connectionId) }),
  } satisfies Partial<Handlers>;
}
