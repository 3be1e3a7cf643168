/** Handlers of the data domain — thin adapters over the data service (node/data/service.ts). */
import { createDataService } from '../data/service';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

export function createDataHandlers(ctx: HandlerContext) {
  const data = createDataService(ctx);
  const { store } = ctx;
  return {
    'data:import': (input) => data.importCsv(input),
    'data:synth': (input) => data.synth(input),
    'data:download': async (input) => {
      const run = await data.prepareDownload(input);
      return ctx.jobs.run('download', run, { id: input.jobId });
    },
    'data:list': (f) => store.datasets.list(f),
    'data:get': ({ id }) => ({ dataset: store.datasets.require(id), quality: store.datasets.quality(id) }),
    'data:bars': (input) => data.bars(input),
    'data:delete': (input) => data.delete(input),
  } satisfies Partial<Handlers>;
}
