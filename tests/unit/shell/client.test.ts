import { describe, expect, it, vi } from 'vitest';
import { decodeWire, encodeWire } from '../../../src/core/api/wire';
import {
  ApiError,
  createWebClient,
  readTwinToken,
  reviveWire,
  unwrapResult,
  type WebSocketLike,
} from '../../../src/renderer/src/api/client';

class FakeSocket implements WebSocketLike {
  static all: FakeSocket[] = [];
  readyState = 0;
  onopen: ((ev: unknown) => void) | null = null;
  onmessage: ((ev: { data: unknown }) => void) | null = null;
  onclose: ((ev: unknown) => void) | null = null;
  onerror: ((ev: unknown) => void) | null = null;
  closed = false;
  constructor(readonly url: string) {
    FakeSocket.all.push(this);
  }
  open() {
    this.readyState = 1;
    this.onopen?.({});
  }
  push(v: unknown) {
    this.onmessage?.({ data: encodeWire(v) });
  }
  drop() {
    this.readyState = 3;
    this.onclose?.({});
  }
  close() {
    this.closed = true;
    this.drop();
  }
}

function jsonResponse(status: number, body: unknown): Response {
  return new Response(encodeWire(body), { status, headers: { 'content-type': 'application/json' } });
}

describe('wire format (twin JSON ⇄ client)', () => {
  it('keeps NaN, ±Infinity and typed arrays that plain JSON would lose', () => {
    const v = { pf: Infinity, dd: -Infinity, sharpe: NaN, eq: new Float64Array([1, 2.5]), n: 3, s: 'x', z: null };
    const back = JSON.parse(encodeWire(v), reviveWire);
    expect(back.pf).toBe(Infinity);
    expect(back.dd).toBe(-Infinity);
    expect(Number.isNaN(back.sharpe)).toBe(true);
    expect(back.eq).toEqual([1, 2.5]);
    expect(back).toMatchObject({ n: 3, s: 'x', z: null });
    // an ordinary object that merely has the tag key plus others is left alone
    expect(JSON.parse('{"$peakNum":"NaN","other":1}', reviveWire)).toEqual({ $peakNum: 'NaN', other: 1 });
  });

  it('decodeWire equals the reviver route with and without number tags, and skips the reviver only when no tag is in the text', () => {
    const plain = { trades: Array.from({ length: 50 }, (_, i) => ({ pnl: i / 7, reason: 'signal' })), note: '$peakNum in a string is text' };
    const tagged = { ...plain, pf: Infinity, nested: [{ x: NaN }, -Infinity] };
    for (const v of [plain, tagged, null, 3, [1, 'a']]) {
      const text = encodeWire(v);
      const a = decodeWire(text);
      expect(a).toEqual(JSON.parse(text, reviveWire));
    }
    const back = decodeWire(encodeWire(tagged)) as typeof tagged;
    expect(back.pf).toBe(Infinity);
    expect(Number.isNaN(back.nested[0] && (back.nested[0] as { x: number }).x)).toBe(true);
    expect(back.nested[1]).toBe(-Infinity);
    // the parse spy: without a tag in the text the reviver is never called
    const spy = vi.spyOn(JSON, 'parse');
    decodeWire(encodeWire(plain));
    expect(spy.mock.calls[0]).toHaveLength(1);
    spy.mockRestore();
    expect(() => decodeWire('{"a":')).toThrow(SyntaxError);
  });

  it('unwrapResult: value, error code/message, unknown codes → INTERNAL, no envelope → TRANSPORT', () => {
    expect(unwrapResult('a:b', { ok: true, value: 5 })).toBe(5);
    expect(() => unwrapResult('a:b', { ok: false, error: { code: 'BAD_FILE', message: 'x.csv row 3' } })).toThrow(
      expect.objectContaining({ code: 'BAD_FILE', message: 'x.csv row 3', command: 'a:b' }),
    );
    expect(() => unwrapResult('a:b', { ok: false, error: { code: 'WEIRD', message: 'm' } })).toThrow(expect.objectContaining({ code: 'INTERNAL' }));
    expect(() => unwrapResult('a:b', 'hello')).toThrow(expect.objectContaining({ code: 'TRANSPORT' }));
  });
});

