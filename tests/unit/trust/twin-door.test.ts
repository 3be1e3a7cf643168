// Trust #7, #8, #10, #12, #14: the browser twin is not a door into the machine; bad CSV never gets past the door.
import { execFileSync } from 'node:child_process';
import { mkdirSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { connect } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { commands } from '../../../src/core/api/contract';
import { PeakError } from '../../../src/core/errors';
import { parseOhlcvCsv, importOhlcvCsvFile } from '../../../src/node/files/csv-import';
import { readRegularFileUtf8 } from '../../../src/node/files/safe-read';
import { isLoopbackUrl } from '../../../src/node/data/loopback-url';
import { createServices } from '../../../src/node/services';
import { startWebTwin, type WebTwin } from '../../../src/node/web/twin';
import { createTestServices, tempDir, type TestServices } from '../../support/services';

function post(port: number, path: string, headers: Record<string, string>, body: string): Promise<{ status: number; body: string; type: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method: 'POST', path, headers }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b, type: String(res.headers['content-type']) }));
    });
    req.on('error', reject);
    req.end(body);
  });
}

async function rejectionOf(p: Promise<unknown>): Promise<PeakError> {
  try {
    await p;
  } catch (e) {
    expect(e).toBeInstanceOf(PeakError);
    return e as PeakError;
  }
  throw new Error('accepted but should have been rejected');
}

describe('the browser twin refuses server paths (Trust #7, #12)', () => {
  let s: TestServices;
  let twin: WebTwin;
  let dir: ReturnType<typeof tempDir>;
  beforeAll(async () => {
    s = createTestServices({ seed: false });
    dir = tempDir('peak-twin-door-');
    mkdirSync(join(dir.dir, 'r'));
    writeFileSync(join(dir.dir, 'r', 'index.html'), '<!doctype html>');
    twin = await startWebTwin({ services: s, rendererDir: join(dir.dir, 'r'), token: 't0k' });
  });
  afterAll(async () => {
    await twin.close();
    await s.dispose();
    dir.remove();
  });
  const api = (name: string, body: unknown) =>
    post(twin.port, `/api/${name}`, { host: `127.0.0.1:${twin.port}`, 'x-peak-token': 't0k', 'content-type': 'application/json' }, JSON.stringify(body));

  it('data:import with a path over the twin is refused as UNSAFE and never reads the file', async () => {
    const secret = join(dir.dir, 'secret.csv');
    writeFileSync(secret, 'SECRET_LINE_NEVER_ECHOED\n');
    for (const path of ['/etc/shadow', '/proc/self/environ', secret]) {
      const r = await api('data:import', { path });
      expect(r.status).toBe(403);
      const env = JSON.parse(r.body) as { ok: boolean; error: { code: string; message: string } };
      expect(env.error.code).toBe('UNSAFE');
      expect(r.body).not.toMatch(/SECRET_LINE|root:|PATH=/);
    }
  });

  it('data:import with uploaded content still works over the twin', async () => {
    const csv = 'time,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1.5,2,1,1.8,11\n';
    const r = await api('data:import', { csvText: csv, name: 'up' });
    expect(r.status).toBe(200);
    expect((JSON.parse(r.body) as { value: { dataset: { bars: number } } }).value.dataset.bars).toBe(2);
  });

  it('a refused Host header answers 421 with the typed error body', async () => {
    const r = await post(twin.port, '/api/app:info', { host: `evil.example:${twin.port}`, 'x-peak-token': 't0k' }, '');
    expect(r.status).toBe(421);
    expect(r.type).toMatch(/application\/json/);
    expect(JSON.parse(r.body)).toMatchObject({ ok: false, error: { code: 'UNSAFE' } });
  });
});

describe('events socket refusals carry the typed body too (Trust #12)', () => {
  it('a foreign Host on /events answers 421 with a JSON error envelope', async () => {
    const s = createTestServices({ seed: false });
    const dir = tempDir('peak-twin-ws-');
    mkdirSync(join(dir.dir, 'r'));
    writeFileSync(join(dir.dir, 'r', 'index.html'), '<!doctype html>');
    const twin = await startWebTwin({ services: s, rendererDir: join(dir.dir, 'r'), token: 't' });
    try {
      const text = await new Promise<string>((resolve, reject) => {
        const sock = connect(twin.port, '127.0.0.1', () => {
          sock.write(`GET /events?token=t HTTP/1.1\r\nHost: evil.example:${twin.port}\r\nUpgrade: websocket\r\nConnection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\nSec-WebSocket-Version: 13\r\n\r\n`);
        });
        let b = '';
        sock.on('data', (c) => (b += c.toString('utf8')));
        sock.on('end', () => resolve(b));
        sock.on('error', reject);
      });
      expect(text).toMatch(/^HTTP\/1.1 421 /);
      expect(JSON.parse(text.slice(text.indexOf('\r\n\r\n') + 4))).toMatchObject({ ok: false, error: { code: 'UNSAFE' } });
    } finally {
      await twin.close();
      await s.dispose();
      dir.remove();
    }
  });
});

