/**
 * cluster:get / cluster:set / cluster:test — the compute setting and the cluster's health.
 *
 * Trust: the browser twin forwards these from the UI, and the URL is the user's own setting (like a data
 * directory): it is accepted only as redis:// or rediss://, connected to with a 3 s timeout, never logged or
 * returned with its password. A web page cannot reach the twin without its per-launch token.
 */
import type { CommandOutput } from '../../core/api/contract';
import { PeakError } from '../../core/errors';
import type { HandlerContext } from '../api/context';
import type { Handlers } from '../api/handlers';
import { parseRedisUrl, redactRedisUrl } from './connection';
import { storeCompute, storedCompute } from './settings';
import { clusterStatus } from './status';

export function createClusterHandlers(ctx: HandlerContext) {
  const snapshot = (): CommandOutput<'cluster:get'> => {
    const c = storedCompute(ctx.store);
    return {
      compute: c.mode,
      url: c.mode === 'cluster' ? redactRedisUrl(c.url) : null,
      version: ctx.version,
      protocol: ctx.cluster.version().protocol,
    };
  };
  return {
    'cluster:get': () => snapshot(),
    'cluster:set': (input) => {
      if (input.compute === 'local') {
        // "this machine" forgets the cluster URL (and its password) entirely.
        storeCompute(ctx.store, { mode: 'local' });
        void ctx.cluster.refresh();
        return snapshot();
      }
      const prev = storedCompute(ctx.store);
      // The UI shows the stored URL masked; sending it back unchanged keeps the stored (unmasked) one.
      const url = prev.mode === 'cluster' && input.url === redactRedisUrl(prev.url) ? prev.url : parseRedisUrl(input.url, 'url').url;
      storeCompute(ctx.store, { mode: 'cluster', url });
      void ctx.cluster.refresh();
      ctx.logger.info('compute set to cluster', { url: redactRedisUrl(url) });
      return snapshot();
    },
    'cluster:test': async (input) => {
      const stored = storedCompute(ctx.store);
      let url: string;
      if (input.url !== undefined) {
        url = stored.mode === 'cluster' && input.url === redactRedisUrl(stored.url) ? stored.url : parseRedisUrl(input.url, 'url').url;
      } else if (stored.mode === 'cluster') {
        url = stored.url;
      } else {
        throw new PeakError('BAD_INPUT', 'cluster:test: url: no cluster is configured; pass a redis:// or rediss:// URL');
      }
      return clusterStatus(url, ctx.cluster.version(), ctx.clock);
    },
  } satisfies Partial<Handlers>;
}
