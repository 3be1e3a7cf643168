/**
 * The `backtesting-py` compatibility preset: a faithful replica of backtesting.py 0.6.x's broker
 * (`_Broker._process_orders`, `_open_trade`, `_close_trade`, `Trade.pl`/`pl_pct`) driven by target positions.
 *
 * Conventions reproduced on purpose (they are what makes results match to 1e-8):
 * - The strategy decides at bar i's close (its `next()`), from bar `start = warmup + 1` on. Orders placed then
 *   are processed at bar i+1: market orders fill at open[i+1] (or close[i], entry bar i, with fill 'close' =
 *   backtesting.py's trade_on_close).
 * - A change of the target's sign is translated the way an event strategy would write it: close every open trade
 *   (`position.close()`: close orders go to the FRONT of the queue), then, if the new target is not flat,
 *   `buy()`/`sell()` with size = |target| of equity (|target| = 1 → backtesting.py's 1 − ε "full equity").
 *   A magnitude change with the same sign places no order; after a stop-out the position stays flat until the
 *   target changes again (exactly like a crossover strategy).
 * - Relative sizes become WHOLE units: floor(margin_available · |size| / (adjusted price + commission per unit)),
 *   with Python's float floor-division. margin_available values open trades at the CURRENT bar's close (a
 *   backtesting.py quirk, kept). An order that does not fit (fully invested, or < 1 unit) is cancelled.
 * - Commission (`cfg.commission`, relative) is charged at entry (cash at once) and at exit; `cfg.slippage` plays
 *   the role of backtesting.py's `spread` (entry price adjusted against the trader).
 * - Optional SL/TP are placed with the entry order relative to the close the decision was made on (as a
 *   strategy calling `buy(sl=close*(1-p))` would); SL is processed before TP in the same bar (stop first).
 * - finalize: after the last bar, open trades get close orders in front of anything pending and the broker runs
 *   once more on the last bar (so they close at the last bar's OPEN). Without finalize open trades stay out of the
 *   trade list and the stats (as backtesting.py's finalize_trades=False) but count in equity; they are reported in
 *   `openTrades` (exitBar −1, exitReason 'open', exitPrice/exitTime = last close/time).
 * - Equity ≤ 0 at a bar: every trade is closed at that close, equity is 0 from there on and the run stops.
 */
import type { Bars } from '../data/bars';
import type { BacktestResult, EngineConfig, Trade } from './types';

/** backtesting.py's `_FULL_EQUITY = 1 - sys.float_info.epsilon` */
const FULL_EQUITY = 1 - 2.220446049250313e-16;

interface BtTrade {
  size: number;
  entryPrice: number;
  entryBar: number;
  exitPrice: number;
  exitBar: number;
  commissions: number;
  slOrder: BtOrder | null;
  tpOrder: BtOrder | null;
  exitReason: Trade['exitReason'];
}

interface BtOrder {
  size: number;
  limit: number | null;
  stop: number | null;
  sl: number | null;
  tp: number | null;
  parent: BtTrade | null;
}

/** Python's float `a // b` (CPython float_floor_div), which can differ from Math.floor(a / b) near integers. */
export function pyFloorDiv(a: number, b: number): number {
  let mod = a % b;
  let div = (a - mod) / b;
  if (mod) {
    if (b < 0 !== mod < 0) {
      mod += b;
      div -= 1;
    }
  }
  if (div) {
    let floordiv = Math.floor(div);
    if (div - floordiv > 0.5) floordiv += 1;
    return floordiv;
  }
  return 0 * (a / b);
}

const isContingent = (o: BtOrder): boolean =>
  o.parent !== null && (o === o.parent.slOrder || o === o.parent.tpOrder);

