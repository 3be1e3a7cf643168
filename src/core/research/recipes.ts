/**
 * Portfolio recipes (config/portfolio_recipes.toml; SPEC §3). A recipe names its members either explicitly
 * (`strategies` = strategy preset names, or bare strategy ids meaning default parameters) with `weights` of the
 * same length, or as the top `top_n` of a sweep preset (`sweep_name`) with len(weights) = top_n.
 *
 * Validation (SPEC §3): weights ≥ 0; a sum off 1 by more than 0.01 only WARNS (weights are normalised anyway);
 * mc_num_runs requires run_montecarlo; stress_* requires run_stress_tests; stress_severity ∈ [0, 1];
 * format md | html | both. Unknown keys are errors naming the recipe and key.
 */
import { z } from 'zod';
import { PeakError } from '../errors';
import { ALLOCATION_METHODS } from './portfolio';
import { STRESS_KINDS } from './stress';

export const RecipeSchema = z.strictObject({
  portfolio_name: z.string().min(1),
  description: z.string().default(''),
  strategies: z.array(z.string().min(1)).optional(),
  sweep_name: z.string().min(1).optional(),
  top_n: z.number().int().positive().optional(),
  weights: z.array(z.number().min(0, 'weights must be ≥ 0')),
  allocation: z.enum(ALLOCATION_METHODS).default('manual'),
  allocation_estimation_bars: z.number().int().min(2).optional(),
  risk_profile: z.enum(['conservative', 'moderate', 'aggressive']),
  /** informational drawdown target of the v1.1 recipes (fraction, e.g. 0.10) */
  max_drawdown_target: z.number().min(0).max(1).optional(),
  run_montecarlo: z.boolean().default(false),
  mc_num_runs: z.number().int().positive().optional(),
  mc_method: z.enum(['iid', 'block', 'trade_shuffle']).optional(),
  run_stress_tests: z.boolean().default(false),
  stress_scenarios: z.array(z.enum(STRESS_KINDS)).optional(),
  stress_severity: z.number().min(0, 'stress_severity must be in [0, 1]').max(1, 'stress_severity must be in [0, 1]').optional(),
  format: z.enum(['md', 'html', 'both']).default('both'),
  tags: z.array(z.string()).default([]),
});
export type Recipe = z.infer<typeof RecipeSchema> & { id: string };

export const RecipesFileSchema = z.strictObject({ recipes: z.record(z.string(), RecipeSchema) });

export interface RecipeCheck { recipes: Recipe[]; warnings: string[] }

/** Cross-field rules on parsed recipes; throws PeakError(BAD_FILE) naming the recipe and field. */
export function validateRecipes(parsed: z.infer<typeof RecipesFileSchema>, file = 'config/portfolio_recipes.toml'): RecipeCheck {
  const warnings: string[] = [];
  const recipes: Recipe[] = [];
  for (const [id, r] of Object.entries(parsed.recipes)) {
    const at = `${file}: [recipes.${id}]`;
    const hasList = r.strategies !== undefined;
    const hasSweep = r.sweep_name !== undefined || r.top_n !== undefined;
    if (hasList === hasSweep) throw new PeakError('BAD_FILE', `${at}: give either strategies (with weights) or sweep_name + top_n, not ${hasList ? 'both' : 'neither'}`);
    if (hasList && r.strategies!.length !== r.weights.length) throw new PeakError('BAD_FILE', `${at} weights: ${r.weights.length} weights for ${r.strategies!.length} strategies`);
    if (hasSweep) {
      if (r.sweep_name === undefined || r.top_n === undefined) throw new PeakError('BAD_FILE', `${at}: sweep_name and top_n go together`);
      if (r.weights.length !== r.top_n) throw new PeakError('BAD_FILE', `${at} weights: ${r.weights.length} weights for top_n = ${r.top_n}`);
    }
    const sum = r.weights.reduce((a, b) => a + b, 0);
    if (!(sum > 0)) throw new PeakError('BAD_FILE', `${at} weights: sum to 0`);
    if (Math.abs(sum - 1) > 0.01) warnings.push(`${at} weights sum to ${+sum.toFixed(4)} (not 1); they are normalised`);
    if (r.mc_num_runs !== undefined && !r.run_montecarlo) throw new PeakError('BAD_FILE', `${at} mc_num_runs: requires run_montecarlo = true`);
    if ((r.stress_scenarios !== undefined || r.stress_severity !== undefined) && !r.run_stress_tests) throw new PeakError('BAD_FILE', `${at} stress_*: requires run_stress_tests = true`);
    recipes.push({ ...r, id });
  }
  return { recipes, warnings };
}

/** Checks that every explicit member names a known preset or strategy id. */
export function checkRecipeMembers(recipe: Recipe, known: (name: string) => boolean): void {
  for (const s of recipe.strategies ?? []) {
    if (!known(s)) throw new PeakError('NOT_FOUND', `recipe ${recipe.id}: unknown strategy preset '${s}'`);
  }
}
