/**
 * The cluster wire protocol: Redis key layout, the task envelope a coordinator puts on the BullMQ queue, the
 * result message a worker node pushes back, and an EXACT value codec for results (JSON cannot carry
 * Float64Array, NaN, ±Infinity or -0; a cluster run must store byte-identical rows to a local run).
 *
 * Everything that comes off Redis is zod-parsed here: a queue is shared state that anyone with the password can
 * write to, so a worker treats a payload like any other untrusted input — registered task kinds only, data only
 * by content hash, never a path, a URL or code.
 */
import { z } from 'zod';

/** Bumped when the envelope, result or data layout changes; workers refuse other protocols. */
export const CLUSTER_PROTOCOL = 1;

/** BullMQ prefix and queue name: BullMQ keys are `peak:tasks:*`. */
export const PREFIX = 'peak';
export const QUEUE = 'tasks';

export const keys = {
  /** a published data set: six Float64 columns, content-addressed by the sha256 of these bytes */
  data: (sha: string) => `${PREFIX}:data:${sha}`,
  /** results of one coordinator run, a list the coordinator drains (RPUSH by workers, LPOP by the coordinator) */
  results: (run: string) => `${PREFIX}:results:${run}`,
  /** set when a run is cancelled: workers skip its queued tasks */
  cancelled: (run: string) => `${PREFIX}:cancelled:${run}`,
  /** hash: worker id → WorkerInfo JSON (heartbeat registry) */
  workers: `${PREFIX}:workers`,
  /** list of recent rejected payloads (newest first, capped) */
  rejected: `${PREFIX}:rejected`,
  /** pub/sub channel: a run id to cancel */
  cancelChannel: `${PREFIX}:cancel`,
  /** the BullMQ hash of a job (reconciliation reads it) */
  job: (jobId: string) => `${PREFIX}:${QUEUE}:${jobId}`,
} as const;

/** Results/cancel markers expire: a coordinator that never comes back must not leak Redis memory forever. */
export const RESULT_TTL_SEC = 7 * 24 * 3600;
export const REJECTED_KEEP = 100;

/** Task kinds a worker node runs (each a registered piscina task that takes a shared data set as `data`). */
export const CLUSTER_KINDS = ['sweep-chunk', 'wf-fold', 'mc-batch', 'stress-scenario', 'backtest'] as const;
export type ClusterKind = (typeof CLUSTER_KINDS)[number];

const RUN_ID = /^[A-Za-z0-9._-]{1,120}$/;
export const RunIdSchema = z.string().regex(RUN_ID, 'run id: letters, digits, ".", "_", "-" (≤ 120)');
export const ShaSchema = z.string().regex(/^[0-9a-f]{64}$/, 'data ref: a sha256 hex digest');

export const VersionSchema = z.object({ app: z.string().min(1).max(40), protocol: z.number().int() });
export type ClusterVersion = z.infer<typeof VersionSchema>;

/** Kinds whose input carries a market data set as `data` (sent by content address); the others carry none. */
export const DATA_KINDS: ReadonlySet<ClusterKind> = new Set(['sweep-chunk', 'wf-fold', 'backtest']);

/** Largest encoded task input (a Monte-Carlo batch carries its returns inline: 1,000,000 returns ≈ 11 MB). */
export const INPUT_MAX_CHARS = 32_000_000;

/**
 * What a coordinator enqueues. `input` is the task's input minus `data`, encoded with `encodeValue` (so
 * Float64Arrays such as Monte-Carlo returns travel exactly); `data` is the data set's content address, or null
 * for kinds without one.
 */
export const TaskEnvelopeSchema = z.object({
  v: VersionSchema,
  run: RunIdSchema,
  chunk: z.number().int().nonnegative(),
  kind: z.enum(CLUSTER_KINDS),
  data: z.object({ sha: ShaSchema, rows: z.number().int().positive() }).nullable(),
  input: z.string().max(INPUT_MAX_CHARS),
}).strict();
export type TaskEnvelope = z.infer<typeof TaskEnvelopeSchema>;

export const jobIdOf = (run: string, chunk: number): string => `${run}.c${chunk}`;

