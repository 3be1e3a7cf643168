/**
 * Cluster throughput vs the local pool: 1,000 MA-crossover combinations × 1,000,000 one-minute bars.
 * - local: the 2-thread piscina pool in this process (as sweep.1000x1m);
 * - cluster: this process as the coordinator + a throw-away redis-server (127.0.0.1, random port, no
 *   persistence) + two `peak worker --concurrency 1` processes (the built CLI), i.e. the same two cores.
 * Both runs are cold (indicators computed afresh; the cluster also publishes the 48 MB data set and each worker
 * fetches it once). Results: wall seconds of each, the throughput ratio (local s / cluster s; goal ≥ 0.9), whether
 * the results hashes are equal (the bench throws if not), and the throughput model's inputs: coordinator CPU ms
 * per chunk, Redis commands per chunk, result bytes per chunk.
 * Skipped (with a note on stderr) when redis-server is not installed.
 */
import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Redis } from 'ioredis';
import { synthGarchMarkov } from '../../src/core/data/synthetic';
import { defaultEngineConfig } from '../../src/core/engine/types';
import { canonicalJson } from '../../src/core/hash';
import { expandGrid, planGrid, type GridSpec } from '../../src/core/research/grid';
import { chooseChunkSize } from '../../src/core/research/sweep';
import { silentLogger } from '../../src/node/api/context';
import { createCoordinator } from '../../src/node/cluster/coordinator';
import { checkChunkOutput, type SweepChunkInput, type SweepChunkOutput } from '../../src/node/cluster/executor';
import { CLUSTER_PROTOCOL } from '../../src/node/cluster/protocol';
import { shareBars } from '../../src/workers/shared-data';
import { wanted, type BenchOptions, type BenchResult } from './harness';
import { benchPool, fastLtSlow } from './sweep.bench';

export const names = ['cluster.sweep_1000x1m'];

function projectRoot(): string {
  let d = dirname(fileURLToPath(import.meta.url));
  for (let i = 0; i < 6; i++) {
    if (existsSync(join(d, 'package.json')) && existsSync(join(d, 'src/workers/task.worker.ts'))) return d;
    d = dirname(d);
  }
  throw new Error('bench: cannot find the project root');
}

const freePort = () => new Promise<number>((res, rej) => {
  const s = createServer();
  s.once('error', rej);
  s.listen(0, '127.0.0.1', () => {
    const a = s.address();
    s.close(() => res(typeof a === 'object' && a !== null ? a.port : 0));
  });
});

function waitFor(p: ChildProcess, text: string, what: string): Promise<void> {
  return new Promise((res, rej) => {
    let seen = '';
    const timer = setTimeout(() => rej(new Error(`${what}: not ready in 60 s: ${seen.slice(-500)}`)), 60_000);
    const on = (d: Buffer) => {
      seen += d.toString();
      if (seen.includes(text)) {
        clearTimeout(timer);
        res();
      }
    };
    p.stdout?.on('data', on);
    p.stderr?.on('data', (d: Buffer) => (seen += d.toString()));
    p.once('exit', (c) => rej(new Error(`${what} exited ${c}: ${seen.slice(-500)}`)));
  });
}

/** sha256 over rows in combination order: index, canonical metrics, block bytes (as the sweep store hashes). */
function hashRows(rows: Map<number, SweepChunkOutput['rows'][number]>): string {
  const h = createHash('sha256');
  for (const i of [...rows.keys()].sort((a, b) => a - b)) {
    const r = rows.get(i)!;
    h.update(`${r.index}|${canonicalJson(r.metrics)}|`);
    h.update(new Uint8Array(r.blocks.buffer, r.blocks.byteOffset, r.blocks.byteLength));
  }
  return h.digest('hex');
}

const stop = (p: ChildProcess, sig: NodeJS.Signals) => new Promise<void>((res) => {
  if (p.exitCode !== null || p.signalCode !== null) return res();
  p.once('exit', () => res());
  p.kill(sig);
  setTimeout(() => p.kill('SIGKILL'), 5000).unref();
});

