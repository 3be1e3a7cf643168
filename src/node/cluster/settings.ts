/**
 * The compute setting: `local` (this machine's pool) or `cluster` with a Redis URL. Stored in the settings table
 * (key `compute`, zod-parsed on read: a malformed row means local). A CLI `--cluster <url>` overrides it for that
 * process only, without storing anything: that override lives in the cluster service (ctx.cluster.useForProcess).
 */
import { z } from 'zod';
import type { SettingsQueries } from '../db/settings';
import { parseRedisUrl } from './connection';

export const COMPUTE_KEY = 'compute';

export const ComputeSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }),
  z.object({ mode: z.literal('cluster'), url: z.string().max(500) }),
]);
export type Compute = z.infer<typeof ComputeSchema>;

type SettingsStore = { settings: SettingsQueries };

export function storedCompute(store: SettingsStore): Compute {
  const p = ComputeSchema.safeParse(store.settings.get(COMPUTE_KEY));
  if (!p.success) return { mode: 'local' };
  if (p.data.mode === 'cluster') {
    try {
      parseRedisUrl(p.data.url);
    } catch {
      return { mode: 'local' };
    }
  }
  return p.data;
}

export function storeCompute(store: SettingsStore, c: Compute): void {
  if (c.mode === 'cluster') parseRedisUrl(c.url, 'cluster url');
  store.settings.set(COMPUTE_KEY, c);
}
