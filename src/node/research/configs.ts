/**
 * The research configurations — Go/No-Go thresholds (config/gonogo.toml), portfolio recipes
 * (config/portfolio_recipes.toml) and sweep presets (config/sweeps/*.toml) — loaded once per process into the
 * handler context. Each is read on first use and then kept, so a broken file fails the commands that need it
 * (BAD_FILE naming the file and key), not the app's start.
 */
import type { GoNoGoConfig } from '../../core/research/gonogo';
import type { RecipeCheck } from '../../core/research/recipes';
import { loadGoNoGoConfig, loadRecipes } from './config-files';
import { sweepPresets, type NamedPreset } from '../sweeps/presets';

export interface ResearchConfigs {
  gonogo(): GoNoGoConfig;
  /** recipes plus the warnings of their validation (a copy: callers may append their own warnings) */
  recipes(): RecipeCheck;
  sweepPresets(): ReadonlyMap<string, NamedPreset>;
}

export function createResearchConfigs(paths: { gonogo?: string; recipes?: string } = {}): ResearchConfigs {
  let gonogo: GoNoGoConfig | undefined;
  let recipes: RecipeCheck | undefined;
  return {
    gonogo: () => (gonogo ??= loadGoNoGoConfig(paths.gonogo)),
    recipes: () => {
      recipes ??= loadRecipes(paths.recipes);
      return { ...recipes, warnings: [...recipes.warnings] };
    },
    sweepPresets: () => sweepPresets(),
  };
}
