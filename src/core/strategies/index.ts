/** Strategies: definitions, registry, parameter handling, environment gate and named presets. */
export * from './types';
export {
  strategies, getStrategy, listStrategies, resolveParams, describeParams, assertStrategyAllowed, ENVIRONMENTS, LIVE_LIKE,
} from './registry';
export type { AnyStrategyDef, ParamDescription, ParamType, StrategyInfo, StrategyEnvironment } from './registry';
export { volRegimeFilter, applyFilter, volSeries, type VolRegime } from './vol-regime-filter';
export { tripleBarrierLabels, type TripleBarrier } from './meta-labeling';
export { strategyPresets, type StrategyPreset } from './presets';
export type { Component } from './components';
