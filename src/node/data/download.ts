import type { Exchange, OHLCV } from 'ccxt';
import { type Bars, makeBars } from '../../core/data/bars';
import type { QualityReport } from '../../core/data/quality';
import { formatTimestamp } from '../../core/data/timestamp';
import { qualityReport, validateBars } from '../../core/data/validate';
import { PeakError } from '../../core/errors';

/**
 * OHLCV download from any ccxt exchange (Kraken by default), paging forward in time.
 *
 * Conventions: all times are epoch ms UTC and refer to a candle's OPEN time. The range is
 * [max(sinceMs, resumeFromMs + 1), untilMs) — `resumeFromMs` is the open time of the last bar the caller
 * already has, so only later candles come back. Pages are requested with ccxt
 * `fetchOHLCV(symbol, timeframe, since, limit)`, each starting one interval after the last candle kept;
 * overlapping or repeated candles are dropped (the first copy wins). Paging stops at `untilMs` or when a page
 * adds nothing. Requests are spaced by ccxt's own throttle (`enableRateLimit: true`, `exchange.rateLimit` ms).
 *
 * Note: Kraken's public OHLC endpoint only serves its most recent 720 candles per interval, whatever `since`
 * says; a long Kraken history therefore ends up shorter than asked (the report shows the range obtained).
 */
export interface DownloadProgress {
  /** candles kept so far */
  fetched: number;
  /** expected candle count when `untilMs` is known (an upper bound: gaps make it smaller) */
  total?: number;
  /** open time of the newest candle kept (epoch ms UTC) */
  lastTime: number;
}

export interface DownloadOptions {
  /** any ccxt exchange id; default 'kraken' */
  exchangeId?: string;
  /** ccxt unified symbol, e.g. 'BTC/USD' */
  symbol: string;
  /** ccxt timeframe, e.g. '1m', '1h', '1d' */
  timeframe: string;
  sinceMs: number;
  /** exclusive end (open time); default: until the exchange has nothing newer */
  untilMs?: number;
  /** open time of the last bar already stored; only later candles are fetched */
  resumeFromMs?: number;
  /** replaces every REST base URL of the exchange (tests: a local replay server) */
  apiUrlOverride?: string;
  onProgress?: (p: DownloadProgress) => void;
  signal?: AbortSignal;
  /** candles per request (ccxt `limit`); default: the exchange's own default */
  pageLimit?: number;
  /** ms between requests instead of the exchange's `rateLimit` (never below what the caller accepts) */
  rateLimitMs?: number;
  /** safety stop against an exchange that never runs dry; default 100,000 pages */
  maxPages?: number;
  /** request timeout in ms; default ccxt's (10 s) */
  timeoutMs?: number;
  /**
   * the caller's clock (epoch ms): candles still forming at this time (open + interval > nowMs) are left out,
   * so a later resume fetches them complete. Without it the newest candle may be partial.
   */
  nowMs?: number;
}

export interface DownloadResult {
  bars: Bars;
  report: QualityReport;
  pages: number;
}

const isPrice = (x: unknown): x is number => typeof x === 'number' && Number.isFinite(x) && x > 0;

type ExchangeCtor = new (config: Record<string, unknown>) => Exchange;
const isCtor = (x: unknown): x is ExchangeCtor => typeof x === 'function';

const cancelled = (what: string): PeakError => new PeakError('CANCELLED', `download cancelled (${what})`);

/** Settle with `p`, or reject with CANCELLED as soon as the signal fires (the request itself runs out). */
function raceAbort<T>(p: Promise<T>, signal: AbortSignal | undefined, what: string): Promise<T> {
  if (!signal) return p;
  return new Promise<T>((resolve, reject) => {
    const onAbort = (): void => reject(cancelled(what));
    if (signal.aborted) { p.catch(() => undefined); onAbort(); return; }
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => { signal.removeEventListener('abort', onAbort); resolve(v); },
      (e: unknown) => { signal.removeEventListener('abort', onAbort); reject(e); },
    );
  });
}

