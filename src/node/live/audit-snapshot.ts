/**
 * The audit snapshot (SPEC §6 fields + sessions, gate decisions, risk state, drill results, config hashes, app
 * version): snapshot.json, snapshot.md and MANIFEST.sha256 (sha256 of each file). Secrets never leave: the whole
 * snapshot passes redactSecrets, the confirm token is reduced to `confirm_token_present`, and a final scan
 * refuses to write anything that still contains a configured secret value (defence in depth).
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { createHash } from 'node:crypto';
import type { AppConfig } from '../../core/api/config';
import { canonicalJson } from '../../core/hash';
import { DRILL_IDS } from '../../core/live/drills';
import { isLiveExecutionAllowed } from '../../core/live/environment';
import { LIVE_LOCKED_REASON } from '../../core/live/guard';
import { PeakError } from '../../core/errors';
import { REDACTED, redactSecrets } from '../../core/safety/redact';
import type { HandlerContext } from '../api/context';
import type { LiveSessionService } from './session-service';

export interface SnapshotFile { name: string; bytes: number; sha256: string; content: string }

const sha = (s: string): string => createHash('sha256').update(s).digest('hex');

/** every configured secret value (to prove none is written) */
export function configuredSecrets(c: AppConfig): string[] {
  const out: string[] = [];
  if (c.environment.confirm_token) out.push(c.environment.confirm_token);
  for (const s of c.live_alerts.sinks) {
    if (!s.url) continue;
    try {
      const u = new URL(s.url);
      if (u.password) out.push(decodeURIComponent(u.password));
      if (u.username) out.push(decodeURIComponent(u.username));
      for (const v of u.searchParams.values()) if (v.length >= 6) out.push(v);
      const parts = u.pathname.split('/').filter((p) => p.length >= 12);
      out.push(...parts);
    } catch { /* a bad URL was refused at config load */ }
  }
  return out.filter((s) => s.length >= 4);
}

export function buildSnapshot(ctx: HandlerContext, live: LiveSessionService): { stamp: string; files: SnapshotFile[] } {
  const now = ctx.clock();
  const stamp = new Date(now).toISOString().replace(/[:.]/g, '-');
  const eff = live.liveConfig();
  const env = eff.environment;
  const d = isLiveExecutionAllowed(env);
  const sessions = live.repo.list({ limit: 1000 }).sessions;
  const redactedConfig = redactSecrets({ ...ctx.config, environment: { ...ctx.config.environment, confirm_token: undefined } });
  const snap = {
    timestamp_utc: new Date(now).toISOString(),
    environment_id: `${env.mode}@${ctx.dataDir.split(/[\\/]/).pop() ?? 'peak'}`,
    app_version: ctx.version,
    gating: {
      mode: env.mode, effective_mode: d.effectiveMode, enable_live_trading: env.enable_live_trading, live_mode_armed: env.live_mode_armed,
      live_dry_run_mode: env.live_dry_run_mode, confirm_token_present: !!env.confirm_token, require_confirm_token: env.require_confirm_token,
      gates: d.gates,
    },
    risk: {
      max_live_notional_per_order: eff.risk.max_order_notional, max_live_notional_total: eff.risk.max_total_exposure_notional,
      live_trade_min_size: null, limits_enabled: eff.risk.enabled, limits_source: eff.limitsSource, limits: eff.risk,
      trading_state: live.tradingStatus(),
    },
    drills: { available_scenarios: [...DRILL_IDS], num_scenarios: DRILL_IDS.length, drills_executable: true, results: live.repo.drills(200) },
    safety: { is_live_execution_allowed: d.allowed, reasons: d.reasons, safety_guarantee_v1_0: `Dry-Run only: ${LIVE_LOCKED_REASON}` },
    sessions: sessions.map((s) => ({ id: s.id, name: s.name, mode: s.mode, strategy: s.strategyId, status: s.status, status_detail: s.statusDetail,
      config_hash: s.configHash, seed: s.seed, bars: s.barsDone, equity_start: s.equityStart, equity_last: s.equityLast, trades: s.tradeCount, rejected: s.rejected,
      created_at: new Date(s.createdAt).toISOString() })),
    gate_decisions: ctx.store.audit.list({ category: 'gate', limit: 500 }).map((e) => ({ seq: e.seq, ts: e.ts, allowed: e.allowed, reason: e.reason, details: e.details })),
    audit_chain: ctx.store.audit.verify(),
    config_hashes: { config: sha(canonicalJson(redactedConfig)), sessions: Object.fromEntries(sessions.map((s) => [String(s.id), s.configHash])) },
    alerts: live.repo.alerts(1, 200),
    versions: { app: ctx.version },
  };
  const safe = redactSecrets(snap);
  const json = `${JSON.stringify(safe, null, 2)}\n`;
  const md = markdown(safe);
  const files = [file('snapshot.json', json), file('snapshot.md', md)];
  const manifest = `${files.map((f) => `${f.sha256}  ${f.name}`).join('\n')}\n`;
  files.push(file('MANIFEST.sha256', manifest));
  const secrets = configuredSecrets(ctx.config);
  for (const f of files) {
    for (const s of secrets) {
      if (f.content.includes(s)) throw new PeakError('INTERNAL', `audit snapshot: refusing to write ${f.name}: it would contain a configured secret (${REDACTED})`);
    }
  }
  return { stamp, files };
}

