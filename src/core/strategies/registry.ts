/**
 * Strategy registry: lookup by id, a JSON-able description of every parameter (for UI forms and the CLI's
 * `--param k=v`), and parameter resolution (string coercion → zod → cross-field constraint).
 */
import { z } from 'zod';
import { PeakError } from '../errors';
import { bollingerBands } from './bollinger-bands';
import { breakout } from './breakout';
import { breakoutDonchian } from './breakout-donchian';
import { armstrongCycle } from './armstrong-cycle';
import { bouchaudMicrostructure } from './bouchaud-microstructure';
import type { ComponentResolver } from './components';
import { createComposite } from './composite';
import { ehlersCycleFilter } from './ehlers-cycle-filter';
import { elKarouiVolModel } from './el-karoui-vol-model';
import { maCrossover } from './ma-crossover';
import { macdStrategy } from './macd';
import { meanReversion } from './mean-reversion';
import { metaLabeling } from './meta-labeling';
import { momentum1h } from './momentum-1h';
import { myStrategy } from './my-strategy';
import { createRegimeAwarePortfolio } from './regime-aware-portfolio';
import { rsiReversion } from './rsi-reversion';
import { trendFollowing } from './trend-following';
import type { StrategyDef, StrategyMeta, SweepRange, Tier } from './types';
import { volRegimeFilterStrategy } from './vol-regime-filter';
import { volBreakout } from './vol-breakout';
import { volRegimeOverlay } from './vol-regime-overlay';

/** A strategy with its parameter type erased (what the registry hands out). */
export type AnyStrategyDef = StrategyDef<Record<string, unknown>>;

const erase = <P extends Record<string, unknown>>(d: StrategyDef<P>): AnyStrategyDef => d;

export const strategies: readonly AnyStrategyDef[] = [
  erase(maCrossover),
  erase(rsiReversion),
  erase(bollingerBands),
  erase(trendFollowing),
  erase(breakout),
  erase(macdStrategy),
  erase(momentum1h),
  erase(meanReversion),
  erase(volRegimeFilterStrategy),
  erase(breakoutDonchian),
  erase(volBreakout),
  erase(myStrategy),
  // portfolio-style strategies resolve their components through this registry (hoisted function below)
  erase(createComposite(resolveComponent)),
  erase(createRegimeAwarePortfolio(resolveComponent)),
  erase(armstrongCycle),
  erase(elKarouiVolModel),
  erase(ehlersCycleFilter),
  erase(metaLabeling),
  erase(bouchaudMicrostructure),
  erase(volRegimeOverlay),
];

const byId = new Map<string, AnyStrategyDef>(strategies.map((s) => [s.meta.id, s]));

export function getStrategy(id: string): AnyStrategyDef {
  const s = byId.get(id);
  if (!s) throw new PeakError('NOT_FOUND', `unknown strategy "${id}" (valid: ${[...byId.keys()].join(', ')})`);
  return s;
}

// ---- parameter descriptions ----------------------------------------------------------------------------

export type ParamType = 'integer' | 'number' | 'boolean' | 'enum' | 'json';

/** One parameter, as plain JSON a form or a CLI parser can use. */
export interface ParamDescription {
  name: string;
  type: ParamType;
  /** null is accepted (means "off" / "use the default rule") */
  nullable: boolean;
  default: unknown;
  /** inclusive bounds unless the matching exclusive flag is set */
  min?: number;
  max?: number;
  exclusiveMin?: boolean;
  exclusiveMax?: boolean;
  /** allowed values of an enum */
  values?: string[];
  sweep?: SweepRange;
}

export interface StrategyInfo {
  meta: StrategyMeta;
  params: ParamDescription[];
  /** the full default parameter set (params.parse({})) */
  defaults: Record<string, unknown>;
  /** R&D strategies: the UI hides them unless the user asks for them */
  hiddenByDefault: boolean;
}

