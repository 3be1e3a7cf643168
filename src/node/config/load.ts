/**
 * Loads config.toml with smol-toml and validates it with the core schema. Errors name the file and the key
 * (e.g. `config/config.toml: [backtest] fee_bps: expected number, received string`). With no path, the
 * default config bundled at build time (config/config.toml) is used, so no runtime path lookup is needed.
 */
import { readFileSync } from 'node:fs';
import { parse as parseToml, TomlError } from 'smol-toml';
import type { z } from 'zod';
import { AppConfigSchema, type AppConfig } from '../../core/api/config';
import { PeakError } from '../../core/errors';
import bundledDefault from '../../../config/config.toml?raw';

export const BUNDLED_CONFIG_NAME = 'config/config.toml';

/** Formats zod issues as `<file>: [section] key: message` lines (first issue first). */
export function describeIssues(file: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const keys = i.path.map(String);
      const where = keys.length > 1 ? `[${keys[0]}] ${keys.slice(1).join('.')}` : keys.length === 1 ? keys[0] : '(root)';
      const unknown = i.code === 'unrecognized_keys' ? `: unknown key(s) ${i.keys.map((k) => `"${k}"`).join(', ')}` : `: ${i.message}`;
      return `${file}: ${where}${unknown}`;
    })
    .join('; ');
}

export function parseConfigText(text: string, file: string): AppConfig {
  let raw: unknown;
  try {
    raw = parseToml(text);
  } catch (e) {
    const where = e instanceof TomlError ? ` line ${e.line}, column ${e.column}` : '';
    throw new PeakError('BAD_FILE', `${file}:${where} ${(e as Error).message.split('\n')[0]}`);
  }
  const r = AppConfigSchema.safeParse(raw);
  if (!r.success) throw new PeakError('BAD_FILE', describeIssues(file, r.error.issues));
  return r.data;
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
