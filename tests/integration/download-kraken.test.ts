import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { downloadOhlcv, type DownloadOptions, type DownloadProgress } from '../../src/node/data/download';
import { PeakError } from '../../src/core/errors';

const FIX = join(__dirname, '../fixtures/kraken');
const load = (name: string): unknown => JSON.parse(readFileSync(join(FIX, name), 'utf8'));
type KrakenRow = [number, string, string, string, string, string, string, number];
const ohlcFile = load('OHLC-XXBTZUSD-60.json') as { result: { XXBTZUSD: KrakenRow[] } };
const CANDLES = ohlcFile.result.XXBTZUSD;
const T0 = Date.UTC(2024, 2, 1); // first candle, epoch ms
const H = 3_600_000;

/** Replays the fixtures like Kraken's public REST API; every request is logged with its arrival time. */
interface Replay {
  pageSize: number;
  /** candles before `since` repeated at the head of each page (ccxt's since filter removes these) */
  overlap: number;
  /** repeat the first row of each page (a replayed candle inside one page: our own de-duplication) */
  repeatFirst: boolean;
  /** serve the candle at this index with its high below its close (a broken row from the exchange) */
  corruptIndex: number;
  delayMs: number;
}
const DEFAULT_REPLAY: Replay = { pageSize: 40, overlap: 2, repeatFirst: false, corruptIndex: -1, delayMs: 0 };
const replay: Replay = { ...DEFAULT_REPLAY };
const requests: { path: string; query: URLSearchParams; at: number }[] = [];
let server: Server;
let baseUrl = '';

function ohlcPage(query: URLSearchParams): unknown {
  if (query.get('pair') !== 'XXBTZUSD') return { error: ['EQuery:Unknown asset pair'] };
  if (query.get('interval') !== '60') return { error: ['EGeneral:Invalid arguments'] };
  const since = query.has('since') ? Number(query.get('since')) : -Infinity;
  let first = CANDLES.findIndex((r) => r[0] > since);
  if (first < 0) first = CANDLES.length;
  first = Math.max(0, first - (Number.isFinite(since) ? replay.overlap : 0));
  const rows = CANDLES.slice(first, first + replay.pageSize)
    .map((r): KrakenRow => (r === CANDLES[replay.corruptIndex] ? [r[0], r[1], String(Number(r[4]) - 1), r[3], r[4], r[5], r[6], r[7]] : r));
  if (replay.repeatFirst && rows.length) rows.splice(1, 0, rows[0]);
  return { error: [], result: { XXBTZUSD: rows, last: rows.length ? rows[rows.length - 1][0] : Math.max(0, since) } };
}

beforeAll(async () => {
  const assetPairs = load('AssetPairs.json'), assets = load('Assets.json');
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    requests.push({ path: url.pathname, query: url.searchParams, at: performance.now() });
    const body = url.pathname === '/0/public/AssetPairs' ? assetPairs
      : url.pathname === '/0/public/Assets' ? assets
      : url.pathname === '/0/public/OHLC' ? ohlcPage(url.searchParams)
      : null;
    setTimeout(() => {
      if (body === null) { res.writeHead(404).end('not found'); return; }
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
    }, replay.delayMs);
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});
beforeEach(() => {
  requests.length = 0;
  Object.assign(replay, DEFAULT_REPLAY);
});

const base = (over: Partial<DownloadOptions> = {}): DownloadOptions => ({
  symbol: 'BTC/USD', timeframe: '1h', sinceMs: T0, apiUrlOverride: baseUrl, rateLimitMs: 5, ...over,
});
const ohlcRequests = (): { path: string; query: URLSearchParams; at: number }[] => requests.filter((r) => r.path === '/0/public/OHLC');

async function rejection(p: Promise<unknown>): Promise<PeakError> {
  try { await p; } catch (e) { expect(e).toBeInstanceOf(PeakError); return e as PeakError; }
  throw new Error('expected a rejection');
}

