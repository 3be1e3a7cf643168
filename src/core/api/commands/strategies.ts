import { z } from 'zod';
import { defineDomain } from '../define';
import { StrategyInfoSchema } from '../schemas';

export const strategiesDomain = defineDomain({
  commands: {
    'strategies:list': {
      doc: 'Registered strategies with tier, metadata and JSON parameter descriptions (defaults, bounds, sweep ranges).',
      input: z.object({ includeRnd: z.boolean().default(true) }).default({ includeRnd: true }),
      output: z.object({ strategies: z.array(StrategyInfoSchema) }),
    },
  },
});
