/**
 * Loads config/promotion_loop.toml (policy) and config/live_params.toml (the live-tunable base values), bundled
 * at build time; a path may replace either (tests, `--policy`). Errors name the file and the key.
 */
import { readFileSync } from 'node:fs';
import { readToml } from '../config/toml';
import { z } from 'zod';
import { PeakError } from '../../core/errors';
import { PolicyConfigSchema, type PolicyConfig } from '../../core/governance/policy-config';
import bundledPolicy from '../../../config/promotion_loop.toml?raw';
import bundledLiveParams from '../../../config/live_params.toml?raw';

const parseWith = readToml;

function readText(path: string): string {
  try {
    return readFileSync(path, 'utf8');
  } catch (e) {
    throw new PeakError('BAD_FILE', `${path}: cannot read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`);
  }
}

export const parsePolicyText = (text: string, file: string): PolicyConfig => parseWith(PolicyConfigSchema, text, file);

export function loadPolicyConfig(path?: string): PolicyConfig {
  return path === undefined ? parsePolicyText(bundledPolicy, 'config/promotion_loop.toml') : parsePolicyText(readText(path), path);
}

/** Nested tables of numbers, strings and booleans (no arrays: every leaf is one dotted key). */
type LiveTree = { [k: string]: number | string | boolean | LiveTree };
const LiveTreeSchema: z.ZodType<LiveTree> = z.lazy(() => z.record(z.string().regex(/^[a-z0-9_]+$/), z.union([z.number().finite(), z.string(), z.boolean(), LiveTreeSchema])));
export type LiveParams = LiveTree;

export function loadLiveParams(path?: string): LiveParams {
  return path === undefined ? parseWith(LiveTreeSchema, bundledLiveParams, 'config/live_params.toml') : parseWith(LiveTreeSchema, readText(path), path);
}
