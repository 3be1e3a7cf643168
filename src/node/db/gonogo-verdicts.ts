/**
 * The gonogo_verdicts repository (Trust #6) — the API the governance loop reads:
 *   insert(v)            store a verdict (returns it with id and createdAt)
 *   get(id)              one verdict (NOT_FOUND if absent)
 *   latestForRun(runId)  the newest verdict of a run, or null
 *   list({ runId, limit }) newest first
 * JSON columns are zod-parsed on read, so a verdict read after a restart is exactly the one stored.
 */
import type Database from 'better-sqlite3';
import { z } from 'zod';
import { GoNoGoEvidenceIdsSchema, GoNoGoVerdictSchema, type GoNoGoVerdict } from '../../core/api/commands/gonogo';
import { GoNoGoResultSchema } from '../../core/api/commands/research';
import { PeakError } from '../../core/errors';
import { GoNoGoInputSchema } from '../../core/research/gonogo';

export type NewGoNoGoVerdict = Omit<GoNoGoVerdict, 'id' | 'createdAt'>;

interface Row {
  id: number;
  run_id: number;
  risk_profile: string;
  tier: string | null;
  verdict: string;
  evidence_json: string;
  inputs_json: string;
  result_json: string;
  config_hash: string;
  created_at: number;
}

export interface GoNoGoVerdicts {
  insert(v: NewGoNoGoVerdict): GoNoGoVerdict;
  get(id: number): GoNoGoVerdict;
  latestForRun(runId: number): GoNoGoVerdict | null;
  list(f: { runId?: number; limit: number }): GoNoGoVerdict[];
}

const toVerdict = (r: Row): GoNoGoVerdict => GoNoGoVerdictSchema.parse({
  id: r.id,
  runId: r.run_id,
  riskProfile: r.risk_profile,
  tier: r.tier,
  verdict: r.verdict,
  evidence: GoNoGoEvidenceIdsSchema.parse(JSON.parse(r.evidence_json)),
  inputs: GoNoGoInputSchema.parse(JSON.parse(r.inputs_json)),
  result: GoNoGoResultSchema.parse(JSON.parse(r.result_json)),
  configHash: z.string().parse(r.config_hash),
  createdAt: r.created_at,
});

export function createGoNoGoVerdicts(db: Database.Database, clock: () => number): GoNoGoVerdicts {
  const ins = db.prepare(`INSERT INTO gonogo_verdicts (run_id, risk_profile, tier, verdict, evidence_json, inputs_json, result_json, config_hash, created_at)
    VALUES (@run_id, @risk_profile, @tier, @verdict, @evidence_json, @inputs_json, @result_json, @config_hash, @created_at)`);
  const byId = db.prepare('SELECT * FROM gonogo_verdicts WHERE id = ?');
  const byRun = db.prepare('SELECT * FROM gonogo_verdicts WHERE run_id = ? ORDER BY created_at DESC, id DESC LIMIT ?');
  const all = db.prepare('SELECT * FROM gonogo_verdicts ORDER BY created_at DESC, id DESC LIMIT ?');
  const get = (id: number): GoNoGoVerdict => {
    const r = byId.get(id) as Row | undefined;
    if (!r) throw new PeakError('NOT_FOUND', `Go/No-Go verdict ${id} not found`);
    return toVerdict(r);
  };
  return {
    insert(v) {
      const info = ins.run({
        run_id: v.runId, risk_profile: v.riskProfile, tier: v.tier, verdict: v.verdict,
        evidence_json: JSON.stringify(v.evidence), inputs_json: JSON.stringify(v.inputs), result_json: JSON.stringify(v.result),
        config_hash: v.configHash, created_at: clock(),
      });
      return get(Number(info.lastInsertRowid));
    },
    get,
    latestForRun(runId) {
      const r = byRun.get(runId, 1) as Row | undefined;
      return r ? toVerdict(r) : null;
    },
    list({ runId, limit }) {
      const rows = (runId === undefined ? all.all(limit) : byRun.all(runId, limit)) as Row[];
      return rows.map(toVerdict);
    },
  };
}
