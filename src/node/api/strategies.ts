import { listStrategies } from '../../core/strategies/registry';
import { StrategyInfoSchema } from '../../core/api/schemas';
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

export function createStrategyHandlers(_ctx: HandlerContext) {
  return {
    'strategies:list': ({ includeRnd }) => {
      // Flatten the registry's { meta, params, defaults } into the wire shape; parsing checks it.
      const all = listStrategies().map((s) => StrategyInfoSchema.parse({ ...s.meta, params: s.params, defaults: s.defaults }));
      return { strategies: includeRnd ? all : all.filter((s) => s.tier !== 'r_and_d') };
    },
  } satisfies Partial<Handlers>;
}
