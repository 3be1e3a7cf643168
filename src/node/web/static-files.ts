// Serving the built renderer from disk — shared by the browser twin (http) and Electron's app:// protocol.
// Everything here is pure (no fs) so the containment rules are unit-tested on their own.
import { extname, isAbsolute, join, normalize, relative, sep } from 'node:path';

/**
 * Maps a URL path (as sent, still percent-encoded, query/hash allowed) to a file under `root`, or null when
 * the request tries to leave `root`. Resolution is lexical — no symlinks followed — and refuses, rather than
 * clamps: `..` segments (also encoded `%2e%2e`, `%2f`-smuggled separators and backslashes), NUL bytes, drive
 * letters / absolute paths, and undecodable escapes. `/` and directory paths map to index.html.
 */
export function resolveContainedPath(root: string, urlPath: string): string | null {
  if (!isAbsolute(root)) return null;
  const raw = urlPath.split(/[?#]/, 1)[0] ?? '';
  let decoded: string;
  try {
    decoded = decodeURIComponent(raw);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  if (!decoded.startsWith('/')) decoded = `/${decoded}`;
  const segments = decoded.split('/');
  // Any traversal segment is refused outright (a legitimate renderer URL never contains one).
  if (segments.some((s) => s === '..' || s === '.')) return null;
  const relPath = segments.filter((s) => s !== '').join('/');
  if (/^[a-zA-Z]:/.test(relPath) || isAbsolute(relPath)) return null;
  const full = normalize(join(root, relPath === '' ? 'index.html' : relPath));
  const rel = relative(normalize(root), full);
  if (rel === '' || rel.startsWith('..') || isAbsolute(rel)) return null;
  return decoded.endsWith('/') && relPath !== '' ? join(full, 'index.html') : full;
}

/** True when `candidate` (already resolved, e.g. by fs.realpath) lies strictly inside `root` (also resolved). */
export function isInside(root: string, candidate: string): boolean {
  const rel = relative(root, candidate);
  return rel !== '' && !rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel);
}

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.map': 'application/json; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.jpeg': 'image/jpeg',
  '.gif': 'image/gif',
  '.webp': 'image/webp',
  '.ico': 'image/x-icon',
  '.woff': 'font/woff',
  '.woff2': 'font/woff2',
  '.ttf': 'font/ttf',
  '.txt': 'text/plain; charset=utf-8',
  '.csv': 'text/csv; charset=utf-8',
  '.wasm': 'application/wasm',
};

export function contentTypeFor(path: string): string {
  return TYPES[extname(path).toLowerCase()] ?? 'application/octet-stream';
}

/**
 * The Content-Security-Policy for the renderer (twin and desktop). No inline or eval'd script; inline styles are
 * allowed because plotly and React style attributes need them; `connectSrc` adds the twin's WebSocket origin
 * (Chrome's 'self' does not reliably cover ws:). Nothing may frame the app, and forms/base URLs are disabled.
 */
export function buildCsp(connectSrc: readonly string[] = []): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    `connect-src ${["'self'", ...connectSrc].join(' ')}`,
    "worker-src 'self' blob:",
    "object-src 'none'",
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

/** Headers every renderer response carries (CSP aside). */
export const hardeningHeaders: Readonly<Record<string, string>> = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'cross-origin-opener-policy': 'same-origin',
  'cross-origin-resource-policy': 'same-origin',
  'x-frame-options': 'DENY',
};
