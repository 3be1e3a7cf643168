/**
 * Loads config.toml with smol-toml and validates it with the core schema. Errors name the file and the key
 * (e.g. `config/config.toml: [backtest] fee_bps: expected number, received string`). With no path, the
 * default config bundled at build time (config/config.toml) is used, so no runtime path lookup is needed.
 */
import { readFileSync } from 'node:fs';
import { AppConfigSchema, type AppConfig } from '../../core/api/config';
import { PeakError } from '../../core/errors';
import { readToml } from './toml';
import bundledDefault from '../../../config/config.toml?raw';

export const BUNDLED_CONFIG_NAME = 'config/config.toml';

export { describeIssues } from './toml';

export function parseConfigText(text: string, file: string): AppConfig {
  return readToml(AppConfigSchema, text, file);
}

export function loadConfig(path?: string): AppConfig {
  if (path === undefined) return parseConfigText(bundledDefault, BUNDLED_CONFIG_NAME);
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (e) {
    throw new PeakError('BAD_FILE', `${path}: cannot read config (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
  return parseConfigText(text, path);
}
