import { z } from 'zod';
import { defineDomain } from '../define';

export const EnvironmentInfoSchema = z.object({
  /** configured mode: paper | shadow | testnet | live_dry_run | live */
  mode: z.string(),
  /** always 'LIVE LOCKED' in this version: the live executor is dry-run only */
  badge: z.literal('LIVE LOCKED'),
  liveTradingEnabled: z.literal(false),
});

export const ServiceStatusSchema = z.enum(['starting', 'ok', 'degraded', 'down', 'stopped']);
export const ServiceInfoSchema = z.object({ name: z.string(), status: ServiceStatusSchema, detail: z.string().optional() });
export type ServiceInfo = z.infer<typeof ServiceInfoSchema>;

export const appDomain = defineDomain({
  commands: {
    'app:info': {
      doc: 'Version, environment badge, database path, worker count and the health of the long-lived services.',
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
        /** long-lived services of the registry (src/node/lifecycle), in start order, with their health */
        services: z.array(ServiceInfoSchema),
      }),
    },
  },
});
