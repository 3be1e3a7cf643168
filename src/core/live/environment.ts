/**
 * Environments, the effective mode and the five live gates (SPEC §6). Pure: the caller passes the environment
 * section it got from effectiveLiveConfig (./effective-config.ts), never process state.
 *
 * Gates, in the SPEC's order (each failing one adds a reason; `isLiveExecutionAllowed` returns them ALL so an
 * operator sees everything that keeps live closed, not only the first):
 *   environment        mode must be `live` (paper · shadow · testnet · live_dry_run never place orders)
 *   enable_live_trading  Gate 1
 *   live_mode_armed      Gate 2
 *   live_dry_run_mode    must be false
 *   confirm_token        must equal CONFIRM_TOKEN when require_confirm_token
 * Passing every gate does NOT place orders in this version: SafetyGuard (./guard.ts) still refuses ("LIVE LOCKED").
 */
import { z } from 'zod';

export const ENVIRONMENTS = ['paper', 'shadow', 'testnet', 'live_dry_run', 'live'] as const;
export const EnvironmentModeSchema = z.enum(ENVIRONMENTS);
export type EnvironmentMode = z.infer<typeof EnvironmentModeSchema>;

export const EFFECTIVE_MODES = ['paper', 'shadow', 'dry_run', 'live_dry_run', 'live', 'blocked'] as const;
export type EffectiveMode = (typeof EFFECTIVE_MODES)[number];

/** The token an operator must type; the configured value is compared with it and never exported. */
export const CONFIRM_TOKEN = 'I_KNOW_WHAT_I_AM_DOING';

export interface EnvironmentConfig {
  mode: EnvironmentMode;
  enable_live_trading: boolean;
  require_confirm_token: boolean;
  confirm_token?: string | undefined;
  testnet_dry_run: boolean;
  log_all_orders: boolean;
  live_mode_armed: boolean;
  live_dry_run_mode: boolean;
  bounded_pilot_mode: boolean;
}

export const GATE_NAMES = ['environment', 'enable_live_trading', 'live_mode_armed', 'live_dry_run_mode', 'confirm_token'] as const;
export type GateName = (typeof GATE_NAMES)[number];

export interface GateState {
  gate: GateName;
  /** what the gate reads, as shown to the operator (the token is shown as present/absent/wrong, never its value) */
  value: string;
  pass: boolean;
  /** why the gate blocks; null when it passes */
  reason: string | null;
}

export interface LiveDecision {
  allowed: boolean;
  effectiveMode: EffectiveMode;
  gates: GateState[];
  /** every failing gate's reason, in gate order */
  reasons: string[];
}

/** SPEC §6: paper → paper; testnet → dry_run; live → live_dry_run | live (bounded pilot) | blocked. */
export function effectiveMode(env: EnvironmentConfig): EffectiveMode {
  switch (env.mode) {
    case 'paper': return 'paper';
    case 'shadow': return 'shadow';
    case 'testnet': return 'dry_run';
    case 'live_dry_run': return 'live_dry_run';
    case 'live':
      if (env.live_dry_run_mode) return 'live_dry_run';
      return env.bounded_pilot_mode ? 'live' : 'blocked';
  }
}

function tokenState(env: EnvironmentConfig): { value: string; ok: boolean } {
  if (!env.require_confirm_token) return { value: 'not required', ok: true };
  if (env.confirm_token === undefined || env.confirm_token === '') return { value: 'missing', ok: false };
  return env.confirm_token === CONFIRM_TOKEN ? { value: 'valid', ok: true } : { value: 'wrong', ok: false };
}

/** Every gate with its value and reason. Reasons carry `key=value` so drills can match them (SPEC §6 drills). */
export function evaluateGates(env: EnvironmentConfig): GateState[] {
  const tok = tokenState(env);
  const g = (gate: GateName, value: string, pass: boolean, reason: string): GateState => ({ gate, value, pass, reason: pass ? null : reason });
  return [
    g('environment', env.mode, env.mode === 'live', `environment is not LIVE (mode=${env.mode})`),
    g('enable_live_trading', String(env.enable_live_trading), env.enable_live_trading, 'Gate 1 closed: enable_live_trading=False'),
    g('live_mode_armed', String(env.live_mode_armed), env.live_mode_armed, 'Gate 2 closed: live_mode_armed=False'),
    g('live_dry_run_mode', String(env.live_dry_run_mode), !env.live_dry_run_mode, 'dry-run enforced: live_dry_run_mode=True'),
    g('confirm_token', tok.value, tok.ok, `confirm_token ${tok.value}: set it to the documented confirmation phrase`),
  ];
}

/** SPEC `is_live_execution_allowed`: allowed only when every gate passes; returns every reason. */
export function isLiveExecutionAllowed(env: EnvironmentConfig): LiveDecision {
  const gates = evaluateGates(env);
  const reasons = gates.filter((x) => !x.pass).map((x) => x.reason as string);
  return { allowed: reasons.length === 0, effectiveMode: effectiveMode(env), gates, reasons };
}