export const ResultMessageSchema = z.discriminatedUnion('ok', [
  z.object({ ok: z.literal(true), run: RunIdSchema, chunk: z.number().int().nonnegative(), worker: z.string().max(200), value: z.string() }),
  z.object({
    ok: z.literal(false), run: RunIdSchema, chunk: z.number().int().nonnegative(), worker: z.string().max(200),
    error: z.object({ code: z.string().max(40), message: z.string().max(2000) }),
  }),
]);
export type ResultMessage = z.infer<typeof ResultMessageSchema>;

export const WorkerInfoSchema = z.object({
  id: z.string().max(200),
  host: z.string().max(200),
  pid: z.number().int(),
  cores: z.number().int().positive(),
  concurrency: z.number().int().positive(),
  version: VersionSchema,
  startedAt: z.number(),
  lastHeartbeat: z.number(),
  tasksDone: z.number().int().nonnegative(),
  tasksFailed: z.number().int().nonnegative(),
  busy: z.number().int().nonnegative(),
});
export type WorkerInfo = z.infer<typeof WorkerInfoSchema>;

export const RejectionSchema = z.object({
  at: z.number(),
  worker: z.string().max(200),
  jobId: z.string().max(300),
  reason: z.string().max(2000),
});
export type Rejection = z.infer<typeof RejectionSchema>;

/** A worker is live while its heartbeat is younger than this. */
export const LIVE_AFTER_MS = 10_000;
export const HEARTBEAT_MS = 2_000;

/** Two versions work together iff the protocol and the app version (engine, task schemas) are equal. */
export function versionMismatch(coordinator: ClusterVersion, worker: ClusterVersion): string | null {
  if (coordinator.protocol === worker.protocol && coordinator.app === worker.app) return null;
  return `version mismatch: the coordinator runs Peak Trade ${coordinator.app} (cluster protocol ${coordinator.protocol}), ` +
    `this worker ${worker.app} (protocol ${worker.protocol}); run the same version on every machine`;
}

// ---- exact value codec -----------------------------------------------------------------------------------------

/**
 * JSON with tagged escapes: Float64Array → {"$f64": base64 of its bytes}, NaN/±Infinity/-0 → {"$num": "…"}.
 * Round-trips every value a task returns (plain objects, arrays, strings, booleans, null, numbers, Float64Array).
 */
export function encodeValue(v: unknown): string {
  return JSON.stringify(v, (_k, x: unknown) => {
    if (typeof x === 'number') {
      if (Number.isNaN(x)) return { $num: 'NaN' };
      if (x === Infinity) return { $num: 'Infinity' };
      if (x === -Infinity) return { $num: '-Infinity' };
      if (Object.is(x, -0)) return { $num: '-0' };
      return x;
    }
    if (x instanceof Float64Array) return { $f64: Buffer.from(x.buffer, x.byteOffset, x.byteLength).toString('base64') };
    return x;
  });
}

const NUMS: Record<string, number> = { NaN: Number.NaN, Infinity: Infinity, '-Infinity': -Infinity, '-0': -0 };

export function decodeValue(s: string): unknown {
  return JSON.parse(s, (_k, x: unknown) => {
    if (x === null || typeof x !== 'object' || Array.isArray(x)) return x;
    const o = x as Record<string, unknown>;
    const ks = Object.keys(o);
    if (ks.length !== 1) return x;
    if (ks[0] === '$num' && typeof o.$num === 'string' && Object.hasOwn(NUMS, o.$num)) return NUMS[o.$num];
    if (ks[0] === '$f64' && typeof o.$f64 === 'string') {
      const b = Buffer.from(o.$f64, 'base64');
      if (b.length % 8 !== 0) throw new Error('result: a Float64Array of a length not a multiple of 8 bytes');
      const out = new Float64Array(b.length / 8);
      new Uint8Array(out.buffer).set(b);
      return out;
    }
    return x;
  });
}

/** The first zod issue as "at path: message" (for rejection reports). */
export function firstIssue(e: z.ZodError): string {
  const i = e.issues[0];
  return `${i?.path.join('.') || '(root)'}: ${i?.message ?? 'invalid'}`;
}
