/**
 * Loads config/gonogo.toml and config/portfolio_recipes.toml (bundled at build time; a path may override) and
 * validates them with the core schemas. Errors name the file and key.
 */
import { readFileSync } from 'node:fs';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { z } from 'zod';
import { PeakError } from '../../core/errors';
import { GoNoGoConfigSchema, type GoNoGoConfig } from '../../core/research/gonogo';
import { RecipesFileSchema, validateRecipes, type RecipeCheck } from '../../core/research/recipes';
import { describeIssues } from '../config/load';
import bundledGoNoGo from '../../../config/gonogo.toml?raw';
import bundledRecipes from '../../../config/portfolio_recipes.toml?raw';

function parseWith<S extends z.ZodType>(schema: S, text: string, file: string): z.output<S> {
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (e) {
    const where = e instanceof TomlError ? ` line ${e.line}, column ${e.column}` : '';
    throw new PeakError('BAD_FILE', `${file}:${where} ${(e as Error).message.split('\n')[0]}`);
  }
  const r = schema.safeParse(raw);
  if (!r.success) throw new PeakError('BAD_FILE', describeIssues(file, r.error.issues));
  return r.data;
}

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new PeakError('BAD_FILE', `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export function loadGoNoGoConfig(path?: string): GoNoGoConfig {
  return path === undefined ? parseWith(GoNoGoConfigSchema, bundledGoNoGo, 'config/gonogo.toml') : parseWith(GoNoGoConfigSchema, readText(path), path);
}

export function loadRecipes(path?: string): RecipeCheck {
  const file = path ?? 'config/portfolio_recipes.toml';
  return validateRecipes(parseWith(RecipesFileSchema, path === undefined ? bundledRecipes : readText(path), file), file);
}
