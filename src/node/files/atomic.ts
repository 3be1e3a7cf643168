import { randomUUID } from 'node:crypto';
import { renameSync, writeFileSync } from 'node:fs';

/**
 * Write to a uniquely named temp file beside `path`, then rename over it: a reader never sees a half-written file,
 * and two writers of the same file never share a temp file (`wx` refuses an existing one).
 */
export function writeAtomic(path: string, text: string): void {
  const tmp = `${path}.${randomUUID().slice(0, 8)}.tmp`;
  writeFileSync(tmp, text, { encoding: 'utf8', flag: 'wx' });
  renameSync(tmp, path);
}