describe('data:download takes no URL from a request (Trust #8)', () => {
  it('the contract has no apiUrl field and strips one a page sends', () => {
    const shape = (commands['data:download'].input as unknown as { shape: Record<string, unknown> }).shape;
    expect(Object.hasOwn(shape, 'apiUrl')).toBe(false);
    const parsed = commands['data:download'].input.parse({ symbol: 'BTC/USD', since: 0, apiUrl: 'http://169.254.169.254/' });
    expect(Object.hasOwn(parsed, 'apiUrl')).toBe(false);
  });
  it('an injected replay URL must be loopback', () => {
    expect(isLoopbackUrl('http://127.0.0.1:8080')).toBe(true);
    expect(isLoopbackUrl('http://[::1]:1/x')).toBe(true);
    expect(isLoopbackUrl('http://169.254.169.254/')).toBe(false);
    expect(isLoopbackUrl('http://127.0.0.1.evil.example/')).toBe(false);
    expect(isLoopbackUrl('file:///etc/passwd')).toBe(false);
    const { dir, remove } = tempDir();
    try {
      expect(() => createServices({ dataDir: dir, dbPath: ':memory:', seed: false, exchangeApiUrl: 'https://example.com' })).toThrow(/loopback/);
    } finally {
      remove();
    }
  });
});

describe('import reads regular files only, size-capped (Trust #10)', () => {
  it('a FIFO is refused at once instead of hanging', async () => {
    const { dir, remove } = tempDir();
    try {
      const fifo = join(dir, 'pipe.csv');
      execFileSync('mkfifo', [fifo]);
      const t0 = performance.now();
      const e = await rejectionOf(importOhlcvCsvFile(fifo));
      expect(e.code).toBe('BAD_INPUT');
      expect(e.message).toMatch(/not a regular file/);
      expect(performance.now() - t0).toBeLessThan(1000);
    } finally {
      remove();
    }
  });
  it('/dev/zero is refused as not a regular file', async () => {
    expect((await rejectionOf(importOhlcvCsvFile('/dev/zero'))).message).toMatch(/not a regular file/);
  });
  it('a file over the size cap is refused before it is read', async () => {
    const { dir, remove } = tempDir();
    try {
      const f = join(dir, 'big.csv');
      writeFileSync(f, 'x'.repeat(2000));
      const e = await rejectionOf(readRegularFileUtf8(f, 1000));
      expect(e.code).toBe('BAD_FILE');
      expect(e.message).toMatch(/2000 bytes is larger than the import limit of 1000 bytes/);
      expect(await readRegularFileUtf8(f, 2000)).toHaveLength(2000);
    } finally {
      remove();
    }
  });
  it('a binary file is refused without echoing its content', async () => {
    const { dir, remove } = tempDir();
    try {
      const f = join(dir, 'environ');
      writeFileSync(f, 'PATH=/secret\0HOME=/root\0');
      const e = await rejectionOf(importOhlcvCsvFile(f));
      expect(e.message).toMatch(/not a CSV text file/);
      expect(e.message).not.toMatch(/secret|root/);
    } finally {
      remove();
    }
  });
  it('a text file that is not CSV shows at most 40 characters of a header cell', async () => {
    const line = `root:${'x'.repeat(200)}:0:0:root:/root:/bin/bash`;
    const e = await rejectionOf(Promise.resolve().then(() => parseOhlcvCsv(`${line}\n`, 'shadow')));
    expect(e.message).not.toContain('/bin/bash');
    expect(e.message.length).toBeLessThan(400);
  });
});

describe('CSV rows and headers are checked (Trust #14)', () => {
  const reject = (text: string): PeakError => {
    try {
      parseOhlcvCsv(text, 'f.csv');
    } catch (e) {
      return e as PeakError;
    }
    throw new Error('accepted');
  };
  it('a row with more cells than the header is rejected naming row and column', () => {
    const e = reject('time,open,high,low,close,volume\n2024-01-01,1,2,0.5,1.5,10\n2024-01-02,1.5,2,1,1.8,11,99\n');
    expect(e.code).toBe('BAD_FILE');
    expect(e.message).toBe('f.csv: row 3, column 7: the row has 7 cells but the header has 6');
  });
  it('a duplicated header is rejected naming both columns', () => {
    const e = reject('time,open,high,low,close,close\n2024-01-01,1,2,0.5,1.5,10\n');
    expect(e.code).toBe('BAD_FILE');
    expect(e.message).toBe('f.csv: row 1, column 6 "close": duplicate header (also column 5)');
  });
});
