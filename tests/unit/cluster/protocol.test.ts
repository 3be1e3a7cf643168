import { describe, expect, it } from 'vitest';
import { parseRedisUrl, redactRedisUrl } from '../../../src/node/cluster/connection';
import { packBars, unpackBars } from '../../../src/node/cluster/data';
import { checkChunkOutput } from '../../../src/node/cluster/executor';
import { decodeValue, encodeValue, jobIdOf, TaskEnvelopeSchema, versionMismatch } from '../../../src/node/cluster/protocol';
import { shareBars } from '../../../src/workers/shared-data';

describe('cluster value codec', () => {
  it('round-trips NaN, ±Infinity, -0 and Float64Array bytes exactly', () => {
    const blocks = new Float64Array([1, -0, 0.1 + 0.2, Number.MIN_VALUE, NaN, -Infinity, 1e308]);
    const v = { rows: [{ index: 7, metrics: { sharpe: NaN, pf: Infinity, dd: -Infinity, z: -0, x: 0.1, n: null }, blocks }] };
    const back = decodeValue(encodeValue(v)) as typeof v;
    const m = back.rows[0].metrics;
    expect(Number.isNaN(m.sharpe)).toBe(true);
    expect(m.pf).toBe(Infinity);
    expect(m.dd).toBe(-Infinity);
    expect(Object.is(m.z, -0)).toBe(true);
    expect(m.x).toBe(0.1);
    expect(m.n).toBeNull();
    expect(back.rows[0].blocks).toBeInstanceOf(Float64Array);
    expect(Buffer.from(back.rows[0].blocks.buffer).equals(Buffer.from(blocks.buffer))).toBe(true);
  });

  it('leaves look-alike objects with more keys alone and refuses a ragged Float64Array', () => {
    expect(decodeValue('{"a":{"$num":"NaN","b":1}}')).toEqual({ a: { $num: 'NaN', b: 1 } });
    expect(decodeValue('{"a":{"$num":"rm"}}')).toEqual({ a: { $num: 'rm' } });
    expect(() => decodeValue('{"a":{"$f64":"AAAA"}}')).toThrow(/multiple of 8/);
  });
});

describe('Redis URLs', () => {
  it('accepts redis:// and rediss:// with credentials and a db number', () => {
    expect(parseRedisUrl('redis://127.0.0.1:6380')).toMatchObject({ tls: false, host: '127.0.0.1', port: 6380, db: 0, hasPassword: false });
    expect(parseRedisUrl('rediss://user:s3cret@redis.example.net/2')).toMatchObject({ tls: true, port: 6379, db: 2, hasPassword: true });
  });

  it('refuses other schemes, paths and queries, naming the flag', () => {
    expect(() => parseRedisUrl('http://127.0.0.1:6379', '--cluster')).toThrow(/^--cluster: only redis:\/\/ and rediss:\/\//);
    expect(() => parseRedisUrl('file:///etc/passwd')).toThrow(/only redis/);
    expect(() => parseRedisUrl('redis://h/etc/passwd')).toThrow(/database number/);
    expect(() => parseRedisUrl('redis://h:1/?x=1')).toThrow(/query/);
    expect(() => parseRedisUrl('not a url')).toThrow(/not a URL/);
    expect(() => parseRedisUrl(`redis://${'a'.repeat(600)}`)).toThrow(/at most 500/);
  });

  it('never shows the password', () => {
    expect(redactRedisUrl('rediss://default:hunter2@h:6379/0')).toBe('rediss://[redacted]@h:6379/0');
    // the usual Redis form has an empty user name
    expect(redactRedisUrl('error at redis://:hunter2@10.0.0.5:6379 (WRONGPASS)')).toBe('error at redis://[redacted]@10.0.0.5:6379 (WRONGPASS)');
    expect(redactRedisUrl('redis://10.0.0.5:6379')).toBe('redis://10.0.0.5:6379');
    try {
      parseRedisUrl('redis://user:hunter2@');
    } catch (e) {
      expect(String(e)).not.toContain('hunter2');
    }
  });
});

describe('version handshake', () => {
  it('needs the same app version and protocol, and says which is which', () => {
    expect(versionMismatch({ app: '0.1.0', protocol: 1 }, { app: '0.1.0', protocol: 1 })).toBeNull();
    expect(versionMismatch({ app: '0.2.0', protocol: 1 }, { app: '0.1.0', protocol: 1 }))
      .toBe('version mismatch: the coordinator runs Peak Trade 0.2.0 (cluster protocol 1), this worker 0.1.0 (protocol 1); run the same version on every machine');
    expect(versionMismatch({ app: '0.1.0', protocol: 2 }, { app: '0.1.0', protocol: 1 })).toMatch(/protocol 2\), this worker 0\.1\.0 \(protocol 1\)/);
  });
});