export async function run(opts: BenchOptions): Promise<BenchResult[]> {
  if (!wanted('cluster.sweep_1000x1m', opts)) return [];
  const redisBin = spawnSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).stdout.trim();
  if (redisBin === '') {
    process.stderr.write('bench: cluster.sweep_1000x1m skipped: redis-server is not installed\n');
    return [];
  }
  const root = projectRoot();
  const cli = join(root, 'out/main/cli.js');
  if (!existsSync(cli)) {
    const b = spawnSync('npx', ['electron-vite', 'build'], { cwd: root, stdio: ['ignore', process.stderr, process.stderr] });
    if (b.status !== 0) throw new Error('bench: electron-vite build failed');
  }
  const version = { app: (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { version: string }).version, protocol: CLUSTER_PROTOCOL };

  const bars = synthGarchMarkov({ n: 1_000_000, seed: 42, intervalMs: 60_000 }).bars;
  const grid: GridSpec = { fast_window: { kind: 'range', min: 5, max: 54, step: 1 }, slow_window: { kind: 'range', min: 60, max: 250, step: 10 } };
  const combos = expandGrid(planGrid(grid), fastLtSlow);
  const size = chooseChunkSize(combos.length, bars.close.length, 2);
  const inputsFor = (key: string): SweepChunkInput[] => {
    const data = shareBars(key, bars);
    const out: SweepChunkInput[] = [];
    for (let i = 0; i < combos.length; i += size) {
      out.push({ data, strategyId: 'ma_crossover', fixed: {}, combos: combos.slice(i, i + size), startIndex: i, engine: defaultEngineConfig, blocks: 16 });
    }
    return out;
  };

  // ---- local: 2 threads ----
  const localRows = new Map<number, SweepChunkOutput['rows'][number]>();
  const pool = await benchPool(2);
  let localS: number;
  try {
    const inputs = inputsFor(`bench-local-${process.pid}`);
    const t0 = performance.now();
    await pool.runMany('sweep-chunk', inputs, { collect: false, onResult: (_i, r) => { for (const row of r.rows) localRows.set(row.index, row); } });
    localS = (performance.now() - t0) / 1000;
  } finally {
    await pool.destroy();
  }

  // ---- cluster: redis + 2 worker processes × 1 thread ----
  const dir = mkdtempSync(join(tmpdir(), 'peak-bench-redis-'));
  const port = await freePort();
  const url = `redis://127.0.0.1:${port}`;
  const redis = spawn(redisBin, ['--port', String(port), '--save', '', '--appendonly', 'no', '--bind', '127.0.0.1', '--dir', dir], { stdio: ['ignore', 'pipe', 'pipe'] });
  const workers: ChildProcess[] = [];
  const clusterRows = new Map<number, SweepChunkOutput['rows'][number]>();
  try {
    await waitFor(redis, 'Ready to accept connections', 'redis-server');
    for (let i = 0; i < 2; i++) {
      const w = spawn(process.execPath, [cli, 'worker', '--redis', url, '--concurrency', '1', '--json'], { stdio: ['ignore', 'pipe', 'pipe'] });
      workers.push(w);
      await waitFor(w, '"event":"ready"', `worker ${i + 1}`);
    }
    const probe = new Redis(url);
    const commands = async () => Number(/total_commands_processed:(\d+)/.exec(await probe.info('stats'))?.[1] ?? 0);
    const coord = createCoordinator(url, version, silentLogger);
    const inputs = inputsFor(`bench-cluster-${process.pid}`);
    const cmd0 = await commands();
    const cpu0 = process.cpuUsage();
    const t0 = performance.now();
    await coord.run(
      { run: `bench-${process.pid}`, kind: 'sweep-chunk', chunkIds: inputs.map((_x, i) => i), inputs: inputs as never },
      { signal: new AbortController().signal, onResult: (i, v) => { for (const row of checkChunkOutput(v, inputs[i]).rows) clusterRows.set(row.index, row); } },
    );
    const clusterS = (performance.now() - t0) / 1000;
    const cpu = process.cpuUsage(cpu0);
    const cmdN = (await commands()) - cmd0 - 1;
    const stats = coord.stats();
    await coord.close();
    probe.disconnect();

    const localHash = hashRows(localRows);
    const clusterHash = hashRows(clusterRows);
    if (localRows.size !== combos.length || clusterRows.size !== combos.length) throw new Error(`bench: rows local ${localRows.size}, cluster ${clusterRows.size}, expected ${combos.length}`);
    if (localHash !== clusterHash) throw new Error(`bench: cluster results hash ${clusterHash} differs from the local ${localHash}`);
    const chunks = inputs.length;
    process.stderr.write(`bench: cluster ${chunks} chunks of ${size}; data published ${(stats.bytesPublished / 1e6).toFixed(1)} MB; hashes equal (${localHash.slice(0, 16)}…)\n`);
    return [
      { name: 'cluster.sweep_1000x1m', value: clusterS, unit: 's' },
      { name: 'cluster.sweep_1000x1m.local_2threads', value: localS, unit: 's' },
      { name: 'cluster.sweep_1000x1m.throughput_ratio', value: localS / clusterS, unit: '×' },
      { name: 'cluster.sweep_1000x1m.hash_equal', value: 1, unit: 'bool' },
      { name: 'cluster.coordinator_cpu_per_chunk', value: (cpu.user + cpu.system) / 1000 / chunks, unit: 'ms' },
      { name: 'cluster.redis_commands_per_chunk', value: cmdN / chunks, unit: 'ops' },
      { name: 'cluster.result_bytes_per_chunk', value: stats.resultBytes / chunks, unit: 'B' },
    ];
  } finally {
    await Promise.all(workers.map((w) => stop(w, 'SIGINT')));
    await stop(redis, 'SIGTERM');
    rmSync(dir, { recursive: true, force: true });
  }
}