export function runBacktestingPy(bars: Bars, target: Float64Array, warmup: number, cfg: EngineConfig): BacktestResult {
  const { open, high, low, close, time } = bars;
  const n = close.length;
  const commissionRate = cfg.commission;
  const spread = cfg.slippage;
  const tradeOnClose = cfg.fill === 'close';
  const leverage = 1;
  const commission = (size: number, price: number): number => Math.abs(size) * price * commissionRate;

  let cash = cfg.cash;
  const trades: BtTrade[] = [];
  const orders: BtOrder[] = [];
  const closed: BtTrade[] = [];
  let feesPaid = 0;
  const equity = new Float64Array(n).fill(NaN);

  // Bar being processed by the broker; `lastClose` is backtesting.py's `last_price` (Close[-1]).
  let bar = 0;
  const lastClose = (): number => close[bar];
  const tradePl = (t: BtTrade): number => t.size * ((t.exitBar >= 0 ? t.exitPrice : lastClose()) - t.entryPrice) - t.commissions;
  const equityNow = (): number => {
    let e = cash;
    for (const t of trades) e += tradePl(t);
    return e;
  };
  const marginAvailable = (): number => {
    let used = 0;
    for (const t of trades) used += (Math.abs(t.size) * (t.exitBar >= 0 ? t.exitPrice : lastClose())) / leverage;
    return Math.max(0, equityNow() - used);
  };
  const removeOrder = (o: BtOrder): void => {
    const k = orders.indexOf(o);
    if (k >= 0) orders.splice(k, 1);
  };

  const closeTrade = (t: BtTrade, price: number, timeIndex: number, reason: Trade['exitReason']): void => {
    trades.splice(trades.indexOf(t), 1);
    if (t.slOrder) removeOrder(t.slOrder);
    if (t.tpOrder) removeOrder(t.tpOrder);
    t.exitPrice = price;
    t.exitBar = timeIndex;
    t.exitReason = reason;
    closed.push(t);
    const exitCommission = commission(t.size, price);
    cash += tradePl(t) - exitCommission;
    t.commissions = exitCommission + commission(t.size, t.entryPrice);
    feesPaid += exitCommission;
  };

  const reduceTrade = (t: BtTrade, price: number, size: number, timeIndex: number, reason: Trade['exitReason']): void => {
    const sizeLeft = t.size + size;
    let toClose = t;
    if (sizeLeft) {
      t.size = sizeLeft;
      if (t.slOrder) t.slOrder.size = -t.size;
      if (t.tpOrder) t.tpOrder.size = -t.size;
      toClose = { ...t, size: -size, slOrder: null, tpOrder: null };
      trades.push(toClose);
    }
    closeTrade(toClose, price, timeIndex, reason);
  };

  const newContingent = (t: BtTrade, kind: 'sl' | 'tp', price: number): void => {
    const o: BtOrder = { size: -t.size, limit: kind === 'tp' ? price : null, stop: kind === 'sl' ? price : null, sl: null, tp: null, parent: t };
    if (kind === 'sl') {
      t.slOrder = o;
      orders.unshift(o); // stop orders of a trade go first: SL is processed before TP
    } else {
      t.tpOrder = o;
      orders.push(o);
    }
  };

  const openTrade = (price: number, size: number, sl: number | null, tp: number | null, timeIndex: number): void => {
    const t: BtTrade = { size, entryPrice: price, entryBar: timeIndex, exitPrice: NaN, exitBar: -1, commissions: 0, slOrder: null, tpOrder: null, exitReason: 'open' };
    trades.push(t);
    const c = commission(size, price);
    cash -= c;
    feesPaid += c;
    if (tp) newContingent(t, 'tp', tp);
    if (sl) newContingent(t, 'sl', sl);
  };

  const processOrders = (): void => {
    const o_ = open[bar], h = high[bar], l = low[bar];
    let reprocess = false;
    for (const order of orders.slice()) {
      if (!orders.includes(order)) continue;
      const isLong = order.size > 0;
      const stopPrice = order.stop;
      if (stopPrice) {
        const hit = isLong ? h >= stopPrice : l <= stopPrice;
        if (!hit) continue;
        order.stop = null;
      }
      let price: number;
      if (order.limit) {
        const limitHit = isLong ? l <= order.limit : h >= order.limit;
        const limitBeforeStop = limitHit && (isLong ? order.limit <= (stopPrice ?? -Infinity) : order.limit >= (stopPrice ?? Infinity));
        if (!limitHit || limitBeforeStop) continue;
        price = isLong ? Math.min(stopPrice ?? o_, order.limit) : Math.max(stopPrice ?? o_, order.limit);
      } else {
        price = tradeOnClose && !isContingent(order) ? close[bar - 1] : o_;
        if (stopPrice) price = isLong ? Math.max(price, stopPrice) : Math.min(price, stopPrice);
      }
      const isMarket = !order.limit && !stopPrice;
      const timeIndex = isMarket && tradeOnClose && !isContingent(order) ? bar - 1 : bar;

      if (order.parent) {
        const t = order.parent;
        const size = Math.sign(order.size) * Math.min(Math.abs(t.size), Math.abs(order.size));
        const reason: Trade['exitReason'] = order === t.slOrder ? 'stop_loss' : order === t.tpOrder ? 'take_profit' : 'signal';
        const wasContingent = isContingent(order);
        if (trades.includes(t)) reduceTrade(t, price, size, timeIndex, reason);
        if (!wasContingent) removeOrder(order);
        continue;
      }

      const adjusted = price * (1 + Math.sign(order.size) * spread);
      const adjustedPlusCommission = adjusted + commission(order.size, price) / Math.abs(order.size);
      let size = order.size;
      if (-1 < size && size < 1) {
        size = Math.sign(size) * Math.trunc(pyFloorDiv(marginAvailable() * leverage * Math.abs(size), adjustedPlusCommission));
        if (!size) {
          removeOrder(order);
          continue;
        }
      }
      let need = Math.trunc(size);
      // Not hedging: FIFO-close opposite trades first (at the unadjusted price).
      for (const t of trades.slice()) {
        if (t.size > 0 === isLong) continue;
        if (Math.abs(need) >= Math.abs(t.size)) {
          closeTrade(t, price, timeIndex, 'signal');
          need += t.size;
        } else {
          reduceTrade(t, price, need, timeIndex, 'signal');
          need = 0;
        }
        if (!need) break;
      }
      if (Math.abs(need) * adjustedPlusCommission > marginAvailable() * leverage) {
        removeOrder(order);
        continue;
      }
      if (need) {
        openTrade(adjusted, need, order.sl, order.tp, timeIndex);
        if ((order.sl || order.tp) && isMarket) reprocess = true;
      }
      removeOrder(order);
    }
    if (reprocess) processOrders();
  };

  /** Returns false when the account ran out of money (the run stops). */
  const brokerNext = (i: number): boolean => {
    bar = i;
    processOrders();
    const e = equityNow();
    equity[i] = e;
    if (e <= 0) {
      // backtesting.py iterates the list it mutates, closing every other trade; with one position that is all.
      for (const t of trades.slice()) closeTrade(t, close[i], i, 'signal');
      cash = 0;
      equity.fill(0, i);
      return false;
    }
    return true;
  };

  const start = Math.max(1, warmup + 1);
  let prevSign = 0;
  let ranOut = false;
  for (let i = start; i < n; i++) {
    if (!brokerNext(i)) {
      ranOut = true;
      break;
    }
    const tgt = target[i];
    const sign = tgt > 0 ? 1 : tgt < 0 ? -1 : 0;
    if (sign !== prevSign) {
      // position.close(): each trade's close order is inserted at the front
      for (const t of trades) orders.unshift({ size: -t.size, limit: null, stop: null, sl: null, tp: null, parent: t });
      if (sign !== 0) {
        const frac = Math.min(1, Math.abs(tgt));
        const size = sign * (frac >= 1 ? FULL_EQUITY : frac);
        const ref = close[i];
        const sl = cfg.stopLossPct ? ref * (1 - sign * cfg.stopLossPct) : null;
        const tp = cfg.takeProfitPct ? ref * (1 + sign * cfg.takeProfitPct) : null;
        orders.push({ size, limit: null, stop: null, sl, tp, parent: null });
      }
      prevSign = sign;
    }
  }
  if (!ranOut && cfg.finalize && start < n) {
    for (const t of trades.slice().reverse()) orders.unshift({ size: -t.size, limit: null, stop: null, sl: null, tp: null, parent: t });
    // Same OHLC as the last iteration; the close orders fill at the last bar's open.
    const before = closed.length;
    brokerNext(n - 1);
    for (let k = before; k < closed.length; k++) if (closed[k].exitReason === 'signal') closed[k].exitReason = 'end_of_data';
  }

  // Leading bars before `start` carry the initial cash (pandas bfill of the first recorded equity).
  let firstRecorded = cfg.cash;
  for (let i = 0; i < n; i++) if (!Number.isNaN(equity[i])) { firstRecorded = equity[i]; break; }
  for (let i = 0; i < n && Number.isNaN(equity[i]); i++) equity[i] = firstRecorded;

  const toTrade = (t: BtTrade): Trade => {
    const exitPrice = t.exitBar >= 0 ? t.exitPrice : close[n - 1];
    const pnl = t.size * (exitPrice - t.entryPrice) - t.commissions;
    const returnPct = Math.sign(t.size) * (exitPrice / t.entryPrice - 1) - t.commissions / (Math.abs(t.size) * t.entryPrice);
    return {
      entryBar: t.entryBar,
      exitBar: t.exitBar,
      entryTime: time[t.entryBar],
      // an open trade is marked at the last bar like the default engine's (exitBar −1 says it is open): NaN here
      // could not be stored and crashed the no-finalize preset (Trust #1)
      exitTime: t.exitBar >= 0 ? time[t.exitBar] : time[n - 1],
      size: t.size,
      entryPrice: t.entryPrice,
      exitPrice,
      pnl,
      returnPct,
      fees: t.exitBar >= 0 ? t.commissions : commission(t.size, t.entryPrice),
      exitReason: t.exitReason,
    };
  };

  const closedTrades = closed.map(toTrade);
  let exposureBars = 0;
  const held = new Uint8Array(n);
  for (const t of closedTrades) for (let i = t.entryBar; i <= t.exitBar; i++) held[i] = 1;
  for (let i = 0; i < n; i++) exposureBars += held[i];

  return {
    equity,
    trades: closedTrades,
    openTrades: trades.map(toTrade),
    exposureBars,
    feesPaid,
    startBar: start,
    warmup,
  };
}
