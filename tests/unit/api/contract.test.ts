import { describe, expect, expectTypeOf, it } from 'vitest';
import { canonicalJson } from '../../../src/core/hash';
import { commands, events, type CommandInput, type CommandOutput, type EventPayload } from '../../../src/core/api/contract';
import { commandNames, eventNames } from '../../../src/core/api/names';
import { resolveEngineConfig } from '../../../src/core/api/engine-config';
import { parseConfigText, loadConfig } from '../../../src/node/config/load';

describe('contract', () => {
  it('names.ts lists exactly the contract keys (runtime twin of the compile-time check)', () => {
    expect([...commandNames].sort()).toEqual(Object.keys(commands).sort());
    expect([...eventNames].sort()).toEqual(Object.keys(events).sort());
    for (const n of commandNames) expect(n).toMatch(/^[a-z]+:[a-z-]+$/);
    for (const [n, spec] of Object.entries(commands)) expect((spec as { doc: string }).doc.length, n).toBeGreaterThan(10);
  });

  it('derives input/output/event types from the zod schemas', () => {
    expectTypeOf<CommandInput<'runs:get'>>().toEqualTypeOf<{ id: number }>();
    expectTypeOf<CommandOutput<'data:delete'>>().toEqualTypeOf<{ deleted: boolean; runsDeleted: number }>();
    expectTypeOf<EventPayload<'jobs:did-progress'>['etaSec']>().toEqualTypeOf<number | null>();
  });

  it('fills defaults when parsing input', () => {
    expect(commands['runs:list'].input.parse(undefined)).toMatchObject({ sortBy: 'createdAt', desc: true, limit: 50, offset: 0 });
    expect(commands['backtest:run'].input.parse({ datasetId: 'd', strategyId: 's' })).toMatchObject({ params: {}, engine: {}, save: true });
    expect(commands['data:import'].input.safeParse({ csvText: 'x' }).success).toBe(false); // csvText needs a name
  });

  it('resolves engine configs from presets (backtesting-py: 0 commission, all-in units, finalize off)', () => {
    expect(resolveEngineConfig({ preset: 'backtesting-py' })).toMatchObject({ commission: 0, slippage: 0, sizing: { mode: 'all_in_units' }, finalize: false, fill: 'next_open' });
    expect(resolveEngineConfig({ preset: 'backtesting-py', finalize: true, commission: 0.002 })).toMatchObject({ finalize: true, commission: 0.002 });
    expect(resolveEngineConfig({})).toMatchObject({ preset: 'default', commission: 0.001, slippage: 0.0005, finalize: true });
  });

  it('canonical JSON sorts keys at every depth and rejects non-finite numbers', () => {
    expect(canonicalJson({ b: 1, a: { d: [1, { z: 0, y: -0 }], c: 'x' } })).toBe('{"a":{"c":"x","d":[1,{"y":0,"z":0}]},"b":1}');
    expect(canonicalJson({ a: undefined, b: null })).toBe('{"b":null}');
    expect(() => canonicalJson({ x: NaN })).toThrow(/\$\.x/);
  });
});

describe('config', () => {
  it('loads the bundled config.toml with SPEC defaults', () => {
    const c = loadConfig();
    expect(c.backtest).toMatchObject({ initial_cash: 10000, fee_bps: 10, slippage_bps: 5 });
    expect(c.environment).toMatchObject({ mode: 'paper', enable_live_trading: false, require_confirm_token: true, live_mode_armed: false, live_dry_run_mode: true, bounded_pilot_mode: false });
    expect(c.environment.confirm_token).toBeUndefined();
    expect(c.validation).toMatchObject({ min_sharpe: 1.5, max_drawdown: -0.15, min_trades: 50, min_profit_factor: 1.3 });
  });

  it('names the file and key of a bad value, an unknown key, and a TOML syntax error', () => {
    expect(() => parseConfigText('[backtest]\nfee_bps = "ten"\n', 'my.toml')).toThrow(/^my\.toml: \[backtest\] fee_bps: /);
    expect(() => parseConfigText('[backtest]\nfees = 3\n', 'my.toml')).toThrow(/my\.toml: .*backtest.*"fees"/);
    expect(() => parseConfigText('[live_risk]\nmax_symbol_exposure_notional = 2000\n', 'my.toml')).toThrow(/\[live_risk\] max_symbol_exposure_notional: must not exceed/);
    expect(() => parseConfigText('[backtest\n', 'my.toml')).toThrow(/^my\.toml: line 1/);
    expect(() => loadConfig('/nonexistent/peak.toml')).toThrow(/\/nonexistent\/peak\.toml: cannot read config/);
  });
});
