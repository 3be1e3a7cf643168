import { create } from 'zustand';
import { api, type CommandInput, type CommandOutput } from '../api/client';

export type RunDetail = CommandOutput<'runs:get'>;
export type EngineForm = {
  preset: 'default' | 'backtesting-py';
  cash: string;
  feeBps: string;
  slippageBps: string;
  sizing: 'fraction' | 'all_in_units' | 'fixed_notional';
  fraction: string;
  notional: string;
  fill: 'next_open' | 'close';
  slPct: string;
  tpPct: string;
  trailPct: string;
  finalize: boolean;
  seed: string;
};

/** Preset defaults (SPEC §2, config.toml [backtest]); switching the preset resets the engine form to these. */
export function engineDefaults(preset: EngineForm['preset']): EngineForm {
  const common = { cash: '10000', fraction: '1', notional: '1000', slPct: '', tpPct: '', trailPct: '', seed: '42' };
  return preset === 'backtesting-py'
    ? { ...common, preset, feeBps: '0', slippageBps: '0', sizing: 'all_in_units', fill: 'next_open', finalize: false }
    : { ...common, preset, feeBps: '10', slippageBps: '5', sizing: 'fraction', fill: 'next_open', finalize: true };
}

type EngineInput = NonNullable<CommandInput<'backtest:run'>['engine']>;

/**
 * Engine form → EngineConfig patch. Fees and slippage are entered in basis points (10 bps = 0.001) and SL/TP/trail
 * in percent (2 = 2 %), converted here to the engine's fractions. Returns per-field errors naming the field.
 */
export function engineFromForm(f: EngineForm): { engine: EngineInput; seed: number; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const num = (k: keyof EngineForm, label: string, opts: { min?: number; optional?: boolean; int?: boolean } = {}): number | null => {
    const raw = String(f[k]).trim();
    if (raw === '' && opts.optional) return null;
    const v = Number(raw);
    if (raw === '' || !Number.isFinite(v)) errors[k] = `${label}: expected a number, got "${raw}"`;
    else if (opts.int && !Number.isInteger(v)) errors[k] = `${label}: expected an integer, got ${raw}`;
    else if (opts.min !== undefined && v < opts.min) errors[k] = `${label}: must be ≥ ${opts.min}`;
    else return v;
    return null;
  };
  const cash = num('cash', 'Cash', { min: 0.01 });
  const fee = num('feeBps', 'Fee (bps)', { min: 0 });
  const slip = num('slippageBps', 'Slippage (bps)', { min: 0 });
  const sl = num('slPct', 'Stop-loss %', { min: 0, optional: true });
  const tp = num('tpPct', 'Take-profit %', { min: 0, optional: true });
  const tr = num('trailPct', 'Trailing stop %', { min: 0, optional: true });
  const seed = num('seed', 'Seed', { int: true }) ?? 0;
  let sizing: EngineInput['sizing'];
  if (f.sizing === 'fraction') sizing = { mode: 'fraction', fraction: num('fraction', 'Fraction', { min: 0.0001 }) ?? 1 };
  else if (f.sizing === 'fixed_notional') sizing = { mode: 'fixed_notional', notional: num('notional', 'Notional', { min: 0.01 }) ?? 1 };
  else sizing = { mode: 'all_in_units' };
  const pct = (v: number | null) => (v === null || v === 0 ? null : v / 100);
  return {
    engine: {
      preset: f.preset,
      cash: cash ?? 10000,
      commission: (fee ?? 0) / 10_000,
      slippage: (slip ?? 0) / 10_000,
      fill: f.fill,
      sizing,
      stopLossPct: pct(sl),
      takeProfitPct: pct(tp),
      trailingStopPct: pct(tr),
      finalize: f.finalize,
    },
    seed,
    errors,
  };
}

interface BacktestState {
  datasetId: string;
  strategyId: string;
  showRnd: boolean;
  engine: EngineForm;
  running: boolean;
  error: unknown;
  result: RunDetail | null;
  set(p: Partial<Pick<BacktestState, 'datasetId' | 'strategyId' | 'showRnd' | 'engine' | 'result' | 'error'>>): void;
  run(input: CommandInput<'backtest:run'>): Promise<RunDetail | null>;
}

export const useBacktest = create<BacktestState>((set) => ({
  datasetId: '',
  strategyId: '',
  showRnd: false,
  engine: engineDefaults('default'),
  running: false,
  error: null,
  result: null,
  set(p) {
    set(p);
  },
  async run(input) {
    set({ running: true, error: null });
    try {
      const r = await api.call('backtest:run', input);
      set({ result: r, running: false });
      return r;
    } catch (e) {
      set({ error: e, running: false });
      return null;
    }
  },
}));
