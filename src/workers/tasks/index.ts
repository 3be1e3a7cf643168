/**
 * Every task kind the pool runs, by name. Adding a kind = one task module + one line here; the worker
 * dispatches on the name and the pool's `run(kind, input)` is typed from this map.
 */
import type { z } from 'zod';
import { diagTask } from './diag';
import { sweepChunkTask } from './sweep-chunk';
import { wfFoldTask } from './wf-fold';
import { mcBatchTask } from './mc-batch';
import { stressScenarioTask } from './stress-scenario';
import { backtestTask } from './backtest';
import { overfittingTask } from './overfitting';
import type { TaskModule } from './task';

export const tasks = {
  diag: diagTask,
  'sweep-chunk': sweepChunkTask,
  'wf-fold': wfFoldTask,
  'mc-batch': mcBatchTask,
  'stress-scenario': stressScenarioTask,
  backtest: backtestTask,
  overfitting: overfittingTask,
} satisfies Record<string, TaskModule>;

export type TaskKind = keyof typeof tasks;
export type TaskInput<K extends TaskKind> = z.input<(typeof tasks)[K]['input']>;
export type TaskOutput<K extends TaskKind> = Awaited<ReturnType<(typeof tasks)[K]['run']>>;
