/**
 * Entry / exit markers of a run's trades for the price chart. Up to `maxMarkers` events in the visible window
 * are drawn one by one (shape by side, colour by outcome); beyond that they are aggregated into clusters per
 * time bin (count, wins / losses, longs / shorts) so 5,961 trades on a minute year stay readable and cheap;
 * zooming in shows the single trades again.
 */
import type { Trade } from '../engine/types';

export interface TradeMarker {
  kind: 'entry' | 'exit';
  time: number;
  price: number;
  side: 'long' | 'short';
  /** win: net PnL > 0, loss: ≤ 0, open: not closed yet */
  outcome: 'win' | 'loss' | 'open';
  /** index into [...trades, ...openTrades] */
  trade: number;
  returnPct: number;
  pnl: number;
  reason: string;
}

export interface MarkerCluster {
  /** time of the first event in the bin, epoch ms */
  time: number;
  /** mean price of the events in the bin */
  price: number;
  count: number;
  entries: number;
  exits: number;
  wins: number;
  losses: number;
  longs: number;
  shorts: number;
}

export interface MarkerSet {
  markers: TradeMarker[];
  clusters: MarkerCluster[];
  /** events (entries + exits) inside the window */
  total: number;
}

function outcomeOf(t: Trade): TradeMarker['outcome'] {
  if (t.exitBar < 0) return 'open';
  return t.pnl > 0 ? 'win' : 'loss';
}

/** Events of `trades` (closed then open, one index space) with time in [lo, hi], singly or clustered into `bins`. */
export function tradeMarkers(trades: readonly Trade[], lo: number, hi: number, maxMarkers: number, bins = Math.max(1, Math.floor(maxMarkers / 2))): MarkerSet {
  // Count first: a dense window (a minute year, 40k events) is binned straight from the trades, no event objects.
  let total = 0;
  for (const t of trades) {
    if (t.entryTime >= lo && t.entryTime <= hi) total++;
    if (t.exitBar >= 0 && t.exitTime >= lo && t.exitTime <= hi) total++;
  }
  if (total > maxMarkers) return { markers: [], clusters: binEvents(trades, lo, hi, bins), total };
  const events: TradeMarker[] = [];
  for (let i = 0; i < trades.length; i++) {
    const t = trades[i];
    const base = { side: t.size > 0 ? 'long' : 'short', outcome: outcomeOf(t), trade: i, returnPct: t.returnPct, pnl: t.pnl, reason: t.exitReason } as const;
    if (t.entryTime >= lo && t.entryTime <= hi) events.push({ ...base, kind: 'entry', time: t.entryTime, price: t.entryPrice });
    if (t.exitBar >= 0 && t.exitTime >= lo && t.exitTime <= hi) events.push({ ...base, kind: 'exit', time: t.exitTime, price: t.exitPrice });
  }
  events.sort((a, b) => a.time - b.time);
  return { markers: events, clusters: [], total: events.length };
}

/** Events per time bin (bins of equal width over [lo, hi]); empty bins are left out. */
function binEvents(trades: readonly Trade[], lo: number, hi: number, bins: number): MarkerCluster[] {
  const width = Math.max(1, (hi - lo) / bins);
  const z = () => new Float64Array(bins);
  const first = new Float64Array(bins).fill(Infinity);
  const sum = z(), count = z(), entries = z(), exits = z(), wins = z(), losses = z(), longs = z(), shorts = z();
  const at = (time: number) => Math.min(bins - 1, Math.floor((time - lo) / width));
  for (const t of trades) {
    if (t.entryTime >= lo && t.entryTime <= hi) {
      const b = at(t.entryTime);
      if (t.entryTime < first[b]) first[b] = t.entryTime;
      sum[b] += t.entryPrice;
      count[b]++;
      entries[b]++;
      if (t.size > 0) longs[b]++;
      else shorts[b]++;
    }
    if (t.exitBar >= 0 && t.exitTime >= lo && t.exitTime <= hi) {
      const b = at(t.exitTime);
      if (t.exitTime < first[b]) first[b] = t.exitTime;
      sum[b] += t.exitPrice;
      count[b]++;
      exits[b]++;
      if (t.pnl > 0) wins[b]++;
      else losses[b]++;
    }
  }
  const out: MarkerCluster[] = [];
  for (let b = 0; b < bins; b++) {
    if (count[b] === 0) continue;
    out.push({ time: first[b], price: sum[b] / count[b], count: count[b], entries: entries[b], exits: exits[b], wins: wins[b], losses: losses[b], longs: longs[b], shorts: shorts[b] });
  }
  return out;
}