describe('downloadOhlcv against a local Kraken replay server', () => {
  it('pages forward, drops overlapping candles and reports the gap', async () => {
    replay.repeatFirst = true;
    const progress: DownloadProgress[] = [];
    const { bars, report, pages } = await downloadOhlcv(base({ onProgress: (p) => progress.push(p) }));
    expect(requests.every((r) => r.path.startsWith('/0/public/'))).toBe(true);
    expect(requests.some((r) => r.path === '/0/public/AssetPairs')).toBe(true);
    expect(pages).toBeGreaterThanOrEqual(3);
    expect(ohlcRequests()).toHaveLength(pages);
    expect(bars.time.length).toBe(CANDLES.length);
    expect(Array.from(bars.time)).toEqual(CANDLES.map((r) => r[0] * 1000));
    expect([bars.open[0], bars.high[0], bars.low[0], bars.close[0], bars.volume[0]]).toEqual(
      CANDLES[0].slice(1, 5).map(Number).concat(Number(CANDLES[0][6])));
    expect(report.intervalLabel).toBe('1h');
    expect(report.gaps.count).toBe(1);
    expect(report.gaps.first[0]).toEqual({ afterTime: T0 + 79 * H, missingBars: 5 });
    expect(report.warnings.join(' ')).toMatch(/\d+ repeated candle\(s\) dropped/);
    expect(progress.length).toBe(pages - 1); // the last page adds nothing
    expect(progress.map((p) => p.fetched)).toEqual([...progress.map((p) => p.fetched)].sort((a, b) => a - b));
    expect(progress.at(-1)).toMatchObject({ fetched: CANDLES.length, lastTime: T0 + 149 * H });
    // each page starts one interval after the newest candle kept (ccxt sends Kraken since = that − 1 interval, in s)
    expect(Number(ohlcRequests()[1].query.get('since'))).toBe(progress[0].lastTime / 1000);
  });

  it('stops at untilMs (exclusive) and reports a total', async () => {
    const progress: DownloadProgress[] = [];
    const { bars, pages } = await downloadOhlcv(base({ untilMs: T0 + 100 * H, onProgress: (p) => progress.push(p) }));
    expect(bars.time.length).toBe(95); // hours 0..99 without 80..84
    expect(bars.time[bars.time.length - 1]).toBe(T0 + 99 * H);
    expect(progress[0].total).toBe(100);
    expect(pages).toBe(3); // 0–39, 38–77, 76–… reaches hour 99: no extra empty page
  });

  it('resumes after the last stored bar', async () => {
    const last = T0 + 120 * H;
    const { bars } = await downloadOhlcv(base({ resumeFromMs: last }));
    expect(bars.time[0]).toBe(T0 + 121 * H);
    expect(bars.time.length).toBe(29);
    // ccxt asks Kraken for one interval before its since (in seconds) and filters what comes back
    expect(Number(ohlcRequests()[0].query.get('since'))).toBe(last / 1000 - 3600);
    const upToDate = await downloadOhlcv(base({ resumeFromMs: T0 + 149 * H }));
    expect(upToDate.bars.time.length).toBe(0);
    expect(upToDate.report.warnings.join(' ')).toMatch(/no candles/);
  });

  it('drops a broken candle with a warning instead of failing the download', async () => {
    replay.corruptIndex = 10;
    const { bars, report } = await downloadOhlcv(base({ untilMs: T0 + 40 * H }));
    expect(bars.time.length).toBe(39);
    expect(Array.from(bars.time)).not.toContain(T0 + 10 * H);
    expect(report.warnings.join(' ')).toMatch(/1 invalid candle\(s\)/);
    // the hole it leaves is reported like any other gap
    expect(report.gaps.first).toEqual([{ afterTime: T0 + 9 * H, missingBars: 1 }]);
  });

  it('leaves out the candle still forming at nowMs', async () => {
    // at 2024-03-02T10:30Z the 10:00 candle is still open: the newest complete one opened at 09:00
    const { bars, report } = await downloadOhlcv(base({ nowMs: T0 + 34.5 * H }));
    expect(bars.time[bars.time.length - 1]).toBe(T0 + 33 * H);
    expect(report.warnings.join(' ')).toMatch(/still forming/);
  });

  it('asks for pageLimit candles per page', async () => {
    const { bars, pages } = await downloadOhlcv(base({ pageLimit: 10, untilMs: T0 + 50 * H }));
    expect(bars.time.length).toBe(50);
    expect(pages).toBe(5);
  });

  it('spaces requests by the rate limit', async () => {
    await downloadOhlcv(base({ rateLimitMs: 120, untilMs: T0 + 100 * H }));
    const at = requests.map((r) => r.at);
    expect(at.length).toBeGreaterThanOrEqual(4);
    // arrival times at the server: a request delayed in flight by a loaded machine shortens the next gap a little,
    // so allow 2/3 of the limit (unthrottled pages arrive ~1–5 ms apart)
    for (let i = 1; i < at.length; i++) expect(at[i] - at[i - 1]).toBeGreaterThan(80);
  });

  it('cancels between pages with CANCELLED and fetches nothing more', async () => {
    const ac = new AbortController();
    const e = await rejection(downloadOhlcv(base({ signal: ac.signal, onProgress: () => ac.abort() })));
    expect(e.code).toBe('CANCELLED');
    expect(ohlcRequests()).toHaveLength(1);
  });

  it('cancels a request in flight at once', async () => {
    replay.delayMs = 3000;
    const ac = new AbortController();
    const t0 = performance.now();
    setTimeout(() => ac.abort(), 100);
    const e = await rejection(downloadOhlcv(base({ signal: ac.signal })));
    expect(e.code).toBe('CANCELLED');
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it('rejects an unknown exchange, symbol or timeframe with BAD_INPUT naming it', async () => {
    const ex = await rejection(downloadOhlcv(base({ exchangeId: 'nosuchexchange' })));
    expect(ex.code).toBe('BAD_INPUT');
    expect(ex.message).toContain('"nosuchexchange"');
    const sym = await rejection(downloadOhlcv(base({ symbol: 'DOGE/USD' })));
    expect(sym.code).toBe('BAD_INPUT');
    expect(sym.message).toContain('"DOGE/USD"');
    const near = await rejection(downloadOhlcv(base({ symbol: 'BTC/GBP' })));
    expect(near.message).toMatch(/did you mean BTC\/(USD|EUR)/);
    const tf = await rejection(downloadOhlcv(base({ timeframe: '7m' })));
    expect(tf.code).toBe('BAD_INPUT');
    expect(tf.message).toContain('"7m"');
    const range = await rejection(downloadOhlcv(base({ untilMs: T0 - H })));
    expect(range.code).toBe('BAD_INPUT');
  });

  it('turns an exchange error into a PeakError naming the page', async () => {
    const e = await rejection(downloadOhlcv(base({ timeframe: '4h' }))); // the replay only has interval 60
    expect(e.message).toMatch(/kraken BTC\/USD 4h: page 1/);
  });
});
