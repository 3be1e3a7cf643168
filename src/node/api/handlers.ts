/**
 * The handler map: one function per contract command, transport-agnostic (IPC, the browser twin, the CLI and
 * tests all call these). Each domain module returns its part; the assembly below is checked with `satisfies
 * Handlers`, so a command without a handler fails tsc. Handlers receive PARSED input (defaults filled in);
 * use invoke() to call them with raw input.
 *
 * Adding a domain: write ./<domain>.ts exporting `create<Domain>Handlers(ctx)` (returning an object literal
 * `satisfies Partial<Handlers>`), and add ONE spread line below.
 */
import type { CommandName, CommandOutput, CommandParsedInput } from '../../core/api/contract';
import type { CallContext } from '../jobs/call-context';
import type { HandlerContext } from './context';
import { createAppHandlers } from './app';
import { createJobHandlers } from './jobs';
import { createDataHandlers } from './data';
import { createStrategyHandlers } from './strategies';
import { createBacktestHandlers } from './backtest';
import { createRunHandlers } from './runs';
import { createResearchHandlers } from './research';
import { createSweepHandlers } from './sweeps';
import { createSettingsHandlers } from './settings';
import { createDrillHandlers } from './drills';
import { createGovernanceHandlers } from './governance';
import { createAutomationHandlers } from './automation';
import { createLiveHandlers } from './live';
import { createClusterHandlers } from '../cluster/handlers';
import { createGoNoGoHandlers } from './gonogo';
import { createChartHandlers } from './charts';

/** `call` names the connection the command came through (job ownership, event routing). */
export type Handler<K extends CommandName> = (input: CommandParsedInput<K>, call: CallContext) => Promise<CommandOutput<K>> | CommandOutput<K>;
export type Handlers = { [K in CommandName]: Handler<K> };

export function createHandlers(ctx: HandlerContext): Handlers {
  return {
    ...createAppHandlers(ctx),
    ...createJobHandlers(ctx),
    ...createDataHandlers(ctx),
    ...createStrategyHandlers(ctx),
    ...createBacktestHandlers(ctx),
    ...createRunHandlers(ctx),
    ...createResearchHandlers(ctx),
    ...createSweepHandlers(ctx),
    ...createSettingsHandlers(ctx),
    ...createDrillHandlers(ctx),
    ...createGovernanceHandlers(ctx),
    ...createAutomationHandlers(ctx),
    ...createLiveHandlers(ctx),
    ...createClusterHandlers(ctx),
    ...createGoNoGoHandlers(ctx),
    ...createChartHandlers(ctx),
  } satisfies Handlers;
}
