import { z } from 'zod';
import { defineDomain } from '../define';
import { RunIdSchema, TimeMsSchema } from '../schemas';

const MarkerSchema = z.object({
  kind: z.enum(['entry', 'exit']),
  time: z.number(),
  price: z.number(),
  side: z.enum(['long', 'short']),
  outcome: z.enum(['win', 'loss', 'open']),
  /** index into [...trades, ...openTrades] of runs:get */
  trade: z.number().int(),
  returnPct: z.number(),
  pnl: z.number(),
  reason: z.string(),
});

const ClusterSchema = z.object({
  time: z.number(),
  price: z.number(),
  count: z.number().int(),
  entries: z.number().int(),
  exits: z.number().int(),
  wins: z.number().int(),
  losses: z.number().int(),
  longs: z.number().int(),
  shorts: z.number().int(),
});

/** The backtest price chart: every panel on one set of time buckets (one linked time axis). */
export const PriceChartSchema = z.object({
  time: z.array(z.number()),
  open: z.array(z.number()),
  high: z.array(z.number()),
  low: z.array(z.number()),
  close: z.array(z.number()),
  /** the strategy's own series (price overlays and one oscillator panel); null during warm-up */
  indicators: z.array(z.object({ key: z.string(), label: z.string(), panel: z.enum(['price', 'osc']), values: z.array(z.number().nullable()) })),
  levels: z.array(z.object({ panel: z.literal('osc'), value: z.number(), label: z.string() })),
  oscTitle: z.string(),
  equity: z.array(z.number()),
  buyHold: z.array(z.number()),
  drawdown: z.array(z.number()),
  barsPerPoint: z.number().int(),
  totalBars: z.number().int(),
  from: z.number(),
  to: z.number(),
  /** single trade events when at most maxMarkers fall in the window, else clusters per time bin */
  markers: z.array(MarkerSchema),
  clusters: z.array(ClusterSchema),
  markerTotal: z.number().int(),
});

export const chartsDomain = defineDomain({
  commands: {
    'charts:price': {
      doc: 'Price chart of a stored backtest: LOD candles, the strategy’s indicator series, trade markers (clustered when dense), equity, buy & hold and drawdown, at most maxPoints buckets in [from, to].',
      input: z.object({
        id: RunIdSchema,
        maxPoints: z.number().int().min(2).max(20_000).default(2000),
        maxMarkers: z.number().int().min(0).max(5000).default(400),
        from: TimeMsSchema.optional(),
        to: TimeMsSchema.optional(),
      }),
      output: PriceChartSchema,
    },
  },
});