describe('task envelope', () => {
  const ok = { v: { app: '0.1.0', protocol: 1 }, run: 'ab12cd34-s1-0123456789ab', chunk: 3, kind: 'sweep-chunk', data: { sha: 'f'.repeat(64), rows: 10 }, input: '{}' };
  it('accepts a well-formed envelope and refuses unknown kinds, odd run ids, bad hashes and extra fields', () => {
    expect(TaskEnvelopeSchema.safeParse(ok).success).toBe(true);
    expect(TaskEnvelopeSchema.safeParse({ ...ok, kind: 'eval' }).success).toBe(false);
    expect(TaskEnvelopeSchema.safeParse({ ...ok, run: '../x' }).success).toBe(false);
    expect(TaskEnvelopeSchema.safeParse({ ...ok, data: { sha: '/etc/passwd', rows: 1 } }).success).toBe(false);
    expect(TaskEnvelopeSchema.safeParse({ ...ok, code: 'x' }).success).toBe(false);
    expect(TaskEnvelopeSchema.safeParse({ ...ok, input: {} }).success).toBe(false);
    expect(TaskEnvelopeSchema.safeParse({ ...ok, kind: 'mc-batch', data: null }).success).toBe(true);
    expect(jobIdOf('r1', 12)).toBe('r1.c12');
  });
});

describe('data publishing format', () => {
  const cols = {
    time: new Float64Array([1, 2, 3]), open: new Float64Array([10, 11, 12]), high: new Float64Array([12, 13, 14]),
    low: new Float64Array([9, 10, 11]), close: new Float64Array([11, 12, 13]), volume: new Float64Array([5, 6, 7]),
  };
  it('packs six columns, addresses them by sha256, and unpacks to the same values', () => {
    const shared = shareBars('k', cols);
    const p = packBars(shared);
    expect(p.rows).toBe(3);
    expect(p.bytes.length).toBe(3 * 6 * 8);
    expect(p.sha).toMatch(/^[0-9a-f]{64}$/);
    expect(packBars(shared)).toBe(p); // memoised per shared data set
    const back = unpackBars(p.sha, 3, p.bytes);
    expect(back.key).toBe(`cluster:${p.sha}`);
    expect([...back.close]).toEqual([11, 12, 13]);
    expect([...back.time]).toEqual([1, 2, 3]);
    expect(back.volume.buffer).toBeInstanceOf(SharedArrayBuffer);
  });
  it('refuses bytes whose hash or length does not match the address', () => {
    const p = packBars(shareBars('k2', cols));
    const bad = Buffer.from(p.bytes);
    bad[0] ^= 1;
    expect(() => unpackBars(p.sha, 3, bad)).toThrow(/content hash mismatch/);
    expect(() => unpackBars(p.sha, 4, p.bytes)).toThrow(/expected 4 rows/);
  });
});

describe('chunk results from workers', () => {
  const input = { startIndex: 10, combos: [{ a: 1 }, { a: 2 }] } as unknown as Parameters<typeof checkChunkOutput>[1];
  const row = (index: number) => ({ index, metrics: { sharpe: 1 }, blocks: new Float64Array(6) });
  it('accepts exactly the rows of the chunk it answers', () => {
    expect(checkChunkOutput({ rows: [row(10), row(11)] }, input).rows).toHaveLength(2);
  });
  it('refuses rows of other combinations, missing rows and malformed values', () => {
    expect(() => checkChunkOutput({ rows: [row(10), row(12)] }, input)).toThrow(/#10–#11/);
    expect(() => checkChunkOutput({ rows: [row(10)] }, input)).toThrow(/do not match/);
    expect(() => checkChunkOutput({ rows: [{ ...row(10), blocks: [0] }, row(11)] }, input)).toThrow(/malformed/);
  });
});

describe('peak worker / --cluster flags', () => {
  it('bad URLs exit 2 with one line naming the flag; the password never echoes', async () => {
    const { createCliHarness } = await import('../../support/cli');
    const cli = createCliHarness({ seed: false });
    try {
      const a = await cli.run('worker', '--redis', 'http://user:hunter2@10.0.0.5:6379');
      expect(a.code).toBe(2);
      expect(a.stderr).toMatch(/--redis: only redis:\/\/ and rediss:\/\/ \(TLS\) URLs are accepted, got http:\/\//);
      expect(a.stderr).not.toContain('hunter2');
      const b = await cli.run('worker');
      expect(b.code).toBe(2);
      expect(b.stderr).toMatch(/--redis: required/);
      const c = await cli.run('worker', '--redis', 'redis://h:6379', '--concurrency', '0');
      expect(c.code).toBe(2);
      expect(c.stderr).toMatch(/--concurrency/);
      const d = await cli.run('sweep', '--data', 'x', '--strategy', 'ma_crossover', '--cluster', 'redis://:hunter2@h/etc');
      expect(d.code).toBe(2);
      expect(d.stderr).toMatch(/--cluster: the path must be a database number/);
      expect(d.stderr).not.toContain('hunter2');
    } finally {
      cli.remove();
    }
  });
});
