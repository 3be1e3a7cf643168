/** The slice of StrategyDef the bridge needs (a type alias keeps the bridge free of the registry's generics). */
import type { Bars } from '../data/bars';
import type { StrategyContext, StrategySignals } from '../strategies/types';

export { createIndicatorCache } from '../strategies/types';

export interface AnyStrategyDefLike {
  meta: { id: string };
  signals(bars: Bars, p: Record<string, unknown>, ctx: StrategyContext): StrategySignals;
}
