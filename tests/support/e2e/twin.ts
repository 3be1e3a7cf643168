// startTwin(): the browser twin in-process on a temp data dir + temp SQLite file — the back end half of the e2e
// fixture (launchTwin in ./fixture adds Chromium). Builds the renderer first when out/renderer is missing or older
// than src/renderer or src/core (PEAK_E2E_BUILD=never skips that check, =always forces a build).
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { request } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { seedDatasets, type SeedDatasetSpec } from '../../../src/core/data/synthetic';
import { createServices, type Services } from '../../../src/node/services';
import type { AppConfig } from '../../../src/core/api/config';
import type { ApiError, ApiResult, CommandInput, CommandName, CommandOutput } from '../../../src/core/api/contract';
import { reviveWire } from '../../../src/core/api/wire';
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

/** The value of a command's result, or a throw naming its error: for set-up steps that must succeed. */
export function unwrap<T>(r: ApiResult<T>): T {
  if (!r.ok) throw new Error(`${r.error.code}: ${r.error.message}`);
  return r.value;
}

/**
 * Polls automation:runs every 100 ms, at most `tries` times, until the newest suite run has left 'running' (set-up
 * that starts a suite in-process and wants it finished before the page opens).
 */
export async function automationSettled(services: Services, tries: number): Promise<void> {
  for (let i = 0; i < tries; i++) {
    const r = await services.invoke('automation:runs', {});
    if (r.ok && r.value.runs[0]?.status !== 'running') break;
    await new Promise((res) => setTimeout(res, 100));
  }
}

export interface HttpReply {
  status: number;
  body: string;
  /** the body parsed as plain JSON (no wire revival: what a foreign client would read) */
  json: () => { ok: boolean; value?: unknown; error?: ApiError };
}

/** One raw HTTP request to 127.0.0.1:port — no token or headers added, so tests can send exactly what they mean. */
export function http(port: number, method: string, path: string, headers: Record<string, string> = {}, body?: string): Promise<HttpReply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, method, path, headers }, (res) => {
      let b = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (b += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, body: b, json: () => JSON.parse(b) }));
    });
    req.on('error', reject);
    if (body !== undefined) req.write(body);
    req.end();
  });
}

export interface StartTwinOptions {
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
  /**
   * 'built' (default): serve out/renderer, building it first when stale. 'stub': serve <dataDir>/renderer holding
   * a one-line index.html, so suites that only speak HTTP never wait for a build.
   */
  renderer?: 'built' | 'stub';
}

/** The back end of an e2e test: the twin's HTTP server over real services on a temp store. */
export interface TwinServer {
  /** page URL with ?token=… */
  url: string;
  origin: string;
  token: string;
  port: number;
  services: Services;
  dataDir: string;
  dbPath: string;
  /** the directory the twin serves pages from */
  rendererDir: string;
  /** a command over HTTP as the page sends it (token header, JSON body); the reply's envelope, wire-revived */
  api<K extends CommandName>(name: K, input?: CommandInput<K>): Promise<ApiResult<CommandOutput<K>>>;
  /** closes the twin and the services, deletes the temp dir (idempotent) */
  close(): Promise<void>;
}

export async function startTwin(opts: StartTwinOptions = {}): Promise<TwinServer> {
  const stub = opts.renderer === 'stub';
  if (!stub) await ensureRenderer();
  const dataDir = mkdtempSync(join(tmpdir(), 'peak-e2e-'));
  const dbPath = join(dataDir, 'peak.db');
  const servedDir = stub ? join(dataDir, 'renderer') : rendererDir;
  if (stub) {
    mkdirSync(servedDir);
    writeFileSync(join(servedDir, 'index.html'), '<!doctype html><title>Peak Trade</title>');
  }
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
    twin = await startWebTwin({ services, rendererDir: servedDir, port: opts.port ?? 0, ...(opts.token && { token: opts.token }) });
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
    rendererDir: servedDir,
    async api(name, input) {
      const headers = { 'content-type': 'application/json', 'x-peak-token': twin.token };
      const reply = await http(twin.port, 'POST', `/api/${name}`, headers, JSON.stringify(input ?? {}));
      return JSON.parse(reply.body, reviveWire);
    },
    async close() {
      if (closed) return;
      closed = true;
      await twin.close();
      await services.close();
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}
