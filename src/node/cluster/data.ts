/**
 * Market data on the cluster: published ONCE per data set, content-addressed by the sha256 of its bytes (the six
 * Float64 columns time·open·high·low·close·volume, concatenated). A second job on the same data sends nothing (an
 * EXISTS finds it); a worker fetches a data set once, checks the hash, and keeps it in a small LRU, so tasks carry
 * only the 64-hex address.
 */
import { createHash } from 'node:crypto';
import type { Redis } from 'ioredis';
import { PeakError } from '../../core/errors';
import { shareBars, type SharedBars } from '../../workers/shared-data';
import { keys, RESULT_TTL_SEC } from './protocol';

const COLS = ['time', 'open', 'high', 'low', 'close', 'volume'] as const;

export interface PackedData {
  sha: string;
  rows: number;
  bytes: Buffer;
}

/** The columns as one buffer + its sha256 (memoised per shared data set object: hashing 48 MB costs ~0.1 s). */
const packed = new WeakMap<SharedBars, PackedData>();
export function packBars(b: SharedBars): PackedData {
  const hit = packed.get(b);
  if (hit !== undefined) return hit;
  const rows = b.close.length;
  const bytes = Buffer.allocUnsafe(rows * 8 * COLS.length);
  COLS.forEach((c, i) => {
    const col = b[c];
    if (col.length !== rows) throw new PeakError('INTERNAL', `data: column ${c} has ${col.length} rows, close has ${rows}`);
    Buffer.from(col.buffer, col.byteOffset, col.byteLength).copy(bytes, i * rows * 8);
  });
  const out = { sha: createHash('sha256').update(bytes).digest('hex'), rows, bytes };
  packed.set(b, out);
  return out;
}

/** Makes sure Redis holds the data set; returns how many bytes were sent (0 when it was already there). */
export async function publishData(redis: Redis, p: PackedData): Promise<number> {
  const k = keys.data(p.sha);
  if ((await redis.exists(k)) === 1) {
    await redis.expire(k, RESULT_TTL_SEC);
    return 0;
  }
  await redis.set(k, p.bytes, 'EX', RESULT_TTL_SEC, 'NX');
  return p.bytes.length;
}

/** Bytes → SharedBars (SharedArrayBuffers, so the local piscina threads share one copy). */
export function unpackBars(sha: string, rows: number, bytes: Buffer): SharedBars {
  if (bytes.length !== rows * 8 * COLS.length) {
    throw new PeakError('BAD_INPUT', `data ${sha.slice(0, 12)}…: ${bytes.length} bytes, expected ${rows} rows × 6 columns × 8`);
  }
  const got = createHash('sha256').update(bytes).digest('hex');
  if (got !== sha) throw new PeakError('BAD_INPUT', `data ${sha.slice(0, 12)}…: content hash mismatch (got ${got.slice(0, 12)}…)`);
  const cols = {} as Record<(typeof COLS)[number], Float64Array>;
  COLS.forEach((c, i) => {
    const a = new Float64Array(rows);
    new Uint8Array(a.buffer).set(bytes.subarray(i * rows * 8, (i + 1) * rows * 8));
    cols[c] = a;
  });
  return shareBars(`cluster:${sha}`, cols);
}

/** Worker-side cache of fetched data sets (LRU by sha; in-flight fetches shared). */
export function createDataCache(redis: Redis, capacity = 2) {
  const cache = new Map<string, Promise<SharedBars>>();
  let fetchedBytes = 0;
  return {
    get(sha: string, rows: number): Promise<SharedBars> {
      const hit = cache.get(sha);
      if (hit !== undefined) {
        cache.delete(sha);
        cache.set(sha, hit);
        return hit;
      }
      const p = (async () => {
        const bytes = await redis.getBuffer(keys.data(sha));
        if (bytes === null) throw new PeakError('NOT_FOUND', `data ${sha.slice(0, 12)}… is not published on this Redis`);
        fetchedBytes += bytes.length;
        return unpackBars(sha, rows, bytes);
      })();
      cache.set(sha, p);
      p.catch(() => cache.delete(sha));
      while (cache.size > capacity) {
        const oldest = cache.keys().next().value;
        if (oldest === undefined) break;
        cache.delete(oldest);
      }
      return p;
    },
    fetchedBytes: () => fetchedBytes,
  };
}
