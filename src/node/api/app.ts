import type { HandlerContext } from './context';
import type { Handlers } from './handlers';

export function createAppHandlers(ctx: HandlerContext) {
  return {
    'app:info': () => ({
      name: 'Peak Trade',
      version: ctx.version,
      // Live trading is impossible in this version whatever the config says: the live executor is dry-run only.
      environment: { mode: ctx.config.environment.mode, badge: 'LIVE LOCKED' as const, liveTradingEnabled: false as const },
      dbPath: ctx.dbPath,
      dataDir: ctx.dataDir,
      workers: ctx.workers,
      schemaVersion: ctx.store.schemaVersion(),
      counts: { datasets: ctx.store.datasets.count(), runs: ctx.store.runs.count() },
      services: ctx.services.health(),
    }),
  } satisfies Partial<Handlers>;
}
