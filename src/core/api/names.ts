/**
 * Zod-free list of every command and push event name. The sandboxed preload bundles only this file; contract.ts
 * checks at compile time that these lists equal the contract's keys, so adding a command means adding its name
 * here too (tsc fails otherwise).
 */
export const commandNames = [
  'app:info',
  'jobs:list',
  'jobs:cancel',
  'jobs:resume',
  'jobs:follow',
  'jobs:unfollow',
  'data:import',
  'data:synth',
  'data:download',
  'data:list',
  'data:get',
  'data:bars',
  'data:delete',
  'strategies:list',
  'backtest:run',
  'runs:list',
  'runs:get',
  'runs:equity',
  'runs:delete',
  'charts:price',
  'sweeps:start',
  'sweeps:list',
  'sweeps:get',
  'sweeps:results',
  'sweeps:heatmap',
  'sweeps:cell',
  'sweeps:presets',
  'walkforward:run',
  'montecarlo:run',
  'stress:run',
  'research:overfitting',
  'research:gonogo',
  'research:portfolio',
  'research:recipes',
  'reports:get',
  'settings:get',
  'settings:set',
] as const;

export const eventNames = [
  'jobs:did-progress',
  'jobs:did-finish',
  'data:did-change',
  'runs:did-change',
  'settings:did-change',
] as const;

export type CommandNameList = (typeof commandNames)[number];
export type EventNameList = (typeof eventNames)[number];
