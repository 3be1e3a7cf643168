/**
 * Loads config/gonogo.toml and config/portfolio_recipes.toml (bundled at build time; a path may override) and
 * validates them with the core schemas. Errors name the file and key.
 */
import { readFileSync } from 'node:fs';
import { PeakError } from '../../core/errors';
import { GoNoGoConfigSchema, type GoNoGoConfig } from '../../core/research/gonogo';
import { RecipesFileSchema, validateRecipes, type RecipeCheck } from '../../core/research/recipes';
import { readToml } from '../config/toml';
import bundledGoNoGo from '../../../config/gonogo.toml?raw';
import bundledRecipes from '../../../config/portfolio_recipes.toml?raw';

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new PeakError('BAD_FILE', `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export function loadGoNoGoConfig(path?: string): GoNoGoConfig {
  return path === undefined ? readToml(GoNoGoConfigSchema, bundledGoNoGo, 'config/gonogo.toml') : readToml(GoNoGoConfigSchema, readText(path), path);
}

export function loadRecipes(path?: string): RecipeCheck {
  const file = path ?? 'config/portfolio_recipes.toml';
  return validateRecipes(readToml(RecipesFileSchema, path === undefined ? bundledRecipes : readText(path), file), file);
}
