/**
 * Tables of migration 050 behind one module: sessions (+ their equity/trades/orders blob row), events, the
 * global trading state, the drill log and alerts. JSON columns are zod-parsed on read; names that reach SQL
 * come from fixed lists.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { FeedSchema, LiveEventSchema, OrderRecordSchema, SessionConfigSchema, SessionStatusSchema, TradingStatusSchema, type Feed, type LiveEvent, type SessionSummary } from '../../core/api/commands/live-schemas';
import { TradeSchema } from '../../core/api/schemas';
import type { Trade } from '../../core/engine/types';
import type { OrderRecord } from '../../core/live/session-core';
import { initialTradingStatus, type TradingStatus } from '../../core/live/trading-state';
import { redactSecrets, redactString } from '../../core/safety/redact';
import { PeakError } from '../../core/errors';
import { blobToF64, f64ToBlob } from '../db/blob';

interface SessionRow {
  id: number; name: string; mode: string; strategy_id: string; dataset_id: string | null; feed: string; config: string; seed: number;
  config_hash: string; status: string; status_detail: string | null; created_at: number; ended_at: number | null; bars_done: number;
  bars_total: number | null; equity_start: number; equity_last: number; trade_count: number; rejected: number; symbol: string;
  first_time: number | null; last_time: number | null;
}

export interface NewSession {
  name: string; mode: string; strategyId: string; datasetId: string | null; feed: Feed; config: z.input<typeof SessionConfigSchema>;
  seed: number; configHash: string; barsTotal: number | null; equityStart: number; symbol: string; createdAt: number;
}

export interface SessionProgress {
  status?: SessionSummary['status']; statusDetail?: string | null; endedAt?: number | null; barsDone: number; equityLast: number;
  tradeCount: number; rejected: number; firstTime: number | null; lastTime: number | null;
}

const parseJson = <T>(schema: z.ZodType<T>, text: string, what: string): T => {
  const r = schema.safeParse(JSON.parse(text) as unknown);
  if (!r.success) throw new PeakError('INTERNAL', `stored ${what} does not match its schema: ${r.error.issues[0]?.message ?? ''}`);
  return r.data;
};

function summary(r: SessionRow): SessionSummary {
  return {
    id: r.id, name: r.name, mode: r.mode, strategyId: r.strategy_id, datasetId: r.dataset_id, feed: parseJson(FeedSchema, r.feed, 'session feed'),
    seed: r.seed, configHash: r.config_hash, status: SessionStatusSchema.parse(r.status), statusDetail: r.status_detail, createdAt: r.created_at,
    endedAt: r.ended_at, barsDone: r.bars_done, barsTotal: r.bars_total, equityStart: r.equity_start, equityLast: r.equity_last,
    pnlPct: (r.equity_last / r.equity_start - 1) * 100, tradeCount: r.trade_count, rejected: r.rejected, symbol: r.symbol,
    firstTime: r.first_time, lastTime: r.last_time,
  };
}

const SYSTEM_KINDS = new Set(['fill', 'reject', 'risk']);

export interface SessionFilter {
  status?: string; mode?: string; strategyId?: string; from?: number; to?: number; text?: string; profitable?: boolean; limit: number;
}

export function createLiveRepository(db: Database.Database) {
  const insertEvent = db.prepare('INSERT INTO live_events (session_id, ts, kind, level, message, data) VALUES (?, ?, ?, ?, ?, ?)');
  const upsertData = db.prepare(`INSERT INTO live_session_data (session_id, equity, trades, open_trade, orders) VALUES (?, ?, ?, ?, ?)
    ON CONFLICT(session_id) DO UPDATE SET equity = excluded.equity, trades = excluded.trades, open_trade = excluded.open_trade, orders = excluded.orders`);
  const updateProgress = db.prepare(`UPDATE live_sessions SET status = coalesce(@status, status), status_detail = CASE WHEN @setDetail THEN @statusDetail ELSE status_detail END,
    ended_at = coalesce(@endedAt, ended_at), bars_done = @barsDone, equity_last = @equityLast, trade_count = @tradeCount, rejected = @rejected,
    first_time = @firstTime, last_time = @lastTime WHERE id = @id`);

  return {
    createSession(s: NewSession): number {
      const cfg = redactSecrets(SessionConfigSchema.parse(s.config));
      const r = db.prepare(`INSERT INTO live_sessions (name, mode, strategy_id, dataset_id, feed, config, seed, config_hash, status, created_at,
        bars_total, equity_start, equity_last, symbol) VALUES (?, ?, ?, ?, ?, ?, ?, ?, 'running', ?, ?, ?, ?, ?)`).run(
        redactString(s.name), s.mode, s.strategyId, s.datasetId, JSON.stringify(s.feed), JSON.stringify(cfg), s.seed, s.configHash, s.createdAt,
        s.barsTotal, s.equityStart, s.equityStart, s.symbol);
      return Number(r.lastInsertRowid);
    },
    get(id: number): SessionSummary {
      const r = db.prepare('SELECT * FROM live_sessions WHERE id = ?').get(id) as SessionRow | undefined;
      if (!r) throw new PeakError('NOT_FOUND', `live session ${id} does not exist`);
      return summary(r);
    },
    config(id: number) {
      const r = db.prepare('SELECT config FROM live_sessions WHERE id = ?').get(id) as { config: string } | undefined;
      if (!r) throw new PeakError('NOT_FOUND', `live session ${id} does not exist`);
      return parseJson(SessionConfigSchema, r.config, 'session config');
    },
    list(f: SessionFilter): { sessions: SessionSummary[]; total: number } {
      const where: string[] = [];
      const args: unknown[] = [];
      if (f.status) { where.push('status = ?'); args.push(f.status); }
      if (f.mode) { where.push('mode = ?'); args.push(f.mode); }
      if (f.strategyId) { where.push('strategy_id = ?'); args.push(f.strategyId); }
      if (f.from !== undefined) { where.push('created_at >= ?'); args.push(f.from); }
      if (f.to !== undefined) { where.push('created_at <= ?'); args.push(f.to); }
      if (f.profitable !== undefined) where.push(f.profitable ? 'equity_last > equity_start' : 'equity_last <= equity_start');
      if (f.text) { where.push("(name LIKE ? ESCAPE '\\' OR CAST(id AS TEXT) = ?)"); args.push(`%${f.text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`, f.text.trim()); }
      const w = where.length ? `WHERE ${where.join(' AND ')}` : '';
      const total = (db.prepare(`SELECT count(*) AS n FROM live_sessions ${w}`).get(...args) as { n: number }).n;
      const rows = db.prepare(`SELECT * FROM live_sessions ${w} ORDER BY created_at DESC, id DESC LIMIT ?`).all(...args, f.limit) as SessionRow[];
      return { sessions: rows.map(summary), total };
    },
    /** a checkpoint: progress, equity, trades and orders of the session, and its pending events, in ONE transaction */
    checkpoint(id: number, p: SessionProgress, data: { equity: Float64Array; trades: Trade[]; openTrade: Trade | null; orders: OrderRecord[] }, events: Omit<LiveEvent, 'id'>[]): number[] {
      const ids: number[] = [];
      db.transaction(() => {
        updateProgress.run({ id, status: p.status ?? null, setDetail: p.statusDetail !== undefined ? 1 : 0, statusDetail: p.statusDetail ?? null,
          endedAt: p.endedAt ?? null, barsDone: p.barsDone, equityLast: p.equityLast, tradeCount: p.tradeCount, rejected: p.rejected,
          firstTime: p.firstTime, lastTime: p.lastTime });
        upsertData.run(id, f64ToBlob(data.equity), JSON.stringify(data.trades), data.openTrade ? JSON.stringify(data.openTrade) : null, JSON.stringify(data.orders));
        // fills, rejects and risk evaluations are built by the system from numbers and fixed texts (no user strings):
        // they skip the redaction walk, which was a third of a 100k-bar replay's cost
        for (const e of events) {
          const data = SYSTEM_KINDS.has(e.kind) ? e.data ?? null : redactSecrets(e.data ?? null);
          ids.push(Number(insertEvent.run(e.sessionId, e.ts, e.kind, e.level, e.message, JSON.stringify(data)).lastInsertRowid));
        }
      })();
      return ids;
    },
    setStatus(id: number, status: SessionSummary['status'], detail: string | null, endedAt: number | null): void {
      db.prepare('UPDATE live_sessions SET status = ?, status_detail = ?, ended_at = coalesce(?, ended_at) WHERE id = ?').run(status, detail, endedAt, id);
    },
    data(id: number): { equity: Float64Array; trades: Trade[]; openTrade: Trade | null; orders: OrderRecord[] } {
      const r = db.prepare('SELECT * FROM live_session_data WHERE session_id = ?').get(id) as { equity: Buffer; trades: string; open_trade: string | null; orders: string } | undefined;
      if (!r) return { equity: new Float64Array(0), trades: [], openTrade: null, orders: [] };
      return {
        equity: blobToF64(r.equity),
        trades: parseJson(z.array(TradeSchema), r.trades, 'session trades') as Trade[],
        openTrade: r.open_trade ? (parseJson(TradeSchema, r.open_trade, 'open trade') as Trade) : null,
        orders: parseJson(z.array(OrderRecordSchema), r.orders, 'session orders'),
      };
    },
    addEvent(e: Omit<LiveEvent, 'id'>): LiveEvent {
      const data = redactSecrets(e.data ?? null);
      const id = Number(insertEvent.run(e.sessionId, e.ts, e.kind, e.level, e.message, JSON.stringify(data)).lastInsertRowid);
      return { ...e, data, id };
    },
    events(f: { sessionId?: number; afterId: number; limit: number; newest?: boolean }): LiveEvent[] {
      const where = f.sessionId !== undefined ? 'WHERE session_id = ? AND id > ?' : 'WHERE id > ?';
      const args = f.sessionId !== undefined ? [f.sessionId, f.afterId] : [f.afterId];
      const order = f.newest ? 'DESC' : 'ASC';
      const rows = db.prepare(`SELECT * FROM live_events ${where} ORDER BY id ${order} LIMIT ?`).all(...args, f.limit) as
        { id: number; session_id: number | null; ts: number; kind: string; level: string | null; message: string; data: string }[];
      const out = rows.map((r) => LiveEventSchema.parse({ id: r.id, sessionId: r.session_id, ts: r.ts, kind: r.kind, level: r.level, message: r.message, data: JSON.parse(r.data) as unknown }));
      return f.newest ? out.reverse() : out;
    },
    /** sessions a crash or quit left running/paused: stopped (interrupted), with everything up to the last checkpoint */
    markInterrupted(now: number, staleBefore: number): number {
      // another process (the app while the CLI looks) keeps its sessions' heartbeat fresh: only dead owners count
      return db.prepare("UPDATE live_sessions SET status = 'stopped', status_detail = 'interrupted', ended_at = ? WHERE status IN ('running', 'paused') AND coalesce(heartbeat, created_at) < ?").run(now, staleBefore).changes;
    },
    heartbeat(ids: number[], now: number): void {
      const st = db.prepare('UPDATE live_sessions SET heartbeat = ? WHERE id = ?');
      db.transaction(() => { for (const id of ids) st.run(now, id); })();
    },
    tradingStatus(): TradingStatus {
      const r = db.prepare("SELECT value FROM live_state WHERE key = 'trading'").get() as { value: string } | undefined;
      return r ? parseJson(TradingStatusSchema, r.value, 'trading state') : initialTradingStatus;
    },
    setTradingStatus(s: TradingStatus): void {
      db.prepare("INSERT INTO live_state (key, value) VALUES ('trading', ?) ON CONFLICT(key) DO UPDATE SET value = excluded.value").run(JSON.stringify(s));
    },
    addDrill(d: { ts: number; kind: 'gate' | 'incident'; drillId: string; passed: boolean; expected: string; observed: string; notes: string | null; details: unknown }): number {
      return Number(db.prepare('INSERT INTO drill_log (ts, kind, drill_id, passed, expected, observed, notes, details) VALUES (?, ?, ?, ?, ?, ?, ?, ?)').run(
        d.ts, d.kind, d.drillId, d.passed ? 1 : 0, d.expected, d.observed, d.notes, JSON.stringify(redactSecrets(d.details ?? null))).lastInsertRowid);
    },
    drills(limit: number) {
      const rows = db.prepare('SELECT * FROM drill_log ORDER BY id DESC LIMIT ?').all(limit) as
        { id: number; ts: number; kind: 'gate' | 'incident'; drill_id: string; passed: number; expected: string; observed: string; notes: string | null }[];
      return rows.map((r) => ({ id: r.id, ts: r.ts, kind: r.kind, drillId: r.drill_id, passed: r.passed === 1, expected: r.expected, observed: r.observed, notes: r.notes }));
    },
    addAlert(a: { ts: number; level: string; source: string; code: string; message: string; context: unknown; count: number }): number {
      return Number(db.prepare('INSERT INTO alerts (ts, level, source, code, message, context, count) VALUES (?, ?, ?, ?, ?, ?, ?)').run(
        a.ts, a.level, a.source, a.code, a.message, JSON.stringify(redactSecrets(a.context ?? null)), a.count).lastInsertRowid);
    },
    alerts(minRank: number, limit: number) {
      const levels = ['INFO', 'WARNING', 'CRITICAL'].slice(minRank);
      const rows = db.prepare(`SELECT * FROM alerts WHERE level IN (${levels.map(() => '?').join(',')}) ORDER BY id DESC LIMIT ?`).all(...levels, limit) as
        { id: number; ts: number; level: 'INFO' | 'WARNING' | 'CRITICAL'; source: string; code: string; message: string; context: string; count: number }[];
      return rows.map((r) => ({ ...r, context: JSON.parse(r.context) as unknown }));
    },
  };
}
export type LiveRepository = ReturnType<typeof createLiveRepository>;
