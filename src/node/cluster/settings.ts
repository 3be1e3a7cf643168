/**
 * The compute setting: `local` (this machine's pool) or `cluster` with a Redis URL. Stored in the settings table
 * (key `compute`, zod-parsed on read: a malformed row means local); a CLI `--cluster <url>` overrides it for that
 * process only, without storing anything.
 */
import { z } from 'zod';
import type { HandlerContext } from '../api/context';
import { createSettingsQueries } from '../db/settings';
import { parseRedisUrl } from './connection';

export const COMPUTE_KEY = 'compute';

export const ComputeSchema = z.discriminatedUnion('mode', [
  z.object({ mode: z.literal('local') }),
  z.object({ mode: z.literal('cluster'), url: z.string().max(500) }),
]);
export type Compute = z.infer<typeof ComputeSchema>;

type Ctx = Pick<HandlerContext, 'store' | 'clock' | 'resource'>;

const override = (ctx: Ctx) => ctx.resource('cluster-override', () => ({ url: null as string | null }));

/** Runs this process's jobs on the cluster at `url` (CLI --cluster); not stored. */
export function useClusterForProcess(ctx: Ctx, url: string): void {
  override(ctx).url = parseRedisUrl(url, '--cluster').url;
}

export function storedCompute(ctx: Ctx): Compute {
  const raw = createSettingsQueries(ctx.store.db, ctx.clock).get(COMPUTE_KEY);
  const p = ComputeSchema.safeParse(raw);
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

export function computeOf(ctx: Ctx): Compute {
  const o = override(ctx).url;
  return o !== null ? { mode: 'cluster', url: o } : storedCompute(ctx);
}

export function storeCompute(ctx: Ctx, c: Compute): void {
  if (c.mode === 'cluster') parseRedisUrl(c.url, 'cluster url');
  createSettingsQueries(ctx.store.db, ctx.clock).set(COMPUTE_KEY, c);
}
