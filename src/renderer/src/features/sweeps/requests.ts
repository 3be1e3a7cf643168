/**
 * Sweep form → `sweeps:start` input. Pure and unit-tested: the grid goes as the texts the user typed (core parses
 * them with the same parser the form checked them with), unticked parameters as fixed values, the engine (costs,
 * sizing, fills, exits, seed) through the backtest form's engineFromForm so both forms send the same EngineConfig.
 */
import type { CommandInput } from '../../api/client';
import { engineFromForm, type EngineForm } from '../backtest/engine-form';
import { coerceField, type ParamField, type ParamValue } from '../../lib/param-form';
import { SWEEP_CONFIRM_COMBINATIONS } from '../../../../core/api/input-limits';
import { checkGrid } from '../../lib/grid-form';

export interface SweepForm {
  datasetId: string;
  strategyId: string;
  preset: string;
  specs: Record<string, string>;
  swept: Record<string, boolean>;
  random: string;
  metric: string;
  /** costs, sizing, fills, exits and seed: the backtest form's own fields, checked by the same code */
  engine: EngineForm;
}

export type SweepRequest =
  | { input: CommandInput<'sweeps:start'>; combinations: number; needsConfirmation: boolean }
  | { errors: string[] };

export function buildSweepStart(fields: ParamField[], f: SweepForm): SweepRequest {
  const grid = checkGrid(fields, f.swept, f.specs);
  const errors = [...grid.errors];
  if (!f.datasetId) errors.push('Data set: pick one (or import data first)');
  const fixed: Record<string, ParamValue> = {};
  for (const p of fields) {
    if (f.swept[p.name]) continue;
    const raw = (f.specs[p.name] ?? '').trim();
    if (raw === '') continue; // the strategy's default applies
    const v = coerceField(p, p.kind === 'boolean' ? raw === 'true' : raw);
    if ('error' in v) errors.push(`${v.error} (held fixed)`);
    else fixed[p.name] = v.value;
  }
  const rnd = f.random.trim();
  const random = rnd ? Number(rnd) : undefined;
  if (random !== undefined && (!Number.isInteger(random) || random <= 0)) errors.push(`Random sample: a whole number above 0, or empty for the full grid (got "${f.random}")`);
  const eng = engineFromForm(f.engine);
  errors.push(...Object.values(eng.errors));
  const seed = eng.seed;
  if (errors.length) return { errors };
  const gridText: Record<string, string> = {};
  for (const p of fields) if (f.swept[p.name]) gridText[p.name] = f.specs[p.name].trim();
  const combinations = random ? Math.min(random, grid.combinations) : grid.combinations;
  return {
    input: {
      datasetId: f.datasetId,
      strategyId: f.strategyId,
      ...(f.preset ? { preset: f.preset } : {}),
      grid: gridText,
      params: fixed,
      constraints: [],
      metric: f.metric,
      seed,
      engine: eng.engine,
      wait: false,
      ...(random ? { random } : {}),
    },
    combinations,
    needsConfirmation: combinations > SWEEP_CONFIRM_COMBINATIONS,
  };
}
