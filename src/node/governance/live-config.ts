/**
 * The config loader's governance step: in a live-like environment the overrides file is applied over the base
 * (app config + live_params); paper reads the base alone; the kill switch makes every environment read the base.
 * Reports, per key, the base value, the override (if any), the effective value and its source.
 */
import { getDotted, applyLiveOverrides, flattenConfig, type GovernanceEnvironment, type ValueSource } from '../../core/governance/overrides';
import { encodeValue, type PatchValue } from '../../core/governance/model';
import { sha256Hex } from '../db/hash';
import { killSwitchOf, liveBase, type GovernanceDeps } from './deps';

export interface EffectiveKey {
  key: string;
  base: PatchValue;
  override: PatchValue | null;
  effective: PatchValue;
  source: ValueSource;
}

export interface EffectiveConfig {
  environment: GovernanceEnvironment;
  liveLike: boolean;
  killSwitch: boolean;
  /** whether the overrides are applied in this environment now */
  applied: boolean;
  version: number;
  file: string;
  warnings: string[];
  keys: EffectiveKey[];
  /** the whole effective config (governance keys + app config) for the live track */
  effective: Record<string, unknown>;
}

export function loadEffectiveLiveConfig(d: GovernanceDeps, environment?: GovernanceEnvironment): EffectiveConfig {
  const env = environment ?? d.environment();
  const kill = killSwitchOf(d.repo).on;
  const file = d.overrides.readFile();
  const current = d.overrides.current();
  // fail closed: a file that is not byte for byte the current recorded version (edited by hand, swapped, or
  // deleted) is not applied — only writes that went through the policy and the audit log ever take effect
  const tampered = file.warning === null && (file.bytes === null ? current.version > 0 : sha256Hex(file.bytes) !== current.sha256);
  const values = kill || tampered ? {} : file.values;
  const base = liveBase(d);
  const r = applyLiveOverrides(base, values, env);
  const warnings = [...(file.warning ? [file.warning] : []), ...(kill ? ['governance kill switch is on: overrides ignored'] : []),
    ...(tampered ? [`live_overrides/auto.toml is not the recorded version v${current.version} (changed outside the governance loop): overrides ignored`] : []),
    ...(r.liveLike ? r.ignored.map((i) => `override ${i.key} ignored: ${i.reason}`) : [])];
  // the view lists the live-tunable keys and every overridden key (not the whole app config: it holds secrets)
  const keys = [...new Set([...Object.keys(flattenConfig(d.liveParams)), ...Object.keys(file.values)])].sort();
  return {
    environment: env, liveLike: r.liveLike, killSwitch: kill, applied: r.liveLike && !kill && !tampered, version: current.version,
    file: 'live_overrides/auto.toml', warnings,
    keys: keys.map((key) => {
      const b = getDotted(base, key);
      const e = getDotted(r.effective, key);
      return { key, base: encodeValue(b ?? null), override: Object.hasOwn(file.values, key) ? file.values[key] : null, effective: encodeValue(e ?? null), source: r.sources[key] ?? 'base' };
    }),
    effective: r.effective,
  };
}
