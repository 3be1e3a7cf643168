import { z } from 'zod';
import { defineDomain } from '../define';

export const EnvironmentInfoSchema = z.object({
  /** configured mode: paper | shadow | testnet | live_dry_run | live */
  mode: z.string(),
  /** always 'LIVE LOCKED' in this version: the live executor is dry-run only */
  badge: z.literal('LIVE LOCKED'),
  liveTradingEnabled: z.literal(false),
});

export const appDomain = defineDomain({
  commands: {
    'app:info': {
      doc: 'Version, environment badge, database path and worker count.',
      input: z.object({}).default({}),
      output: z.object({
        name: z.string(),
        version: z.string(),
        environment: EnvironmentInfoSchema,
        dbPath: z.string(),
        dataDir: z.string(),
        workers: z.number().int(),
        schemaVersion: z.number().int(),
        counts: z.object({ datasets: z.number().int(), runs: z.number().int() }),
      }),
    },
  },
});
