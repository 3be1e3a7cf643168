import { z } from 'zod';
import { defineDomain } from '../define';

/**
 * The compute setting (this machine, or a cluster of `peak worker` nodes behind a Redis URL), a connection test,
 * and the live worker list. The Redis URL is the user's own setting, given through the CLI or the desktop app (the
 * browser twin refuses a `url` from a page: src/node/web/page-policy.ts): only redis:// and rediss:// URLs are
 * accepted (checked again in the handler), and it is never echoed with its password.
 */
export const ComputeModeSchema = z.enum(['local', 'cluster']);

export const ClusterSettingsSchema = z.object({
  compute: ComputeModeSchema,
  /** the stored Redis URL with credentials masked, or null */
  url: z.string().nullable(),
  /** this app's version and cluster protocol: workers must match both */
  version: z.string(),
  protocol: z.number().int(),
});

export const ClusterWorkerSchema = z.object({
  id: z.string(),
  host: z.string(),
  pid: z.number().int(),
  cores: z.number().int(),
  concurrency: z.number().int(),
  version: z.string(),
  compatible: z.boolean(),
  tasksDone: z.number().int(),
  tasksFailed: z.number().int(),
  busy: z.number().int(),
  startedAt: z.number(),
  /** epoch ms of the last heartbeat (every 2 s while the node runs) */
  lastHeartbeat: z.number(),
  live: z.boolean(),
});

export const ClusterStatusSchema = z.object({
  ok: z.boolean(),
  /** why the connection failed (credentials masked), null when ok */
  error: z.string().nullable(),
  redisVersion: z.string().nullable(),
  /** round trip of one PING, ms */
  latencyMs: z.number().nullable(),
  workers: z.array(ClusterWorkerSchema),
  /** recent payloads workers refused (newest first) */
  rejected: z.array(z.object({ at: z.number(), worker: z.string(), jobId: z.string(), reason: z.string() })),
  /** tasks waiting / running in the queue */
  waiting: z.number().int().nullable(),
  active: z.number().int().nullable(),
});

const UrlInput = z.string().trim().min(1).max(500);

export const clusterDomain = defineDomain({
  commands: {
    'cluster:get': {
      doc: 'The compute setting: this machine or a cluster (Redis URL, credentials masked), with the app version workers must match.',
      input: z.object({}).default({}),
      output: ClusterSettingsSchema,
    },
    'cluster:set': {
      doc: 'Sets compute to this machine or to the cluster at a redis:// or rediss:// URL; new sweeps use it.',
      input: z.discriminatedUnion('compute', [
        z.object({ compute: z.literal('local') }).strict(),
        z.object({ compute: z.literal('cluster'), url: UrlInput }).strict(),
      ]),
      output: ClusterSettingsSchema,
    },
    'cluster:test': {
      doc: 'Connects to the Redis URL given (or the stored one): PING latency, Redis version, live workers, queue depth, recent rejected payloads.',
      input: z.object({ url: UrlInput.optional() }).strict().default({}),
      output: ClusterStatusSchema,
    },
  },
  events: {},
});