function file(name: string, content: string): SnapshotFile {
  return { name, bytes: Buffer.byteLength(content), sha256: sha(content), content };
}

export function writeSnapshot(dir: string, files: SnapshotFile[]): string {
  mkdirSync(dir, { recursive: true });
  for (const f of files) writeFileSync(join(dir, f.name), f.content);
  return dir;
}

type Snap = ReturnType<typeof redactSecrets<Record<string, unknown>>>;

function markdown(s: Snap): string {
  const g = s.gating as Record<string, unknown>;
  const safety = s.safety as { is_live_execution_allowed: boolean; reasons: string[]; safety_guarantee_v1_0: string };
  const risk = s.risk as { limits: Record<string, unknown>; limits_source: string; trading_state: { state: string; reason: string | null } };
  const sessions = s.sessions as { id: number; name: string; mode: string; strategy: string; status: string; config_hash: string; equity_last: number; trades: number }[];
  const drills = (s.drills as { results: { drillId: string; kind: string; passed: boolean; observed: string }[] }).results;
  const chain = s.audit_chain as { ok: boolean; checked: number; headHash: string };
  const lines = [
    `# Peak Trade audit snapshot`, '', `- Time (UTC): ${String(s.timestamp_utc)}`, `- Environment: ${String(s.environment_id)}`, `- App version: ${String(s.app_version)}`, '',
    '## Safety', '', `**${safety.safety_guarantee_v1_0}**`, '', `- Live execution allowed by the gates: ${safety.is_live_execution_allowed ? 'yes (still LIVE LOCKED)' : 'no'}`,
    ...safety.reasons.map((r) => `  - ${r}`), '',
    '## Gating', '', '| key | value |', '|---|---|', ...Object.entries(g).filter(([k]) => k !== 'gates').map(([k, v]) => `| ${k} | ${String(v)} |`), '',
    '## Risk', '', `Trading state: **${risk.trading_state.state}**${risk.trading_state.reason ? ` (${risk.trading_state.reason})` : ''} · limits source: ${risk.limits_source}`, '',
    '| limit | value |', '|---|---|', ...Object.entries(risk.limits).map(([k, v]) => `| ${k} | ${String(v)} |`), '',
    `## Sessions (${sessions.length})`, '', '| id | name | mode | strategy | status | trades | equity | config hash |', '|---|---|---|---|---|---|---|---|',
    ...sessions.map((x) => `| ${x.id} | ${x.name} | ${x.mode} | ${x.strategy} | ${x.status} | ${x.trades} | ${x.equity_last.toFixed(2)} | ${x.config_hash.slice(0, 16)}… |`), '',
    `## Drill results (${drills.length})`, '', '| drill | kind | passed | observed |', '|---|---|---|---|',
    ...drills.map((x) => `| ${x.drillId} | ${x.kind} | ${x.passed ? 'PASS' : 'FAIL'} | ${x.observed.replace(/\|/g, '/')} |`), '',
    '## Audit chain', '', `- verified: ${chain.ok ? 'ok' : 'BROKEN'} (${chain.checked} rows), head ${chain.headHash}`, '',
  ];
  return `${lines.join('\n')}\n`;
}