/** Point every REST base URL (string leaves of `urls.api`, nested or not) at `base`, in place. */
function overrideApiUrls(api: object, base: string): void {
  for (const [k, v] of Object.entries(api)) {
    if (typeof v === 'string') Reflect.set(api, k, base);
    else if (v && typeof v === 'object') overrideApiUrls(v, base);
  }
}

type Ccxt = typeof import('ccxt');

/** Map a ccxt failure to a PeakError the user can act on. */
function toPeakError(ccxt: Ccxt, e: unknown, context: string): PeakError {
  if (e instanceof PeakError) return e;
  const msg = (e instanceof Error ? e.message : String(e)).slice(0, 300);
  if (e instanceof ccxt.BadSymbol || e instanceof ccxt.BadRequest || e instanceof ccxt.ArgumentsRequired || e instanceof ccxt.NotSupported) {
    return new PeakError('BAD_INPUT', `${context}: ${msg}`);
  }
  if (e instanceof ccxt.NetworkError) return new PeakError('INTERNAL', `${context}: network error: ${msg}`);
  return new PeakError('INTERNAL', `${context}: ${msg}`);
}

export async function downloadOhlcv(opts: DownloadOptions): Promise<DownloadResult> {
  const exchangeId = opts.exchangeId ?? 'kraken';
  const { symbol, timeframe, signal } = opts;
  const label = `${exchangeId} ${symbol} ${timeframe}`;
  if (!Number.isFinite(opts.sinceMs)) throw new PeakError('BAD_INPUT', `download ${label}: since must be a time (epoch ms), got ${opts.sinceMs}`);
  if (opts.untilMs !== undefined && !(opts.untilMs > opts.sinceMs)) {
    throw new PeakError('BAD_INPUT', `download ${label}: until (${formatTimestamp(opts.untilMs)}) must be after since (${formatTimestamp(opts.sinceMs)})`);
  }
  if (signal?.aborted) throw cancelled('before start');

  const ccxt: Ccxt = await import('ccxt');
  const classes: Record<string, unknown> = ccxt.exchanges;
  const Ctor: unknown = Object.hasOwn(classes, exchangeId) ? classes[exchangeId] : undefined;
  if (!isCtor(Ctor)) {
    throw new PeakError('BAD_INPUT', `unknown exchange id "${exchangeId}" (ccxt knows ${Object.keys(classes).length} exchanges, e.g. kraken, binance, coinbase, bitstamp)`);
  }
  const config: Record<string, unknown> = { enableRateLimit: true };
  if (opts.rateLimitMs !== undefined) config.rateLimit = opts.rateLimitMs;
  if (opts.timeoutMs !== undefined) config.timeout = opts.timeoutMs;
  const ex = new Ctor(config);
  if (opts.apiUrlOverride) {
    const base = opts.apiUrlOverride.replace(/\/+$/, '');
    // urls.api is a (possibly nested) map of base URLs in every ccxt exchange; rewrite its string leaves
    const api: unknown = ex.urls.api;
    if (api && typeof api === 'object') overrideApiUrls(api, base);
    else Reflect.set(ex.urls, 'api', base);
  }

  if (!ex.has.fetchOHLCV) throw new PeakError('BAD_INPUT', `exchange "${exchangeId}" does not offer OHLCV candles`);
  if (ex.timeframes && !Object.hasOwn(ex.timeframes, timeframe)) {
    throw new PeakError('BAD_INPUT', `timeframe "${timeframe}" is not offered by ${exchangeId} (offered: ${Object.keys(ex.timeframes).join(', ')})`);
  }
  let tfMs: number;
  try {
    tfMs = ex.parseTimeframe(timeframe) * 1000;
  } catch {
    throw new PeakError('BAD_INPUT', `timeframe "${timeframe}" is not a ccxt timeframe (e.g. 1m, 1h, 1d)`);
  }

  try {
    await raceAbort(ex.loadMarkets(), signal, 'loading markets');
  } catch (e) {
    throw toPeakError(ccxt, e, `${exchangeId}: loading markets`);
  }
  const markets = ex.markets ?? {};
  if (!(symbol in markets)) {
    const [base] = symbol.toUpperCase().split('/');
    const near = Object.keys(markets).filter((s) => s.startsWith(`${base}/`)).slice(0, 8);
    throw new PeakError('BAD_INPUT', `unknown symbol "${symbol}" on ${exchangeId}${near.length ? ` (did you mean ${near.join(', ')}?)` : ''}`);
  }

  const start = opts.resumeFromMs !== undefined ? Math.max(opts.sinceMs, opts.resumeFromMs + 1) : opts.sinceMs;
  const until = opts.untilMs ?? Infinity;
  // a candle closing after nowMs is still forming
  const lastOpen = opts.nowMs !== undefined ? opts.nowMs - tfMs : Infinity;
  const total = Number.isFinite(until) ? Math.max(0, Math.ceil((until - start) / tfMs)) : undefined;
  const maxPages = opts.maxPages ?? 100_000;

  const t: number[] = [], o: number[] = [], h: number[] = [], l: number[] = [], c: number[] = [], v: number[] = [];
  let lastTime = -Infinity;
  let pages = 0;
  let dropped = 0, duplicates = 0, forming = 0;
  let cursor = start;
  while (cursor < until && pages < maxPages) {
    if (signal?.aborted) throw cancelled(`after ${pages} page(s)`);
    let page: OHLCV[];
    try {
      page = await raceAbort(ex.fetchOHLCV(symbol, timeframe, cursor, opts.pageLimit), signal, `page ${pages + 1}`);
    } catch (e) {
      throw toPeakError(ccxt, e, `${label}: page ${pages + 1} (since ${formatTimestamp(cursor)})`);
    }
    pages++;
    let added = 0;
    for (const candle of page) {
      const [ts, op, hi, lo, cl, vol] = candle;
      if (typeof ts !== 'number' || ts < start || ts >= until) continue;
      if (ts > lastOpen) { forming++; continue; }
      if (ts <= lastTime) { duplicates++; continue; }
      if (!(isPrice(op) && isPrice(hi) && isPrice(lo) && isPrice(cl) && hi >= Math.max(op, cl) && lo <= Math.min(op, cl))) {
        dropped++;
        continue;
      }
      t.push(ts); o.push(op); h.push(hi); l.push(lo); c.push(cl);
      v.push(typeof vol === 'number' && Number.isFinite(vol) && vol >= 0 ? vol : 0);
      lastTime = ts;
      added++;
    }
    if (added === 0) break;
    opts.onProgress?.({ fetched: t.length, total, lastTime });
    cursor = lastTime + tfMs;
  }
  if (signal?.aborted) throw cancelled(`after ${pages} page(s)`);

  const bars = makeBars(t.length);
  bars.time.set(t); bars.open.set(o); bars.high.set(h); bars.low.set(l); bars.close.set(c); bars.volume.set(v);
  const warnings: string[] = [];
  if (duplicates > 0) warnings.push(`${duplicates} repeated candle(s) dropped (overlapping pages or repeated rows)`);
  if (dropped > 0) warnings.push(`${dropped} invalid candle(s) (missing or non-positive prices, high/low outside open/close) dropped`);
  if (forming > 0) warnings.push(`${forming} candle(s) still forming at ${formatTimestamp(opts.nowMs ?? NaN)} left out`);
  if (pages >= maxPages) warnings.push(`stopped after ${maxPages} pages (maxPages)`);
  if (t.length === 0) warnings.push(`no candles from ${formatTimestamp(start)}${Number.isFinite(until) ? ` to ${formatTimestamp(until)}` : ''}`);
  const report = t.length > 0 ? validateBars(bars, label).report : qualityReport(bars);
  report.warnings.push(...warnings);
  return { bars, report, pages };
}
