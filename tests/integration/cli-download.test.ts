// `peak data download` end to end through the data:download handler against a local Kraken replay server
// (recorded responses in tests/fixtures/kraken, paged 40 candles at a time). Never the internet.
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCliHarness, type CliHarness } from '../support/cli';

const FIX = join(__dirname, '../fixtures/kraken');
const load = (name: string): unknown => JSON.parse(readFileSync(join(FIX, name), 'utf8'));
type Row = [number, ...unknown[]];
const CANDLES = (load('OHLC-XXBTZUSD-60.json') as { result: { XXBTZUSD: Row[] } }).result.XXBTZUSD;
const PAGE = 40;

let server: Server;
let base = '';
let cli: CliHarness;

beforeAll(async () => {
  const pairs = load('AssetPairs.json'), assets = load('Assets.json');
  server = createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    let body: unknown = null;
    if (url.pathname === '/0/public/AssetPairs') body = pairs;
    else if (url.pathname === '/0/public/Assets') body = assets;
    else if (url.pathname === '/0/public/OHLC') {
      const since = url.searchParams.has('since') ? Number(url.searchParams.get('since')) : -Infinity;
      const first = CANDLES.findIndex((r) => r[0] > since);
      const rows = first < 0 ? [] : CANDLES.slice(first, first + PAGE);
      body = { error: [], result: { XXBTZUSD: rows, last: rows.length ? rows[rows.length - 1][0] : Math.max(0, since) } };
    }
    if (body === null) res.writeHead(404).end('not found');
    else res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body));
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  cli = createCliHarness({ seed: false, env: { PEAK_EXCHANGE_API_URL: base } });
});
afterAll(async () => {
  cli.remove();
  server.closeAllConnections();
  await new Promise((r) => server.close(r));
});

interface Downloaded {
  dataset: { id: string; bars: number; source: string; symbol: string; firstTime: number; lastTime: number };
  created: boolean;
  pages: number;
  fetchedBars: number;
}

describe('peak data download (replayed Kraken)', () => {
  it('pages through the history, stores it, and resumes a stored data set', async () => {
    const t0 = CANDLES[0][0] * 1000;
    const cut = CANDLES[99][0] * 1000;
    const part = await cli.json<Downloaded>('data', 'download', '--symbol', 'BTC/USD', '--timeframe', '1h', '--since', String(t0),
      '--until', String(cut), '--rate-limit-ms', '1', '--json');
    expect(part.dataset).toMatchObject({ source: 'download', symbol: 'BTC/USD', firstTime: t0 });
    expect(part.dataset.lastTime).toBeLessThan(cut);
    expect(part.pages).toBeGreaterThanOrEqual(3);

    const resumed = await cli.json<Downloaded>('data', 'download', '--symbol', 'BTC/USD', '--timeframe', '1h', '--since', String(t0),
      '--resume', part.dataset.id, '--rate-limit-ms', '1', '--json');
    expect(resumed.created).toBe(true);
    expect(resumed.dataset.bars).toBe(CANDLES.length);
    expect(resumed.dataset.firstTime).toBe(t0);
    expect(resumed.dataset.lastTime).toBe(CANDLES[CANDLES.length - 1][0] * 1000);
    expect(resumed.fetchedBars).toBeLessThan(CANDLES.length);

    const bad = await cli.run('data', 'download', '--symbol', 'BTC/USD', '--since', 'yesterday-ish');
    expect(bad).toMatchObject({ code: 2 });
    expect(bad.stderr).toMatch(/^peak: --since: expected a date/);
  });
});
