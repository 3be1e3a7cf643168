/**
 * Data forms → contract inputs, checked with the contract's own input schemas (SynthInputSchema, data:download's
 * input) and reported per form field. Pure, unit-tested.
 */
import { SynthInputSchema } from '../../../../core/api/commands/data';
import { commandSpec } from '../../../../core/api/contract';
import type { CommandInput, CommandOutput } from '../../api/client';
import { numberOrUndefined, validateWith, type Validated } from '../../lib/form-schema';

/** What every data form produces: the stored (or already stored) data set. */
export type Created = CommandOutput<'data:import'>;

/** Strip the extension and path from a file name for a default data set name. */
export function nameFromFile(file: string): string {
  return file.replace(/^.*[\\/]/, '').replace(/\.[^.]+$/, '') || 'import';
}

export interface SynthForm {
  kind: 'regime' | 'garch';
  bars: string;
  seed: string;
  intervalMs: string;
  name: string;
}

export function buildSynth(f: SynthForm): Validated<CommandInput<'data:synth'>> {
  return validateWith(
    SynthInputSchema,
    {
      kind: f.kind,
      bars: numberOrUndefined(f.bars) ?? Number.NaN,
      seed: numberOrUndefined(f.seed) ?? Number.NaN,
      intervalMs: Number(f.intervalMs),
      ...(f.name.trim() ? { name: f.name.trim() } : {}),
    },
    { bars: { label: 'Bars' }, seed: { label: 'Seed' }, intervalMs: { label: 'Interval' }, name: { label: 'Name' }, kind: { label: 'Generator' } },
  );
}

export interface DownloadForm {
  exchange: string;
  symbol: string;
  timeframe: string;
  /** YYYY-MM-DD, UTC */
  since: string;
  until: string;
}

const DownloadInput = commandSpec('data:download').input;

/** Dates are whole UTC days; `until` is optional. */
export function buildDownload(f: DownloadForm, jobId?: string): Validated<CommandInput<'data:download'>> {
  const day = (s: string) => (/^\d{4}-\d{2}-\d{2}$/.test(s.trim()) ? Date.parse(`${s.trim()}T00:00:00Z`) : Number.NaN);
  const errors: Record<string, string> = {};
  const since = day(f.since);
  if (!Number.isFinite(since)) errors.since = `Since: expected a date YYYY-MM-DD, got "${f.since}"`;
  const until = f.until.trim() ? day(f.until) : undefined;
  if (until !== undefined && !Number.isFinite(until)) errors.until = `Until: expected a date YYYY-MM-DD, got "${f.until}"`;
  else if (until !== undefined && until <= since) errors.until = 'Until: must be after Since';
  if (Object.keys(errors).length) return { ok: false, errors };
  return validateWith(
    DownloadInput,
    { exchange: f.exchange, symbol: f.symbol.trim(), timeframe: f.timeframe, since, ...(until !== undefined ? { until } : {}), ...(jobId ? { jobId } : {}) },
    { exchange: { label: 'Exchange' }, symbol: { label: 'Symbol' }, timeframe: { label: 'Timeframe' }, since: { label: 'Since' }, until: { label: 'Until' } },
  );
}
