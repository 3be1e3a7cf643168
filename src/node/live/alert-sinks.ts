/**
 * Alert delivery (SPEC §11): sinks log, stderr, webhook (JSON POST {ts, level, source, code, message, context},
 * 3 s timeout) and Slack-compatible webhook ({text}), each with its own minimum level; dedup/debounce in front
 * (core AlertDeduper); every delivered alert is stored (alerts table), written to the daily JSONL file and to the
 * audit log. Delivery never blocks the caller: `emit` returns at once and webhooks run in the background; a dead
 * webhook is recorded as a SINK_FAILURE through the fallback (table + log), never retried in a loop.
 */
import { appendFileSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { AppConfig } from '../../core/api/config';
import { AlertDeduper, levelAtLeast, type AlertCode, type AlertEvent, type AlertLevel } from '../../core/live/alerts';
import { redactSecrets, redactString } from '../../core/safety/redact';
import type { LongLivedService, ServiceHealth } from '../lifecycle/service';
import type { Logger } from '../api/context';
import type { AuditQueries } from '../db/audit';
import type { LiveRepository } from '../db/live';

type SinkCfg = AppConfig['live_alerts']['sinks'][number];

export interface AlertServiceDeps {
  config: AppConfig['live_alerts'];
  repo: LiveRepository;
  audit: AuditQueries;
  logger: Logger;
  clock: () => number;
  /** <data dir>/alerts; null = no JSONL */
  jsonlDir: string | null;
  /** stderr writer (tests capture it) */
  stderr?: (line: string) => void;
  onDelivered?: (e: AlertEvent) => void;
}

export class AlertService implements LongLivedService {
  readonly name = 'alerts';
  private readonly dedup: AlertDeduper;
  private readonly inflight = new Set<Promise<void>>();
  private failures = 0;
  private lastFailure: string | null = null;
  private stopped = false;

  constructor(private readonly d: AlertServiceDeps) {
    this.dedup = new AlertDeduper(d.config.dedup_window_s * 1000);
  }

  start(): void { this.stopped = false; }

  /** waits (bounded by the sink timeouts) for webhook deliveries in flight */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.flush();
  }

  async flush(): Promise<void> {
    while (this.inflight.size) await Promise.allSettled([...this.inflight]);
  }

  health(): ServiceHealth {
    if (!this.d.config.enabled) return { status: 'degraded', detail: 'alerts disabled in [live_alerts]' };
    if (this.failures > 0) return { status: 'degraded', detail: `${this.failures} sink failure(s); last: ${this.lastFailure ?? ''}` };
    return { status: 'ok', detail: `${this.d.config.sinks.length} sink(s): ${this.d.config.sinks.map((s) => s.kind).join(', ')}` };
  }

  sinks(): { kind: string; minLevel: AlertLevel; target: string }[] {
    return this.d.config.sinks.map((s) => ({ kind: s.kind, minLevel: s.min_level ?? this.d.config.min_level, target: s.url ? redactString(hostOf(s.url)) : s.kind }));
  }

  /** dedup, store, JSONL, audit, sinks. Returns the delivered alert, or null when folded or below the level. */
  emit(level: AlertLevel, source: string, code: AlertCode, message: string, context: Record<string, unknown> = {}): AlertEvent | null {
    if (!this.d.config.enabled) return null;
    const folded = this.dedup.offer({ ts: this.d.clock(), level, source, code, message, context });
    if (!folded) return null;
    // redact only what is delivered (a folded repeat costs one map lookup)
    const e: AlertEvent = { ...folded, message: redactString(folded.message), context: redactSecrets(folded.context) };
    this.record(e);
    for (const s of this.d.config.sinks) {
      if (!levelAtLeast(e.level, s.min_level ?? this.d.config.min_level)) continue;
      this.deliver(s, e);
    }
    this.d.onDelivered?.(e);
    return e;
  }

  private record(e: AlertEvent): void {
    this.d.repo.addAlert({ ts: e.ts, level: e.level, source: e.source, code: e.code, message: e.message, context: e.context, count: e.count });
    this.d.audit.append({ category: 'alert', action: e.code, actor: 'system', subject: e.source, reason: e.message, details: { level: e.level, count: e.count } });
    if (this.d.config.daily_jsonl && this.d.jsonlDir) {
      try {
        mkdirSync(this.d.jsonlDir, { recursive: true });
        const day = new Date(e.ts).toISOString().slice(0, 10);
        appendFileSync(join(this.d.jsonlDir, `alerts_${day}.jsonl`), `${JSON.stringify(payload(e))}\n`);
      } catch (err) {
        this.d.logger.warn('alert JSONL write failed', { error: String(err) });
      }
    }
  }

  private deliver(s: SinkCfg, e: AlertEvent): void {
    const line = `[${e.level}] ${e.source} ${e.code}: ${e.message}${e.count > 1 ? ` (×${e.count})` : ''}`;
    if (s.kind === 'log') {
      const f = e.level === 'CRITICAL' ? this.d.logger.error : e.level === 'WARNING' ? this.d.logger.warn : this.d.logger.info;
      f.call(this.d.logger, line, { alert: payload(e) });
      return;
    }
    if (s.kind === 'stderr') {
      (this.d.stderr ?? ((l: string) => process.stderr.write(`${l}\n`)))(line);
      return;
    }
    if (!s.url || this.stopped) return;
    const body = s.kind === 'webhook' ? payload(e) : { text: line };
    const p = post(s.url, body, s.timeout_ms)
      .catch((err: unknown) => this.sinkFailed(s, e, err))
      .finally(() => this.inflight.delete(p));
    this.inflight.add(p);
  }

  private sinkFailed(s: SinkCfg, e: AlertEvent, err: unknown): void {
    this.failures++;
    const why = redactString(err instanceof Error ? err.message : String(err));
    this.lastFailure = `${s.kind} ${redactString(hostOf(s.url ?? ''))}: ${why}`;
    // fallback: the table and the log always get it (never the failing sink again: no loop)
    this.d.logger.warn(`alert sink failed: ${this.lastFailure}`, { code: e.code });
    const f = this.dedup.offer({ ts: this.d.clock(), level: 'WARNING', source: `sink:${s.kind}`, code: 'SINK_FAILURE', message: `${s.kind} sink failed for ${e.code}: ${why}`, context: {} });
    if (f) this.record(f);
  }
}

function payload(e: AlertEvent) {
  return { ts: new Date(e.ts).toISOString(), level: e.level, source: e.source, code: e.code, message: e.message, context: e.context, count: e.count };
}

function hostOf(url: string): string {
  try { return new URL(url).host; } catch { return '(bad url)'; }
}

async function post(url: string, body: unknown, timeoutMs: number): Promise<void> {
  const res = await fetch(url, {
    method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body), signal: AbortSignal.timeout(timeoutMs), redirect: 'error',
  });
  if (!res.ok) throw new Error(`HTTP ${res.status}`);
  await res.body?.cancel();
}