// The subset of JSON Schema (draft 2020-12, as zod's toJSONSchema writes it) that we read.
const JsonProp: z.ZodType<JsonPropT> = z.lazy(() =>
  z.looseObject({
    type: z.union([z.string(), z.array(z.string())]).optional(),
    default: z.unknown().optional(),
    minimum: z.number().optional(),
    maximum: z.number().optional(),
    exclusiveMinimum: z.number().optional(),
    exclusiveMaximum: z.number().optional(),
    enum: z.array(z.unknown()).optional(),
    const: z.unknown().optional(),
    anyOf: z.array(JsonProp).optional(),
  }),
);
interface JsonPropT {
  type?: string | string[];
  default?: unknown;
  minimum?: number;
  maximum?: number;
  exclusiveMinimum?: number;
  exclusiveMaximum?: number;
  enum?: unknown[];
  const?: unknown;
  anyOf?: JsonPropT[];
}
const JsonObject = z.looseObject({ properties: z.record(z.string(), JsonProp) });

function describeProp(name: string, prop: JsonPropT, sweep: SweepRange | undefined): ParamDescription {
  let nullable = false;
  let core: JsonPropT = prop;
  if (prop.anyOf) {
    const nonNull = prop.anyOf.filter((p) => p.type !== 'null');
    nullable = nonNull.length < prop.anyOf.length;
    core = nonNull.length === 1 ? nonNull[0] : { type: 'json' };
  }
  const d: ParamDescription = { name, type: 'json', nullable, default: prop.default ?? null };
  const values = core.enum ?? (typeof core.const === 'string' ? [core.const] : undefined);
  if (values) {
    d.type = 'enum';
    d.values = values.filter((v): v is string => typeof v === 'string');
  } else if (core.type === 'integer' || core.type === 'number' || core.type === 'boolean') d.type = core.type;
  if (core.minimum !== undefined) d.min = core.minimum;
  if (core.exclusiveMinimum !== undefined) { d.min = core.exclusiveMinimum; d.exclusiveMin = true; }
  if (core.maximum !== undefined) d.max = core.maximum;
  if (core.exclusiveMaximum !== undefined) { d.max = core.exclusiveMaximum; d.exclusiveMax = true; }
  if (sweep) d.sweep = sweep;
  return d;
}

const describeCache = new Map<string, ParamDescription[]>();

export function describeParams(def: AnyStrategyDef): ParamDescription[] {
  let out = describeCache.get(def.meta.id);
  if (out) return out;
  const schema = JsonObject.parse(z.toJSONSchema(def.params, { io: 'input', unrepresentable: 'any' }));
  const sweep: Partial<Record<string, SweepRange>> = def.sweep;
  out = Object.entries(schema.properties).map(([k, p]) => describeProp(k, p, sweep[k]));
  describeCache.set(def.meta.id, out);
  return out;
}

export function listStrategies(): StrategyInfo[] {
  return strategies.map((s) => ({
    meta: s.meta,
    params: describeParams(s),
    defaults: s.params.parse({}),
    hiddenByDefault: s.meta.tier === 'r_and_d',
  }));
}

// ---- parameter resolution ----------------------------------------------------------------------------

const TRUE = new Set(['true', '1', 'yes', 'on']);
const FALSE = new Set(['false', '0', 'no', 'off']);
const NULL = new Set(['null', 'none', '']);

function coerce(d: ParamDescription, raw: unknown): unknown {
  if (typeof raw !== 'string') return raw;
  const s = raw.trim();
  if (d.nullable && NULL.has(s.toLowerCase())) return null;
  switch (d.type) {
    case 'integer':
    case 'number': {
      const v = s === '' ? NaN : Number(s);
      if (!Number.isFinite(v)) throw new PeakError('BAD_INPUT', `parameter "${d.name}": expected a number, got "${raw}"`);
      return v;
    }
    case 'boolean':
      if (TRUE.has(s.toLowerCase())) return true;
      if (FALSE.has(s.toLowerCase())) return false;
      throw new PeakError('BAD_INPUT', `parameter "${d.name}": expected true or false, got "${raw}"`);
    case 'json':
      try {
        return JSON.parse(s) as unknown;
      } catch {
        throw new PeakError('BAD_INPUT', `parameter "${d.name}": expected JSON, got "${raw}"`);
      }
    default:
      return s;
  }
}

