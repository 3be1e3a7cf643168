/**
 * THE one function every reader of the live environment and risk limits goes through. `base` is config.toml;
 * `reviewed` are the live overrides the governance loop writes after a person approved them (the only way a limit
 * may be LOOSENED); `tighten` comes from a contract request and may only make limits stricter or halt.
 */
import { z } from 'zod';
import type { AppConfig } from '../api/config';
import { PeakError } from '../errors';
import type { EnvironmentConfig } from './environment';
import { RISK_LIMIT_KEYS, type LiveRiskLimits, type RiskLimitKey } from './risk-limits';

export interface EffectiveLiveConfig {
  environment: EnvironmentConfig;
  risk: LiveRiskLimits;
  /** where the limits came from, for the audit snapshot (`limits_source`) */
  limitsSource: 'config' | 'config+reviewed-overrides' | 'config+tightened' | 'config+reviewed-overrides+tightened';
}

/** Reviewed overrides (governance loop output). Only numeric risk limits and the environment mode's flags. */
export interface ReviewedLiveOverrides {
  live_risk?: Partial<Pick<LiveRiskLimits, RiskLimitKey | 'warning_threshold_factor'>>;
}

export const TightenLimitsSchema = z
  .strictObject(Object.fromEntries(RISK_LIMIT_KEYS.map((k) => [k, z.number().positive().max(1e12).optional()])) as Record<RiskLimitKey, z.ZodOptional<z.ZodNumber>>)
  .partial();
export type TightenLimits = z.infer<typeof TightenLimitsSchema>;

function checkCaps(r: LiveRiskLimits, where: string): void {
  if (r.max_symbol_exposure_notional > r.max_total_exposure_notional) {
    throw new PeakError('BAD_INPUT', `${where}: max_symbol_exposure_notional (${r.max_symbol_exposure_notional}) must not exceed max_total_exposure_notional (${r.max_total_exposure_notional})`);
  }
}

export function effectiveLiveConfig(base: AppConfig, reviewed?: ReviewedLiveOverrides, tighten?: TightenLimits): EffectiveLiveConfig {
  const environment: EnvironmentConfig = { ...base.environment };
  const lr = base.live_risk;
  let risk: LiveRiskLimits = {
    enabled: lr.enabled, base_currency: lr.base_currency, max_order_notional: lr.max_order_notional,
    max_symbol_exposure_notional: lr.max_symbol_exposure_notional, max_total_exposure_notional: lr.max_total_exposure_notional,
    max_open_positions: lr.max_open_positions, max_daily_loss_abs: lr.max_daily_loss_abs, max_daily_loss_pct: lr.max_daily_loss_pct,
    block_on_violation: lr.block_on_violation, warning_threshold_factor: lr.warning_threshold_factor,
  };
  let src: EffectiveLiveConfig['limitsSource'] = 'config';
  if (reviewed?.live_risk && Object.keys(reviewed.live_risk).length > 0) {
    risk = { ...risk, ...reviewed.live_risk };
    checkCaps(risk, 'live overrides');
    src = 'config+reviewed-overrides';
  }
  if (tighten) {
    for (const k of RISK_LIMIT_KEYS) {
      const v = tighten[k];
      if (v === undefined) continue;
      if (v > risk[k]) {
        throw new PeakError('BAD_INPUT', `riskLimits.${k}: ${v} would loosen the limit (${risk[k]}); a request may only tighten limits — loosening goes through the reviewed governance loop`);
      }
      risk = { ...risk, [k]: v };
    }
    if (Object.values(tighten).some((v) => v !== undefined)) src = src === 'config' ? 'config+tightened' : 'config+reviewed-overrides+tightened';
    checkCaps(risk, 'riskLimits');
  }
  return { environment, risk, limitsSource: src };
}
