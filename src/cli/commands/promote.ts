/**
 * The governance loop from the command line (issue 10): `peak learn`, `peak promote`, `peak overrides` and
 * `peak governance`. The same handlers as the review screen — a CLI apply needs every checklist item (--check
 * <id>… or --check-all) and the proposal id typed again (--confirm), and the server checks both.
 */
import type { Command } from 'commander';
import { CHECKLIST_IDS, confidenceText } from '../../core/governance/checklist';
import { EVIDENCE_KINDS, MODES } from '../../core/governance/model';
import { PeakError } from '../../core/errors';
import type { CliContext } from '../context';
import { iso, table } from '../format';
import { num, oneOf } from '../parse';

const show = (v: unknown): string => (v === undefined ? '—' : v === null ? 'null' : typeof v === 'string' ? JSON.stringify(v) : String(v));

/** `--value`: a number when it reads as one, true/false, else the text (the policy rejects non-numbers) */
export function parseValue(v: string): number | string | boolean {
  const s = v.trim();
  if (s === 'true' || s === 'false') return s === 'true';
  const x = Number(s);
  return s !== '' && Number.isFinite(x) ? x : s;
}

function registerLearn(program: Command, ctx: CliContext): void {
  const learn = program.command('learn').description('learning signals and config patches (System 1)');
  const list = async (o: { limit: string; json?: boolean }) => {
    const r = await ctx.call('learn:list', { limit: num('--limit', o.limit, { integer: true, min: 1, max: 1000 }) });
    if (o.json) return ctx.json(r);
    ctx.out(table(['signal', 'created', 'source', 'evidence', 'confidence', 'changes'], r.signals.map((s) => [s.id, iso(s.createdAt), s.source, `${s.evidence.kind} ${s.evidence.id}`, confidenceText(s.confidence), s.changes.map((c) => `${c.target}=${show(c.value)}`).join(', ')])));
    ctx.out();
    ctx.out(table(['patch', 'status', 'target', 'old → new', 'confidence', 'validation run'], r.patches.map((p) => [p.id, p.status, p.target, `${show(p.oldValue)} → ${show(p.newValue)}`, confidenceText(p.confidence), p.validation?.runId ?? null])));
  };
  learn.action(() => list({ limit: '20' }));
  learn.command('list').description('signals and patches, newest first').option('--limit <n>', 'at most n of each', '20').option('--json', 'print JSON').action(list);
  learn
    .command('emit')
    .description('a manual learning signal: one recommended change → one PROPOSED patch')
    .requiredOption('--target <key>', 'dotted config key, e.g. portfolio.leverage')
    .requiredOption('--value <v>', 'the recommended value')
    .requiredOption('--confidence <c>', 'confidence in [0, 1]')
    .requiredOption('--reason <text>', 'why')
    .option('--dataset <id>', 'data set of the re-validation backtest')
    .option('--evidence <kind:id>', `the evidence it rests on (${EVIDENCE_KINDS.join(', ')}), e.g. drill:17`)
    .option('--json', 'print JSON')
    .action(async (o: { target: string; value: string; confidence: string; reason: string; dataset?: string; evidence?: string; json?: boolean }) => {
      const ev = o.evidence === undefined ? undefined : /^([a-z-]+):(.{1,200})$/.exec(o.evidence);
      if (ev === null || (ev && !EVIDENCE_KINDS.includes(ev[1] as (typeof EVIDENCE_KINDS)[number]))) throw new PeakError('BAD_INPUT', `--evidence: expected <kind>:<id> with kind one of ${EVIDENCE_KINDS.join(', ')}, got "${o.evidence}"`);
      if (!/^[a-z][a-z0-9_]*(\.[a-z0-9_]+)+$/.test(o.target)) throw new PeakError('BAD_INPUT', `--target: expected a dotted key like portfolio.leverage, got "${o.target}"`);
      const r = await ctx.call('learn:emit', { target: o.target, value: parseValue(o.value), confidence: num('--confidence', o.confidence, { min: 0, max: 1 }), reason: o.reason,
        ...(o.dataset && { datasetId: o.dataset }), ...(ev && { evidence: { kind: ev[1] as (typeof EVIDENCE_KINDS)[number], id: ev[2] } }) });
      if (o.json) return ctx.json(r);
      ctx.out(`${r.note}: ${r.patches.map((p) => `${p.id} ${p.target} ${show(p.oldValue)} → ${show(p.newValue)}`).join(', ')}`);
    });
  for (const [name, flag, cmd] of [['from-walkforward', '--run', 'learn:from-walkforward'], ['from-sweep', '--sweep', 'learn:from-sweep']] as const) {
    learn
      .command(name)
      .description(name === 'from-sweep' ? "a signal from a finished sweep's DSR/PBO-qualified best cell" : 'a signal from a stored walk-forward whose OOS-best parameters differ from the configured ones')
      .requiredOption(`${flag} <id>`, name === 'from-sweep' ? 'sweep id' : 'walk-forward run id')
      .option('--json', 'print JSON')
      .action(async (o: { run?: string; sweep?: string; json?: boolean }) => {
        const id = num(flag, (o.run ?? o.sweep) as string, { integer: true, positive: true });
        const r = cmd === 'learn:from-sweep' ? await ctx.call(cmd, { sweepId: id }) : await ctx.call(cmd, { runId: id });
        if (o.json) return ctx.json(r);
        ctx.out(r.note);
      });
  }
  learn
    .command('validate')
    .description('offline re-validation backtests of PROPOSED patches → APPLIED_OFFLINE (run ids recorded)')
    .option('--patch <id>', 'only this patch')
    .option('--dataset <id>', 'data set (default: the evidence data set)')
    .option('--json', 'print JSON')
    .action(async (o: { patch?: string; dataset?: string; json?: boolean }) => {
      const r = await ctx.call('learn:validate', { ...(o.patch && { patchId: o.patch }), ...(o.dataset && { datasetId: o.dataset }) });
      if (o.json) return ctx.json(r);
      if (!r.patches.length) return ctx.out('no PROPOSED patches');
      ctx.out(table(['patch', 'target', 'status', 'run', 'baseline', 'sharpe', 'baseline sharpe'], r.patches.map((p) => [p.id, p.target, p.status, p.validation?.runId, p.validation?.baselineRunId, p.validation?.sharpe?.toFixed(3), p.validation?.baselineSharpe?.toFixed(3)])));
    });
}

