import { statSync } from 'node:fs';
import { dirname } from 'node:path';
import { PeakError } from '../core/errors';

/**
 * A database path the user typed must sit in an existing directory: a typo (`--db /nonexistent/dir/x.db`)
 * would otherwise silently create the directory tree and a fresh 25 MB seeded database. (The default
 * location under the user data dir is still created on first run.)
 */
export function requireParentDir(path: string, flag: string): string {
  const dir = dirname(path);
  let ok = false;
  try {
    ok = statSync(dir).isDirectory();
  } catch {
    ok = false;
  }
  if (!ok) throw new PeakError('BAD_INPUT', `${flag}: directory ${dir} does not exist (create it first, or choose another path)`);
  return path;
}