describe('web transport', () => {
  it('POSTs JSON to /api/<name> with the token header and unwraps the envelope', async () => {
    const fetchFn = vi.fn(async (_url: string | URL | Request, _init?: RequestInit) => jsonResponse(200, { ok: true, value: { datasets: [] } }));
    const c = createWebClient({ baseUrl: 'http://127.0.0.1:9/', token: 'T', fetch: fetchFn as typeof fetch });
    expect(c.transport).toBe('web');
    expect(await c.call('data:list', {})).toEqual({ datasets: [] });
    const [url, init] = fetchFn.mock.calls[0];
    expect(url).toBe('http://127.0.0.1:9/api/data:list');
    expect(init?.method).toBe('POST');
    expect((init?.headers as Record<string, string>)['x-peak-token']).toBe('T');
    expect(init?.body).toBe('{}');
    await c.call('app:info');
    expect(fetchFn.mock.calls[1][1]?.body).toBe('');
  });

  it('rejects with ApiError carrying the back end code; network/non-envelope failures → TRANSPORT', async () => {
    const responses = [
      jsonResponse(400, { ok: false, error: { code: 'BAD_INPUT', message: 'runs:get: id: expected string' } }),
      new Response('<html>502</html>', { status: 502 }),
      jsonResponse(500, { hello: 1 }),
    ];
    const fetchFn = vi.fn(async () => responses.shift()!);
    const c = createWebClient({ baseUrl: 'http://x', token: 'T', fetch: fetchFn as unknown as typeof fetch });
    const e1 = await c.call('runs:get', { id: 1 }).catch((e: unknown) => e);
    expect(e1).toBeInstanceOf(ApiError);
    expect(e1).toMatchObject({ code: 'BAD_INPUT', message: 'runs:get: id: expected string' });
    await expect(c.call('runs:get', { id: 1 })).rejects.toMatchObject({ code: 'TRANSPORT', message: expect.stringContaining('502') });
    await expect(c.call('runs:get', { id: 1 })).rejects.toMatchObject({ code: 'TRANSPORT' });
    const down = createWebClient({ baseUrl: 'http://x', token: 'T', fetch: (async () => { throw new TypeError('fetch failed'); }) as typeof fetch });
    await expect(down.call('app:info')).rejects.toMatchObject({ code: 'TRANSPORT', message: expect.stringContaining('unreachable') });
  });

  it('opens one events socket lazily, dispatches by event name, reconnects with back-off', () => {
    FakeSocket.all = [];
    const timers: Array<{ fn: () => void; ms: number }> = [];
    const c = createWebClient({
      baseUrl: 'http://127.0.0.1:5000',
      token: 'a b',
      connectionId: 'page-1',
      fetch: vi.fn() as unknown as typeof fetch,
      openSocket: (u) => new FakeSocket(u),
      setTimer: (fn, ms) => timers.push({ fn, ms }),
      clearTimer: () => {},
      reconnectMinMs: 100,
      reconnectMaxMs: 400,
    });
    expect(FakeSocket.all).toHaveLength(0);
    const got: unknown[] = [];
    const off1 = c.on('jobs:did-progress', (p) => got.push(['p', p.done]));
    const off2 = c.on('runs:did-change', () => got.push(['r']));
    expect(FakeSocket.all).toHaveLength(1);
    const s1 = FakeSocket.all[0];
    // the page names its connection on the events socket (job events reach only their owner's page)
    expect(s1.url).toBe('ws://127.0.0.1:5000/events?token=a%20b&connection=page-1');
    s1.open();
    s1.push({ event: 'jobs:did-progress', payload: { done: 3, etaSec: Infinity } });
    s1.push({ event: 'runs:did-change', payload: {} });
    s1.push({ event: 'data:did-change', payload: {} });
    s1.onmessage?.({ data: 'not json' });
    expect(got).toEqual([['p', 3], ['r']]);

    // drop → retry after 100, 200, 400, 400 ms until it opens again; then the delay resets
    s1.drop();
    expect(timers.map((t) => t.ms)).toEqual([100]);
    timers.shift()!.fn();
    FakeSocket.all[1].drop();
    timers.shift()!.fn();
    FakeSocket.all[2].drop();
    timers.shift()!.fn();
    FakeSocket.all[3].drop();
    expect(timers.map((t) => t.ms)).toEqual([400]);
    timers.shift()!.fn();
    const s5 = FakeSocket.all[4];
    s5.open();
    s5.push({ event: 'jobs:did-progress', payload: { done: 4 } });
    expect(got.at(-1)).toEqual(['p', 4]);
    s5.drop();
    expect(timers.map((t) => t.ms)).toEqual([100]);

    // unsubscribed listeners stop receiving; with no listeners left, no reconnects are scheduled
    timers.shift()!.fn();
    off1();
    off2();
    FakeSocket.all.at(-1)!.push({ event: 'jobs:did-progress', payload: { done: 9 } });
    expect(got.at(-1)).toEqual(['p', 4]);
    FakeSocket.all.at(-1)!.drop();
    expect(timers).toHaveLength(0);
    c.dispose();
  });

  it('a throwing listener does not starve the others', () => {
    FakeSocket.all = [];
    const c = createWebClient({ baseUrl: 'http://h', token: 't', openSocket: (u) => new FakeSocket(u), setTimer: () => 0 });
    const spy = vi.spyOn(console, 'error').mockImplementation(() => {});
    const got: number[] = [];
    c.on('jobs:did-progress', () => {
      throw new Error('screen bug');
    });
    c.on('jobs:did-progress', (p) => got.push(p.done));
    FakeSocket.all[0].push({ event: 'jobs:did-progress', payload: { done: 7 } });
    expect(got).toEqual([7]);
    expect(spy).toHaveBeenCalled();
    spy.mockRestore();
    c.dispose();
    expect(FakeSocket.all[0].closed).toBe(true);
  });
});

describe('twin token', () => {
  it('takes ?token= on first load, stores it, strips it from the URL; later loads read storage', () => {
    const store = new Map<string, string>();
    const storage = { getItem: (k: string) => store.get(k) ?? null, setItem: (k: string, v: string) => void store.set(k, v) };
    const replaced: string[] = [];
    expect(readTwinToken({ href: 'http://127.0.0.1:5/?token=abc&x=1#/data' }, storage, (u) => replaced.push(u))).toBe('abc');
    expect(replaced).toEqual(['/?x=1#/data']);
    expect(readTwinToken({ href: 'http://127.0.0.1:5/' }, storage)).toBe('abc');
    expect(readTwinToken({ href: 'http://127.0.0.1:5/' }, null)).toBe('');
  });
});
