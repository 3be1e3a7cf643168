/** Helpers shared by subcommands: data set resolution (--data <csv path | id | name>) and error rewording. */
import { existsSync, statSync } from 'node:fs';
import type { DatasetSummary } from '../../core/api/schemas';
import { isPeakError, PeakError } from '../../core/errors';
import type { CliContext } from '../context';

/**
 * `--data` takes a CSV path (imported into the store, deduplicated by content hash), a data set id, or an exact
 * data set name. Returns the data set and whether this call imported it.
 */
export async function resolveDataArg(ctx: CliContext, arg: string, flag = '--data'): Promise<{ dataset: DatasetSummary; imported: boolean }> {
  const p = ctx.path(arg);
  if (existsSync(p) && statSync(p).isFile()) {
    const r = await ctx.call('data:import', { path: p });
    return { dataset: r.dataset, imported: r.created };
  }
  const store = ctx.services().store;
  const byId = store.datasets.get(arg);
  if (byId) return { dataset: byId, imported: false };
  const byName = store.datasets.findByName(arg);
  if (byName.length > 0) return { dataset: byName[0], imported: false };
  if (/[/\\]|\.csv$/i.test(arg)) throw new PeakError('BAD_INPUT', `${flag}: file not found: ${arg}`);
  throw new PeakError('BAD_INPUT', `${flag}: "${arg}" is neither a CSV file nor a data set id or name (see \`peak data list\`)`);
}

/** Re-words the registry's `parameter "x": …` errors as `--param x: …` (the flag the user typed). */
export function asParamFlagError(e: unknown): unknown {
  if (!isPeakError(e) || e.code !== 'BAD_INPUT') return e;
  const m = /^(?:backtest:run: params\.)?parameter "([^"]+)": (.*)$/s.exec(e.message);
  if (m) return new PeakError('BAD_INPUT', `--param ${m[1]}: ${m[2]}`);
  const c = /^parameters of "[^"]+": (.*)$/s.exec(e.message);
  if (c) return new PeakError('BAD_INPUT', `--param: ${c[1]}`);
  return e;
}
