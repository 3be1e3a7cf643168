import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

export function createJobHandlers(ctx: HandlerContext) {
  return {
    'jobs:list': () => ({ jobs: ctx.jobs.list() }),
    'jobs:cancel': ({ jobId }) => ({ cancelled: ctx.jobs.cancel(jobId) }),
  } satisfies Partial<Handlers>;
}
