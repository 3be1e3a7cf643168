// launchTwin(): the browser twin in-process on a temp data dir + temp SQLite file, for end-to-end tests.
// Builds the renderer first when out/renderer is missing or older than src/renderer or src/core
// (PEAK_E2E_BUILD=never skips that check, =always forces a build).
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatasets, type SeedDatasetSpec } from '../../../src/core/data/synthetic';
import { createServices, type Services } from '../../../src/node/services';
import type { AppConfig } from '../../../src/core/api/config';
import { startWebTwin } from '../../../src/node/web/twin';
import { ensureBuild, projectRoot } from '../../../scripts/e2e-setup/ensure-build.mjs';

export const rendererDir = join(projectRoot, 'out', 'renderer');

/** Builds (once, under a lock shared by parallel forks) when the renderer is missing or stale. */
export async function ensureRenderer(): Promise<void> {
  const mode = process.env.PEAK_E2E_BUILD ?? 'auto';
  if (mode === 'never') return;
  await ensureBuild({
    force: mode === 'always',
    outputs: [join(rendererDir, 'index.html')],
    sources: [join(projectRoot, 'src', 'renderer'), join(projectRoot, 'src', 'core'), join(projectRoot, 'electron.vite.config.ts')],
  });
}

/**
 * The production seed data sets (same names, symbols and generators), shrunk so seeding takes milliseconds: the
 * 1-minute year becomes 5,000 bars; the daily decade and the 1,000-bar session stay as they are.
 */
export function smallSeedSpecs(maxBars = 5_000): SeedDatasetSpec[] {
  return seedDatasets().map((s) =>
    s.generator === 'garch_markov' && typeof s.params.n === 'number' && s.params.n > maxBars
      ? { ...s, params: { ...s.params, n: maxBars } }
      : s,
  );
}

export interface LaunchTwinOptions {
  /** true (default): small seed data sets; false: an empty store; or explicit specs */
  seed?: boolean | SeedDatasetSpec[];
  /** worker threads (default 2: the CI machine has 2 cores) */
  workers?: number;
  token?: string;
  port?: number;
  /** epoch-ms clock for the services (default Date.now) */
  clock?: () => number;
  /** a validated app config (default: the bundled config/config.toml) */
  config?: AppConfig;
}

export interface LaunchedTwin {
  /** page URL with ?token=… */
  url: string;
  origin: string;
  token: string;
  port: number;
  services: Services;
  dataDir: string;
  dbPath: string;
  /** closes the twin and the services, deletes the temp dir */
  close(): Promise<void>;
}

export async function launchTwin(opts: LaunchTwinOptions = {}): Promise<LaunchedTwin> {
  await ensureRenderer();
  const dataDir = mkdtempSync(join(tmpdir(), 'peak-e2e-'));
  const dbPath = join(dataDir, 'peak.db');
  const seed = opts.seed ?? true;
  const services = createServices({
    dataDir,
    dbPath,
    workers: opts.workers ?? 2,
    ...(opts.clock && { clock: opts.clock }),
    ...(opts.config && { config: opts.config }),
    seed: seed !== false,
    ...(seed !== false && { seedSpecs: Array.isArray(seed) ? seed : smallSeedSpecs() }),
  });
  let twin: Awaited<ReturnType<typeof startWebTwin>>;
  try {
    twin = await startWebTwin({ services, rendererDir, port: opts.port ?? 0, ...(opts.token && { token: opts.token }) });
  } catch (e) {
    await services.close();
    rmSync(dataDir, { recursive: true, force: true });
    throw e;
  }
  let closed = false;
  return {
    url: twin.url,
    origin: twin.origin,
    token: twin.token,
    port: twin.port,
    services,
    dataDir,
    dbPath,
    async close() {
      if (closed) return;
      closed = true;
      await twin.close();
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
