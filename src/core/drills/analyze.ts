/**
 * One drill's full analysis: reaction records and summary, events and outcomes, pain points, both heatmaps
 * (report method and feature-based), the feature events behind the latter, and the paper trades.
 */
import type { Bars } from '../data/bars';
import type { DrillAction, DrillSignal } from './types';
import { reactionRecords, summariseReactions, type ReactionRecord, type ReactionSummary } from './reaction';
import { buildEvents, outcomeCounts, painPoints, LOOKAHEAD_BARS, type DrillEvent } from './outcomes';
import { clusterOf, reportHeatmap, type Heatmap, type QuirkMode } from './psychology';
import { featureHeatmap, type FeatureEvent } from './features';
import { paperTrades, type PaperOrder, type PaperTrade, type DrillKey } from './replay';

/** An action as stored: the SPEC record plus what the replay knows (key, bar shown when pressed). */
export interface StoredAction extends DrillAction {
  key: DrillKey;
  bar: number;
}

export interface DrillAnalysis {
  reactions: ReactionRecord[];
  summary: ReactionSummary;
  events: DrillEvent[];
  outcomes: ReturnType<typeof outcomeCounts>;
  painPoints: DrillEvent[];
  heatmapReport: Heatmap;
  heatmapFeatures: Heatmap;
  featureEvents: FeatureEvent[];
  trades: PaperTrade[];
  pnl: number;
  fees: number;
  offSignalActions: number;
}

const pct = (a: number, b: number) => (b === 0 ? 0 : (a / b) * 100);
const MARK_WORDS = { fomo: /\bfomo\b/i, fear: /\b(fear|angst)\b/i, impulsive: /\bimpuls/i } as const;

/** Max favourable / adverse excursion in % of close[from] over bars (from, to], for a side. */
export function excursions(close: ArrayLike<number>, from: number, to: number, side: number): { favorablePct: number; adversePct: number } {
  let fav = 0;
  let adv = 0;
  const base = close[from];
  for (let i = from + 1; i <= Math.min(to, close.length - 1); i++) {
    const m = pct((close[i] - base) * side, base);
    if (m > fav) fav = m;
    if (-m > adv) adv = -m;
  }
  return { favorablePct: fav, adversePct: adv };
}

export function buildFeatureEvents(bars: Bars, signals: readonly DrillSignal[], actions: readonly StoredAction[], trades: readonly PaperTrade[]): FeatureEvent[] {
  const close = bars.close;
  const out: FeatureEvent[] = [];
  let skipStreak = 0;
  const firstBy = new Map<string, StoredAction>();
  for (const a of actions) {
    if (a.signalId === null) continue;
    const p = firstBy.get(a.signalId);
    if (!p || (a.latencyMs ?? 0) < (p.latencyMs ?? 0)) firstBy.set(a.signalId, a);
  }
  const lossStreakAt = (bar: number) => {
    let k = 0;
    for (const t of trades.filter((x) => x.exitBar <= bar).reverse()) {
      if (t.pnl < 0) k++;
      else break;
    }
    return k;
  };
  const marks = (note: string) => ({ fomo: MARK_WORDS.fomo.test(note), fear: MARK_WORDS.fear.test(note), impulsive: MARK_WORDS.impulsive.test(note) });
  for (const s of signals) {
    const a = firstBy.get(s.signalId);
    const action: FeatureEvent['action'] = !a ? 'none' : a.key === 'skip' ? 'skip' : a.key === 'exit' ? 'exit' : 'enter';
    const side = s.state !== 0 ? s.state : 1;
    const actBar = a ? Math.min(a.bar, close.length - 1) : s.bar;
    const move = pct((close[actBar] - close[s.bar]) * side, close[s.bar]);
    let exc = excursions(close, s.bar, s.bar + LOOKAHEAD_BARS, side);
    let pnlBp = 0;
    if (action === 'exit') {
      const t = trades.find((x) => x.reason === 'key' && x.exitBar === actBar + 1);
      if (t) {
        pnlBp = pct(t.pnl, t.entryPrice * t.qty) * 100;
        exc = excursions(close, t.entryBar, actBar, t.side);
      }
    } else if (action === 'enter') {
      const dir = a?.key === 'enter_short' ? -1 : 1;
      const j = Math.min(actBar + LOOKAHEAD_BARS, close.length - 1);
      pnlBp = pct((close[j] - close[actBar]) * dir, close[actBar]) * 100;
    }
    const opposite = a !== undefined && action !== 'skip' && a.userAction === 'RULE_BREAK';
    out.push({
      signalId: s.signalId, cluster: clusterOf(s.tags), action, latencyS: a?.latencyMs != null ? a.latencyMs / 1000 : null,
      movePct: Math.max(0, move), pnlBp, adversePct: exc.adversePct, favorablePct: exc.favorablePct,
      lossStreak: lossStreakAt(s.bar), skipStreak, hasSetup: s.recommended !== 'NONE', hasSignal: true,
      oppositeToSignal: opposite, sizeViolation: false, riskViolation: false, marked: marks(a?.note ?? ''),
    });
    skipStreak = action === 'skip' || action === 'none' ? skipStreak + 1 : 0;
  }
  actions.filter((a) => a.signalId === null && a.key !== 'skip').forEach((a, i) => {
    out.push({
      signalId: `off${i + 1}`, cluster: 'other', action: a.key === 'exit' ? 'exit' : 'enter', latencyS: null, movePct: 0, pnlBp: 0,
      adversePct: 0, favorablePct: 0, lossStreak: lossStreakAt(a.bar), skipStreak: 0, hasSetup: false, hasSignal: false,
      oppositeToSignal: false, sizeViolation: false, riskViolation: false, marked: marks(a.note),
    });
  });
  return out;
}

export function analyseDrill(bars: Bars, signals: readonly DrillSignal[], actions: readonly StoredAction[], quirks: QuirkMode = 'intended'): DrillAnalysis {
  const reactions = reactionRecords(signals, actions);
  const events = buildEvents(signals, actions, bars.close);
  const orders: PaperOrder[] = actions.filter((a) => a.key !== 'skip' && (a.userAction !== 'SKIPPED')).map((a) => ({ bar: a.bar, key: a.key as PaperOrder['key'] }));
  const { trades, pnl, fees } = paperTrades(bars, orders);
  const featureEvents = buildFeatureEvents(bars, signals, actions, trades);
  return {
    reactions, summary: summariseReactions(reactions), events, outcomes: outcomeCounts(events), painPoints: painPoints(events),
    heatmapReport: reportHeatmap(events, quirks), heatmapFeatures: featureHeatmap(featureEvents), featureEvents,
    trades, pnl, fees, offSignalActions: actions.filter((a) => a.signalId === null).length,
  };
}
