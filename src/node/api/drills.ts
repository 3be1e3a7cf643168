/** drills:* — a thin adapter from the contract to the drill service (src/node/drills/service.ts). */
import type { HandlerContext } from './context';
import type { Handlers } from './handlers';
import { createDrillService, runScriptedDrill } from '../drills/service';
import { scenarioLibrary } from '../drills/scenarios';

export function createDrillHandlers(ctx: HandlerContext) {
  const service = createDrillService(ctx);
  return {
    'drills:scenarios': () => [...scenarioLibrary().values()].map((s) => ({
      id: s.id, name: s.name, description: s.description, length: s.length, speedBarsPerS: s.speed_bars_per_s, countdownMs: s.countdown_ms,
      source: s.source.kind === 'dataset' ? `dataset ${s.source.dataset}` : `${s.source.kind} (seed ${s.source.seed})`, strategy: s.strategy.id, tags: s.tags,
    })),
    'drills:start': (input) => service.start(input),
    'drills:act': (input) => service.act(input),
    'drills:finish': (input) => service.finish(input.drillId),
    'drills:abandon': (input) => service.abandon(input.drillId),
    'drills:list': (input) => service.list(input.limit),
    'drills:get': (input) => service.detail(input.drillId),
    'drills:trends': (input) => service.trends(input.method),
    'drills:report': (input) => service.report(input.drillId),
    'drills:demo': (input) => service.demo(input.quirks),
    'drills:auto': (input) => runScriptedDrill(service, input),
  } satisfies Partial<Handlers>;
}
