/**
 * The live domain: environment and gates, trading state and kill switch, risk/portfolio, paper/shadow sessions
 * (start, list, get, pause, resume, stop), gate and incident drills with runbooks, alerts. No command accepts a
 * path, a URL or a limit that loosens: limits in a request may only tighten; the kill switch may only halt,
 * and leaving HALTED is an explicit, audited reset.
 */
import { z } from 'zod';
import { defineDomain } from '../define';
import { TimeMsSchema } from '../schemas';
import {
  AlertLevelSchema, AlertRowSchema, DrillLogEntrySchema, DrillResultSchema, HealthCheckSchema, IncidentDrillSchema, IncidentResultSchema,
  LiveEventSchema, LiveStatusSchema, PortfolioSchema, RunbookSchema, SessionDetailSchema, SessionIdSchema, SessionStartInputSchema,
  SessionStatusSchema, SessionSummarySchema, TradingStatusSchema,
} from './live-schemas';

const Id = z.object({ id: SessionIdSchema });

export const liveDomain = defineDomain({
  commands: {
    'live:status': {
      doc: 'Environment, effective mode, the five gates (LIVE LOCKED), trading state, risk limits, portfolio evaluation, health.',
      input: z.object({}).default({}),
      output: LiveStatusSchema,
    },
    'live:health': {
      doc: 'Operator checks: config valid, exchange reachability (offline here), alert sinks configured, risk config sane.',
      input: z.object({}).default({}),
      output: z.object({ ok: z.boolean(), checks: z.array(HealthCheckSchema) }),
    },
    'live:portfolio': {
      doc: 'Equity, exposure and open positions over running sessions, with the portfolio risk evaluation and margins.',
      input: z.object({}).default({}),
      output: PortfolioSchema,
    },
    'live:kill-switch': {
      doc: 'engage: HALTED (stops running sessions); reset: leave HALTED (needs a reason); both audited.',
      input: z.strictObject({
        action: z.enum(['engage', 'reset', 'reducing']),
        reason: z.string().min(1).max(500),
        /** the UI's confirmation: must be true */
        confirm: z.literal(true),
        /** reset only: the state to go to */
        to: z.enum(['ACTIVE', 'REDUCING']).default('ACTIVE'),
        actor: z.string().min(1).max(60).default('operator'),
      }),
      output: TradingStatusSchema,
    },
    'live:session-start': {
      doc: 'Start a paper/shadow session (replay of a data set at 1×/10×/100×/max, or the seeded GARCH generator); runs as job "live-session".',
      input: SessionStartInputSchema,
      output: SessionDetailSchema,
    },
    'live:session-list': {
      doc: 'Sessions, newest first, filtered by status, mode, strategy, date range and text (name or id).',
      input: z
        .object({
          status: SessionStatusSchema.optional(),
          mode: z.string().max(20).optional(),
          strategyId: z.string().max(80).optional(),
          from: TimeMsSchema.optional(),
          to: TimeMsSchema.optional(),
          text: z.string().max(120).optional(),
          profitable: z.boolean().optional(),
          limit: z.number().int().min(1).max(1000).default(200),
        })
        .default({ limit: 200 }),
      output: z.object({ sessions: z.array(SessionSummarySchema), total: z.number().int() }),
    },
    'live:session-get': {
      doc: 'One session: config, equity, trades, orders with latency, the last events.',
      input: Id.extend({ events: z.number().int().min(0).max(5000).default(200) }),
      output: SessionDetailSchema,
    },
    'live:session-events': {
      doc: 'Events of a session (or all) after an event id, oldest first.',
      input: z.object({ id: SessionIdSchema.optional(), afterId: z.number().int().min(0).default(0), limit: z.number().int().min(1).max(5000).default(500) }),
      output: z.array(LiveEventSchema),
    },
    'live:session-pause': { doc: 'Pause a running session.', input: Id, output: SessionSummarySchema },
    'live:session-resume': { doc: 'Resume a paused session.', input: Id, output: SessionSummarySchema },
    'live:session-stop': { doc: 'Stop a session (kept with everything up to its last bar).', input: Id, output: SessionSummarySchema },
    'live:session-report': {
      doc: 'Self-contained HTML + Markdown report of a session, or the daily live-status report (no id).',
      input: z.object({ id: SessionIdSchema.optional() }),
      output: z.object({ title: z.string(), html: z.string(), markdown: z.string() }),
    },
    'live:drills-run': {
      doc: 'Run the gate drills A–G (expected vs actual, pass/fail); results go to the drill log and the audit log.',
      input: z.object({}).default({}),
      output: z.array(DrillResultSchema),
    },
    'live:incident-drill': {
      doc: 'Inject a fault into a short paper session and check the response (data gap, PnL divergence, risk violation, sink failure).',
      input: z.strictObject({
        drill: IncidentDrillSchema,
        stepsTicked: z.array(z.string().max(300)).max(50).default([]),
        notes: z.string().max(4000).default(''),
      }),
      output: IncidentResultSchema,
    },
    'live:drill-log': {
      doc: 'Gate and incident drill results, newest first.',
      input: z.object({ limit: z.number().int().min(1).max(1000).default(100) }).default({ limit: 100 }),
      output: z.array(DrillLogEntrySchema),
    },
    'live:runbooks': { doc: 'The incident runbooks shipped with the app.', input: z.object({}).default({}), output: z.array(RunbookSchema) },
    'live:alerts': {
      doc: 'Alerts, newest first.',
      input: z.object({ minLevel: AlertLevelSchema.default('INFO'), limit: z.number().int().min(1).max(2000).default(200) }).default({ minLevel: 'INFO', limit: 200 }),
      output: z.array(AlertRowSchema),
    },
  },
  events: {
    'live:did-event': LiveEventSchema,
    'live:did-change': z.object({ sessionId: z.number().int().nullable(), status: z.string(), barsDone: z.number().int(), equity: z.number() }),
  },
});