function registerPromoteCmd(program: Command, ctx: CliContext): void {
  const promote = program.command('promote').description('promotion cycles, proposals and the reviewed apply (System 2)');
  promote
    .command('cycle')
    .description('candidates → policy decisions → a proposal under <data dir>/live_promotion/<id>/')
    .option('--mode <mode>', `${MODES.join(' | ')} (default: config/promotion_loop.toml)`)
    .option('--dry-run', 'decide and print; write nothing but the audit rows')
    .option('--json', 'print JSON')
    .action(async (o: { mode?: string; dryRun?: boolean; json?: boolean }) => {
      const r = await ctx.call('promote:cycle', { ...(o.mode && { mode: oneOf('--mode', o.mode, MODES) }), dryRun: !!o.dryRun });
      if (o.json) return ctx.json(r);
      ctx.out(r.note);
      if (r.decisions.length) ctx.out(table(['patch', 'target', 'decision', 'auto', 'reasons'], r.decisions.map((x) => [x.patchId, x.target, x.status, x.autoApplied ? 'yes' : '', x.reasons.join('; ')])));
    });
  promote
    .command('list')
    .description('proposals, newest first')
    .option('--json', 'print JSON')
    .action(async (o: { json?: boolean }) => {
      const r = await ctx.call('promote:list', { limit: 100 });
      if (o.json) return ctx.json(r);
      if (!r.proposals.length) return ctx.out('no proposals (try `peak promote cycle`)');
      ctx.out(table(['proposal', 'status', 'created', 'mode', 'patches', 'accepted', 'P0'], r.proposals.map((p) => [p.id, p.status, iso(p.createdAt), p.mode, p.patches, p.accepted, p.p0]), [false, false, false, false, true, true, true]));
    });
  promote
    .command('show <id>')
    .description('one proposal: decisions, evidence and the operator checklist')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { json?: boolean }) => {
      const r = await ctx.call('promote:show', { id });
      if (o.json) return ctx.json(r);
      ctx.out(r.checklistMarkdown);
      ctx.out('Checklist item ids (for --check): ' + r.checklist.map((c) => c.id).join(', '));
    });
  promote
    .command('apply <id>')
    .description('reviewed apply: tick every checklist item and type the proposal id again')
    .option('--check <item>', `a ticked checklist item (repeatable): ${CHECKLIST_IDS.join(', ')}`, (v: string, prev: string[] = []) => [...prev, v])
    .option('--check-all', 'I reviewed every checklist item')
    .option('--confirm <id>', 'the proposal id, typed again')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { check?: string[]; checkAll?: boolean; confirm?: string; json?: boolean }) => {
      const ticked = o.checkAll ? [...CHECKLIST_IDS] : (o.check ?? []);
      for (const c of ticked) if (!CHECKLIST_IDS.includes(c as (typeof CHECKLIST_IDS)[number])) throw new PeakError('BAD_INPUT', `--check: unknown item "${c}" (valid: ${CHECKLIST_IDS.join(', ')})`);
      const r = await ctx.call('promote:apply', { proposalId: id, checklist: Object.fromEntries(ticked.map((c) => [c, true])), confirmation: o.confirm ?? '' });
      if (o.json) return ctx.json(r);
      ctx.out(`applied ${r.proposalId} → overrides v${r.overridesVersion}: ${r.applied.map((a) => `${a.target} ${show(a.from)} → ${show(a.to)}`).join(', ')}`);
    });
  promote
    .command('reject <id>')
    .description('reject an open proposal')
    .requiredOption('--reason <text>', 'why')
    .option('--json', 'print JSON')
    .action(async (id: string, o: { reason: string; json?: boolean }) => {
      const r = await ctx.call('promote:reject', { proposalId: id, reason: o.reason });
      if (o.json) return ctx.json(r);
      ctx.out(`rejected ${r.proposalId} (${r.rejectedPatches} patch(es) → REJECTED)`);
    });
}

