/**
 * Test support: a real temp SQLite store behind createServices, with tiny seed data sets and a fake clock.
 * `await using`-free: call `close()` in afterEach/afterAll (it also removes the temp dir).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SeedDatasetSpec } from '../../src/core/data/synthetic';
import { createServices, type Services, type ServicesOptions } from '../../src/node/services';

/** Two small synthetic data sets (fast to generate) instead of the 525,600-bar first-run set. */
export const smallSeedSpecs: SeedDatasetSpec[] = [
  {
    name: 'Test GARCH 1h',
    symbol: 'SYN-TEST/USD',
    description: 'test: 2,000 hourly GARCH bars',
    generator: 'garch_markov',
    params: { n: 2000, seed: 7, startPrice: 100, intervalMs: 3_600_000 },
  },
  {
    name: 'Test session 1m',
    symbol: 'SYN-SESSION/USD',
    description: 'test: 500 one-minute regime-session bars',
    generator: 'regime_session',
    params: { nSteps: 500, nRegimes: 3, seed: 42 },
  },
];

/** A clock that starts at 2026-01-01T00:00:00Z and advances 1 ms per call (deterministic createdAt order). */
export function fakeClock(start = Date.UTC(2026, 0, 1)): () => number {
  let t = start;
  return () => t++;
}

export function tempDir(prefix = 'peak-test-'): { dir: string; remove(): void } {
  const dir = mkdtempSync(join(tmpdir(), prefix));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

export interface TestServices extends Services {
  dir: string;
  /** close services and remove the temp dir */
  dispose(): Promise<void>;
}

export function createTestServices(opts: Partial<ServicesOptions> = {}): TestServices {
  const { dir, remove } = tempDir();
  const services = createServices({
    dataDir: dir,
    clock: fakeClock(),
    seed: true,
    seedSpecs: smallSeedSpecs,
    workers: 1,
    ...opts,
  });
  return Object.assign(services, {
    dir,
    async dispose() {
      await services.close();
      remove();
    },
  });
}
