/**
 * Redis connections for the cluster. A Redis URL is the user's own configuration (a CLI flag, or the Settings
 * field of the app): only `redis://` and `rediss://` (TLS) URLs are accepted, with an optional user/password and a
 * database number — nothing else is ever dialled. The password is never logged: every message that could carry
 * the URL goes through `redactRedisUrl`.
 */
import { Redis, type RedisOptions } from 'ioredis';
import { PeakError } from '../../core/errors';
import { redactString } from '../../core/safety/redact';

export const REDIS_URL_MAX = 500;

export interface ParsedRedisUrl {
  url: string;
  tls: boolean;
  host: string;
  port: number;
  db: number;
  hasPassword: boolean;
}

/** Validates a Redis URL given by the user; `what` names the flag/field in the error. */
export function parseRedisUrl(raw: string, what = '--redis'): ParsedRedisUrl {
  const s = raw.trim();
  if (s.length === 0 || s.length > REDIS_URL_MAX) throw new PeakError('BAD_INPUT', `${what}: expected a redis:// or rediss:// URL of at most ${REDIS_URL_MAX} characters`);
  let u: URL;
  try {
    u = new URL(s);
  } catch {
    throw new PeakError('BAD_INPUT', `${what}: not a URL: ${redactRedisUrl(s)} (expected redis://[user:password@]host:port[/db])`);
  }
  if (u.protocol !== 'redis:' && u.protocol !== 'rediss:') {
    throw new PeakError('BAD_INPUT', `${what}: only redis:// and rediss:// (TLS) URLs are accepted, got ${u.protocol}//`);
  }
  if (u.hostname === '') throw new PeakError('BAD_INPUT', `${what}: the URL names no host`);
  if (u.search !== '' || u.hash !== '') throw new PeakError('BAD_INPUT', `${what}: query strings and fragments are not supported`);
  const path = u.pathname.replace(/^\//, '');
  if (path !== '' && !/^\d{1,2}$/.test(path)) throw new PeakError('BAD_INPUT', `${what}: the path must be a database number (0–15), got /${path}`);
  const port = u.port === '' ? 6379 : Number(u.port);
  return { url: s, tls: u.protocol === 'rediss:', host: u.hostname, port, db: path === '' ? 0 : Number(path), hasPassword: u.password !== '' };
}

// Redis URLs usually carry only a password (`redis://:secret@host`): an EMPTY user name, which the generic URL
// rule of redactString does not cover; mask any userinfo of a redis(s) URL first.
const REDIS_USERINFO = /\b(rediss?:\/\/)([^@\s/]+)@/gi;

/** The text with the credentials of any Redis (or other) URL masked, for logs, errors and the UI. */
export function redactRedisUrl(text: string): string {
  return redactString(text.replace(REDIS_USERINFO, '$1[redacted]@'));
}

/**
 * A connection. `blocking: true` for BullMQ workers and blocking pops (commands wait through reconnects instead
 * of failing after N retries: a Redis restart is survived); `probe: true` for a one-shot connection test.
 */
export function connect(url: string, opts: { blocking?: boolean; probe?: boolean; name?: string } = {}): Redis {
  const p = parseRedisUrl(url);
  const base: RedisOptions = {
    connectionName: opts.name,
    // Redis restarts are normal in a cluster's life: retry with back-off capped at 1 s.
    retryStrategy: opts.probe ? () => null : (times) => Math.min(1000, 50 * times),
    maxRetriesPerRequest: opts.blocking ? null : opts.probe ? 0 : 20,
    enableOfflineQueue: !opts.probe,
    lazyConnect: opts.probe === true,
    connectTimeout: opts.probe ? 3000 : 10_000,
    ...(p.tls && { tls: { servername: p.host } }),
  };
  const r = new Redis(p.url, base);
  // ioredis emits 'error' on every failed reconnect; unhandled it would crash the process. Callers log.
  r.on('error', () => {});
  return r;
}

/** Redis `INFO server` → redis_version. */
export function redisVersionOf(info: string): string {
  return /^redis_version:(\S+)/m.exec(info)?.[1] ?? 'unknown';
}

/** A message safe to show: the error text with any URL credentials masked. */
export function safeError(e: unknown): string {
  return redactRedisUrl(e instanceof Error ? e.message : String(e));
}