function registerOverrides(program: Command, ctx: CliContext): void {
  const ov = program.command('overrides').description('the live overrides: effective config, versions, diff, rollback');
  ov.command('show').description('per key: base, override, effective value and source').option('--json', 'print JSON').action(async (o: { json?: boolean }) => {
    const r = await ctx.call('overrides:show', {});
    if (o.json) return ctx.json(r);
    ctx.out(`environment ${r.environment.mode} (${r.liveLike ? 'live-like' : 'not live-like'}); overrides v${r.version} ${r.applied ? 'APPLIED' : 'not applied'}${r.killSwitch ? ' (kill switch on)' : ''}`);
    for (const w of r.warnings) ctx.out(`warning: ${w}`);
    ctx.out(table(['key', 'base', 'override', 'effective', 'source'], r.keys.map((k) => [k.key, show(k.base), k.override === null ? '' : show(k.override), show(k.effective), k.source])));
  });
  ov.command('history').description('every version, newest first').option('--json', 'print JSON').action(async (o: { json?: boolean }) => {
    const r = await ctx.call('overrides:history', {});
    if (o.json) return ctx.json(r);
    ctx.out(table(['version', 'created', 'action', 'actor', 'keys', 'reason'], r.versions.map((v) => [v.version, iso(v.createdAt), v.action, v.actor, Object.keys(v.values).length, v.reason]), [true]));
  });
  ov.command('diff <from> [to]').description('key by key from one version to another (default: the current one)').option('--json', 'print JSON').action(async (from: string, to: string | undefined, o: { json?: boolean }) => {
    const r = await ctx.call('overrides:diff', { from: num('<from>', from, { integer: true, min: 0 }), ...(to !== undefined && { to: num('[to]', to, { integer: true, min: 0 }) }) });
    if (o.json) return ctx.json(r);
    if (!r.changes.length) return ctx.out(`v${r.from} → v${r.to}: no changes`);
    ctx.out(table(['key', `v${r.from}`, `v${r.to}`, 'change'], r.changes.map((c) => [c.key, show(c.from), show(c.to), c.kind])));
  });
  ov.command('rollback <version>').description('write an earlier version again (byte for byte) as the newest').requiredOption('--reason <text>', 'why').option('--json', 'print JSON')
    .action(async (version: string, o: { reason: string; json?: boolean }) => {
      const r = await ctx.call('overrides:rollback', { version: num('<version>', version, { integer: true, min: 0 }), reason: o.reason });
      if (o.json) return ctx.json(r);
      ctx.out(`rolled back to v${r.restored} as v${r.version} (sha256 ${r.sha256.slice(0, 12)}…): ${r.changes.map((c) => `${c.key} ${show(c.from)} → ${show(c.to)}`).join(', ') || 'no changes'}`);
    });
}

function registerGovernance(program: Command, ctx: CliContext): void {
  const gov = program.command('governance').description('governance status and kill switch');
  gov.command('status').option('--json', 'print JSON').action(async (o: { json?: boolean }) => {
    const r = await ctx.call('governance:status', {});
    if (o.json) return ctx.json(r);
    ctx.out(`mode ${r.mode}; kill switch ${r.killSwitch.on ? `ON (${r.killSwitch.reason})` : 'off'}; environment ${r.environment.mode} (${r.liveLike ? 'live-like' : 'not live-like'}); overrides v${r.overridesVersion}; auto-applies today ${r.autoAppliesToday}/${r.maxAutoAppliesPerDay}`);
  });
  gov.command('kill-switch <state>').description('on: promotion disabled, overrides ignored; off: resume').requiredOption('--reason <text>', 'why').option('--json', 'print JSON')
    .action(async (state: string, o: { reason: string; json?: boolean }) => {
      const r = await ctx.call('governance:kill-switch', { on: oneOf('<state>', state, ['on', 'off'] as const) === 'on', reason: o.reason });
      if (o.json) return ctx.json(r);
      ctx.out(`governance kill switch ${r.on ? 'ON' : 'off'}`);
    });
}

export function registerPromote(program: Command, ctx: CliContext): void {
  registerLearn(program, ctx);
  registerPromoteCmd(program, ctx);
  registerOverrides(program, ctx);
  registerGovernance(program, ctx);
}
