/** One stress scenario applied to a return series: stressed metrics and their difference to the baseline. */
import { z } from 'zod';
import { runStressScenario, STRESS_KINDS, type StressResult } from '../../core/research/stress';
import { defineTask } from './task';

const f64 = z.custom<Float64Array>((v) => v instanceof Float64Array, 'expected a Float64Array');

export const StressScenarioSchema = z.object({
  kind: z.enum(STRESS_KINDS),
  severity: z.number().min(0).max(1).optional(),
  position: z.enum(['start', 'middle', 'end']).optional(),
  window: z.number().int().positive().optional(),
  recoveryBars: z.number().int().positive().optional(),
  days: z.number().positive().optional(),
});

const Input = z.object({
  returns: f64,
  scenario: StressScenarioSchema,
  barsPerDay: z.number().positive(),
  periodsPerYear: z.number().positive(),
  initialEquity: z.number().positive(),
});

export const stressScenarioTask = defineTask({
  input: Input,
  describe: (i) => `scenario ${i.scenario.kind} (severity ${i.scenario.severity ?? 'default'}, position ${i.scenario.position ?? 'middle'})`,
  run(i): StressResult {
    return runStressScenario(i.returns, i.scenario, { barsPerDay: i.barsPerDay, periodsPerYear: i.periodsPerYear, initialEquity: i.initialEquity });
  },
});
