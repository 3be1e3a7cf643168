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
  const events: TradeMarker[] = [];
  for (let i = 0; i < trades.length; i++) {
    const t = trades[i];
    const base = { side: t.size > 0 ? 'long' : 'short', outcome: outcomeOf(t), trade: i, returnPct: t.returnPct, pnl: t.pnl, reason: t.exitReason } as const;
    if (t.entryTime >= lo && t.entryTime <= hi) events.push({ ...base, kind: 'entry', time: t.entryTime, price: t.entryPrice });
    if (t.exitBar >= 0 && t.exitTime >= lo && t.exitTime <= hi) events.push({ ...base, kind: 'exit', time: t.exitTime, price: t.exitPrice });
  }
  events.sort((a, b) => a.time - b.time);
  if (events.length <= maxMarkers) return { markers: events, clusters: [], total: events.length };
  const width = Math.max(1, (hi - lo) / bins);
  const clusters: MarkerCluster[] = [];
  let cur: (MarkerCluster & { bin: number; sum: number }) | null = null;
  for (const e of events) {
    const bin = Math.min(bins - 1, Math.floor((e.time - lo) / width));
    if (!cur || cur.bin !== bin) {
      if (cur) clusters.push(finish(cur));
      cur = { bin, sum: 0, time: e.time, price: 0, count: 0, entries: 0, exits: 0, wins: 0, losses: 0, longs: 0, shorts: 0 };
    }
    cur.count++;
    cur.sum += e.price;
    if (e.kind === 'entry') {
      cur.entries++;
      if (e.side === 'long') cur.longs++;
      else cur.shorts++;
    } else {
      cur.exits++;
      if (e.outcome === 'win') cur.wins++;
      else if (e.outcome === 'loss') cur.losses++;
    }
  }
  if (cur) clusters.push(finish(cur));
  return { markers: [], clusters, total: events.length };
}

function finish(c: MarkerCluster & { bin: number; sum: number }): MarkerCluster {
  const { bin: _bin, sum, ...rest } = c;
  return { ...rest, price: sum / c.count };
}
