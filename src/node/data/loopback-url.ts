import { PeakError } from '../../core/errors';

const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

/** True for http(s) URLs whose host is this machine's loopback interface. */
export function isLoopbackUrl(raw: string): boolean {
  let u: URL;
  try {
    u = new URL(raw);
  } catch {
    return false;
  }
  return (u.protocol === 'http:' || u.protocol === 'https:') && LOOPBACK.has(u.hostname) && u.username === '' && u.password === '';
}

/** The URL when it is loopback; otherwise BAD_INPUT naming the setting (a replay server is never remote). */
export function requireLoopbackUrl(raw: string, setting: string): string {
  if (!isLoopbackUrl(raw)) throw new PeakError('BAD_INPUT', `${setting}: only a loopback URL (http://127.0.0.1:<port>) is accepted, got ${JSON.stringify(raw.slice(0, 100))}`);
  return raw;
}
