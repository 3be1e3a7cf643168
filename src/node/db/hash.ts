import { createHash } from 'node:crypto';
import type { Bars } from '../../core/data/bars';
import { canonicalJson } from '../../core/hash';

export const sha256Hex = (data: string | Uint8Array): string => createHash('sha256').update(data).digest('hex');

/** sha256 over the raw bytes of time, open, high, low, close, volume (in that order). Names do not count. */
export function barsContentHash(b: Bars): string {
  const h = createHash('sha256');
  for (const col of [b.time, b.open, b.high, b.low, b.close, b.volume]) {
    h.update(new Uint8Array(col.buffer, col.byteOffset, col.byteLength));
  }
  return h.digest('hex');
}

/**
 * Config hash of a run: sha256 of canonical JSON { dataset (content hash), strategy, params, engine, seed,
 * range? }. The same inputs give the same hash and (the engine being deterministic) bit-identical results.
 */
export function configHash(parts: {
  dataset: string;
  strategy: string;
  params: Record<string, unknown>;
  engine: unknown;
  seed: number;
  range?: { from: number | null; to: number | null };
  kind?: string;
}): string {
  return sha256Hex(canonicalJson(parts));
}
