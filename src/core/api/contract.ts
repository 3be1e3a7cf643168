/**
 * THE contract between processes: every command (`noun:verb`: zod input, zod output, doc) and every push event,
 * declared once in ./commands/<domain>.ts and assembled here. IPC channels, the preload's function list, the
 * browser twin's routes, the renderer client's types, the handler map and the CLI all derive from it.
 *
 * Adding a domain: write ./commands/<domain>.ts with `defineDomain({ commands, events })`, add ONE line to
 * `domains` below, and add its names to ./names.ts (checked at compile time at the bottom of this file).
 */
import type { z } from 'zod';
import type { PeakErrorCode } from '../errors';
import type { CommandSpec, Domain } from './define';
import { appDomain } from './commands/app';
import { jobsDomain } from './commands/jobs';
import { dataDomain } from './commands/data';
import { strategiesDomain } from './commands/strategies';
import { backtestDomain } from './commands/backtest';
import { runsDomain } from './commands/runs';
import { researchDomain } from './commands/research';
import { sweepsDomain } from './commands/sweeps';
import { settingsDomain } from './commands/settings';
import { drillsDomain } from './commands/drills';
import { governanceDomain } from './commands/governance';
import { automationDomain } from './commands/automation';
import { liveDomain } from './commands/live';
import { auditDomain } from './commands/audit';
import { clusterDomain } from './commands/cluster';
import { gonogoDomain } from './commands/gonogo';
import { chartsDomain } from './commands/charts';
import { commandNames, eventNames } from './names';

const domains = {
  app: appDomain,
  jobs: jobsDomain,
  data: dataDomain,
  strategies: strategiesDomain,
  backtest: backtestDomain,
  runs: runsDomain,
  research: researchDomain,
  sweeps: sweepsDomain,
  settings: settingsDomain,
  drills: drillsDomain,
  governance: governanceDomain,
  automation: automationDomain,
  live: liveDomain,
  audit: auditDomain,
  cluster: clusterDomain,
  gonogo: gonogoDomain,
  charts: chartsDomain,
} satisfies Record<string, Domain>;

type Domains = typeof domains;
type UnionToIntersection<U> = (U extends unknown ? (x: U) => void : never) extends (x: infer I) => void ? I : never;
type Flatten<T> = { [K in keyof T]: T[K] };

export type Commands = Flatten<UnionToIntersection<Domains[keyof Domains]['commands']>>;
export type Events = Flatten<UnionToIntersection<Domains[keyof Domains]['events']>>;

function merge<K extends 'commands' | 'events'>(key: K): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [domain, d] of Object.entries(domains) as [string, Domain][]) {
    for (const [name, spec] of Object.entries(d[key])) {
      if (name in out) throw new Error(`contract: ${key.slice(0, -1)} "${name}" declared twice (domain ${domain})`);
      out[name] = spec;
    }
  }
  return out;
}

export const commands = merge('commands') as Commands;
export const events = merge('events') as Events;

export type CommandName = keyof Commands & string;
export type EventName = keyof Events & string;

/** What a caller passes (defaults may be omitted). */
export type CommandInput<K extends CommandName> = z.input<Commands[K]['input']>;
/** What a handler receives after parsing (defaults filled in). */
export type CommandParsedInput<K extends CommandName> = z.output<Commands[K]['input']>;
export type CommandOutput<K extends CommandName> = z.output<Commands[K]['output']>;
export type EventPayload<K extends EventName> = z.output<Events[K]>;

export interface ApiError {
  code: PeakErrorCode;
  message: string;
}
export type ApiResult<T> = { ok: true; value: T } | { ok: false; error: ApiError };

export const isCommandName = (name: string): name is CommandName => Object.prototype.hasOwnProperty.call(commands, name);
export const isEventName = (name: string): name is EventName => Object.prototype.hasOwnProperty.call(events, name);

export function commandSpec<K extends CommandName>(name: K): Commands[K] {
  return commands[name];
}
export const commandDoc = (name: CommandName): string => (commands[name] as CommandSpec).doc;

// ---- compile-time check: names.ts lists exactly the contract's keys -------------------------------------
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const commandNamesMatch: Same<(typeof commandNames)[number], CommandName> = true;
const eventNamesMatch: Same<(typeof eventNames)[number], EventName> = true;
void commandNamesMatch;
void eventNamesMatch;
