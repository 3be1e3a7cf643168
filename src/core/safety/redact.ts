/**
 * Secrets never leave the machine in logs, reports, audit rows or exports. `redactSecrets` returns a deep copy in
 * which every value under a secret-looking key is replaced, and every string has URL credentials
 * (`https://user:pass@host`) and secret query parameters (`?token=…`) masked. Pure; used by the audit log, the
 * audit snapshot, alert sinks and report writers.
 */
export const REDACTED = '[redacted]';

const SECRET_KEY =
  /(token|secret|password|passwd|passphrase|api[_-]?key|apikey|private[_-]?key|credential|authorization|auth[_-]?header|webhook|cookie|session[_-]?key|signature)/i;

const URL_USERINFO = /\b([a-z][a-z0-9+.-]*:\/\/)([^/\s:@]*(?::[^/\s@]*)?)@/gi;
const SECRET_QUERY = /([?&](?:token|key|api[_-]?key|apikey|secret|signature|sig|password|access[_-]?token|auth)=)[^&#\s"']*/gi;
/** Slack-style webhook paths carry the credential in the path itself. */
const WEBHOOK_PATH = /(hooks\.slack\.com\/services\/)[A-Za-z0-9/_-]+/gi;

export const isSecretKey = (key: string): boolean => SECRET_KEY.test(key);

export function redactString(s: string): string {
  return s
    .replace(URL_USERINFO, `$1${REDACTED}@`)
    .replace(SECRET_QUERY, `$1${REDACTED}`)
    .replace(WEBHOOK_PATH, `$1${REDACTED}`);
}

export function redactSecrets<T>(value: T): T {
  return walk(value, 0) as T;
}

function walk(v: unknown, depth: number): unknown {
  if (depth > 32) return REDACTED; // a cycle or absurd nesting: never risk leaking what we cannot inspect
  if (typeof v === 'string') return redactString(v);
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) return v.map((x) => walk(x, depth + 1));
  if (ArrayBuffer.isView(v)) return v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    // booleans like `confirm_token_present` say whether a secret exists, never what it is: keep them
    out[k] = isSecretKey(k) && typeof x !== 'boolean' && x !== null && x !== undefined ? REDACTED : walk(x, depth + 1);
  }
  return out;
}