/**
 * Validate (and, for CLI strings, coerce) a parameter set. Unknown keys are rejected; missing keys take their
 * defaults. Throws PeakError BAD_INPUT naming the parameter.
 */
export function resolveParams(id: string, raw: Record<string, unknown>): Record<string, unknown> {
  const def = getStrategy(id);
  const descs = describeParams(def);
  const byName = new Map(descs.map((d) => [d.name, d]));
  const input: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(raw)) {
    const d = byName.get(k);
    if (!d) {
      throw new PeakError('BAD_INPUT', `parameter "${k}": unknown for strategy "${id}" (valid: ${descs.map((x) => x.name).join(', ')})`);
    }
    input[k] = coerce(d, v);
  }
  const r = def.params.safeParse(input);
  if (!r.success) {
    const issue = r.error.issues[0];
    const name = issue.path.length ? issue.path.map(String).join('.') : '(parameters)';
    throw new PeakError('BAD_INPUT', `parameter "${name}": ${issue.message}`, r.error.issues);
  }
  const msg = def.constraint?.(r.data) ?? null;
  if (msg !== null) throw new PeakError('BAD_INPUT', `parameters of "${id}": ${msg}`);
  return r.data;
}

/** Component resolver for composite / regime-aware strategies. */
function resolveComponent(id: string, params: Record<string, unknown>): ReturnType<ComponentResolver> {
  return { def: getStrategy(id), params: resolveParams(id, params) };
}

// ---- environment gate ------------------------------------------------------------------------------------

export const ENVIRONMENTS = ['research', 'offline_backtest', 'backtest', 'paper', 'shadow', 'testnet', 'live_dry_run', 'live'] as const;
export type StrategyEnvironment = (typeof ENVIRONMENTS)[number];
/** Environments of the live track (anything that follows a market as it happens). */
export const LIVE_LIKE: readonly StrategyEnvironment[] = ['paper', 'shadow', 'testnet', 'live_dry_run', 'live'];
const RESEARCH_ENVS: readonly StrategyEnvironment[] = ['research', 'offline_backtest', 'backtest'];

/**
 * Registry gate (SPEC §1, live policies): r_and_d strategies run only in research / offline_backtest / backtest
 * and only when research.allow_r_and_d_strategies is true; live-like environments accept core and aux only
 * (legacy and r_and_d are refused). Throws PeakError UNSAFE naming the tier, BAD_INPUT for an unknown
 * environment, NOT_FOUND for an unknown strategy.
 */
export function assertStrategyAllowed(
  id: string, environment: string, opts: { allowRandD: boolean } = { allowRandD: false },
): void {
  const def = getStrategy(id);
  if (!(ENVIRONMENTS as readonly string[]).includes(environment)) {
    throw new PeakError('BAD_INPUT', `environment "${environment}": expected one of ${ENVIRONMENTS.join(', ')}`);
  }
  const env = environment as StrategyEnvironment;
  const tier: Tier = def.meta.tier;
  if (tier === 'r_and_d') {
    if (!RESEARCH_ENVS.includes(env)) {
      throw new PeakError('UNSAFE', `strategy "${id}" is tier r_and_d: allowed only in ${RESEARCH_ENVS.join(', ')}, not in "${env}"`);
    }
    if (!opts.allowRandD) {
      throw new PeakError('UNSAFE', `strategy "${id}" is tier r_and_d: set research.allow_r_and_d_strategies = true to run it`);
    }
  }
  if (tier === 'legacy' && LIVE_LIKE.includes(env)) {
    throw new PeakError('UNSAFE', `strategy "${id}" is tier legacy: not allowed in live-like environment "${env}"`);
  }
}
