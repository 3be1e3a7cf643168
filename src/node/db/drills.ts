/**
 * Drill tables (migration 070) behind one module. JSON columns are zod-parsed on read; writes that belong
 * together (a drill with its signals; a finish with its trades and analysis) run in one transaction.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { PeakError } from '../../core/errors';
import {
  DrillAnalysisSchema, DrillConfigSchema, PricesSchema, TagsListSchema, type DrillConfig, type DrillDetail, type DrillSummary,
  type Prices, type DrillSignal, type DrillAnalysis, type DrillKey, type UserAction,
} from '../../core/drills';
import { DrillSignal as DrillSignalSchema, DrillSummarySchema, StoredActionSchema } from '../../core/drills';

interface DrillRow {
  id: string; created_at: number; finished_at: number | null; status: string; scenario_id: string | null; config_json: string;
  prices_json: string; analysis_json: string | null; pnl: number | null; total_signals: number; missed_signals: number | null; avg_reaction_ms: number | null;
}

export interface NewAction {
  signalId: string | null; key: DrillKey; userAction: UserAction; latencyMs: number | null; bar: number; time: number; note: string;
}

const parseJson = <T>(schema: z.ZodType<T>, text: string, what: string): T => {
  const r = schema.safeParse(JSON.parse(text));
  if (!r.success) throw new PeakError('INTERNAL', `stored ${what} does not match its schema: ${r.error.issues[0]?.message}`);
  return r.data;
};

const toSummary = (r: DrillRow): DrillSummary => DrillSummarySchema.parse({
  id: r.id, createdAt: r.created_at, finishedAt: r.finished_at, status: r.status, scenarioId: r.scenario_id,
  strategy: parseJson(DrillConfigSchema, r.config_json, 'drill config').strategy, totalSignals: r.total_signals,
  missedSignals: r.missed_signals, avgReactionMs: r.avg_reaction_ms, pnl: r.pnl,
});

export function createDrillRepository(db: Database.Database) {
  const insertDrill = db.prepare(`INSERT INTO drills (id, created_at, status, scenario_id, config_json, prices_json, total_signals)
    VALUES (?, ?, 'running', ?, ?, ?, ?)`);
  const insertSignal = db.prepare('INSERT INTO drill_signals (drill_id, signal_id, bar, time, state, recommended, tags_json) VALUES (?, ?, ?, ?, ?, ?, ?)');
  const insertAction = db.prepare(`INSERT INTO drill_actions (drill_id, signal_id, key, user_action, latency_ms, bar, time, note, received_at)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const insertTrade = db.prepare(`INSERT INTO drill_trades (drill_id, seq, side, entry_bar, entry_price, exit_bar, exit_price, qty, fees, pnl, reason)
    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)`);
  const getRow = db.prepare('SELECT * FROM drills WHERE id = ?');
  const listRows = db.prepare('SELECT * FROM drills ORDER BY created_at DESC, id DESC LIMIT ?');
  const finishedRows = db.prepare("SELECT * FROM drills WHERE status = 'finished' ORDER BY finished_at ASC LIMIT ?");
  const signalRows = db.prepare('SELECT * FROM drill_signals WHERE drill_id = ? ORDER BY bar, signal_id');
  const actionRows = db.prepare('SELECT * FROM drill_actions WHERE drill_id = ? ORDER BY id');
  const setFinished = db.prepare(`UPDATE drills SET status = 'finished', finished_at = ?, analysis_json = ?, pnl = ?, missed_signals = ?, avg_reaction_ms = ? WHERE id = ?`);
  const setAbandoned = db.prepare("UPDATE drills SET status = 'abandoned', finished_at = ? WHERE id = ? AND status = 'running'");

  const row = (id: string): DrillRow => {
    const r = getRow.get(id) as DrillRow | undefined;
    if (!r) throw new PeakError('NOT_FOUND', `drill "${id}" not found`);
    return r;
  };
  const signals = (id: string): DrillSignal[] => (signalRows.all(id) as { signal_id: string; bar: number; time: number; state: number; recommended: string; tags_json: string }[])
    .map((s) => DrillSignalSchema.parse({ signalId: s.signal_id, bar: s.bar, time: s.time, state: s.state, recommended: s.recommended, tags: parseJson(TagsListSchema, s.tags_json, 'signal tags') }));
  const actions = (id: string) => (actionRows.all(id) as { id: number; signal_id: string | null; key: string; user_action: string; latency_ms: number | null; bar: number; time: number; note: string; received_at: number }[])
    .map((a) => StoredActionSchema.parse({ id: a.id, signalId: a.signal_id, key: a.key, userAction: a.user_action, latencyMs: a.latency_ms, bar: a.bar, time: a.time, note: a.note, receivedAt: a.received_at }));

  return {
    create(id: string, createdAt: number, config: DrillConfig, prices: Prices, sigs: readonly DrillSignal[]): void {
      db.transaction(() => {
        insertDrill.run(id, createdAt, config.scenarioId, JSON.stringify(config), JSON.stringify(prices), sigs.length);
        for (const s of sigs) insertSignal.run(id, s.signalId, s.bar, s.time, s.state, s.recommended, JSON.stringify(s.tags));
      })();
    },
    summary: (id: string) => toSummary(row(id)),
    config: (id: string) => parseJson(DrillConfigSchema, row(id).config_json, 'drill config'),
    prices: (id: string) => parseJson(PricesSchema, row(id).prices_json, 'drill prices'),
    signals,
    actions,
    addAction(drillId: string, a: NewAction, receivedAt: number): number {
      return Number(insertAction.run(drillId, a.signalId, a.key, a.userAction, a.latencyMs, a.bar, a.time, a.note, receivedAt).lastInsertRowid);
    },
    finish(id: string, at: number, analysis: DrillAnalysis): void {
      db.transaction(() => {
        analysis.trades.forEach((t, i) => insertTrade.run(id, i, t.side, t.entryBar, t.entryPrice, t.exitBar, t.exitPrice, t.qty, t.fees, t.pnl, t.reason));
        setFinished.run(at, JSON.stringify(analysis), analysis.pnl, analysis.summary.counts.MISSED, analysis.summary.mean, id);
      })();
    },
    abandon: (id: string, at: number): boolean => setAbandoned.run(at, id).changes > 0,
    detail(id: string): DrillDetail {
      const r = row(id);
      return {
        drill: toSummary(r), config: parseJson(DrillConfigSchema, r.config_json, 'drill config'), prices: parseJson(PricesSchema, r.prices_json, 'drill prices'),
        signals: signals(id), actions: actions(id), analysis: r.analysis_json === null ? null : parseJson(DrillAnalysisSchema, r.analysis_json, 'drill analysis'),
      };
    },
    list: (limit = 200): DrillSummary[] => (listRows.all(limit) as DrillRow[]).map(toSummary),
    finished: (limit = 500) => (finishedRows.all(limit) as DrillRow[]).map((r) => ({ summary: toSummary(r), analysis: r.analysis_json === null ? null : parseJson(DrillAnalysisSchema, r.analysis_json, 'drill analysis') })),
  };
}
export type DrillRepository = ReturnType<typeof createDrillRepository>;
