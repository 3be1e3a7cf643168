/**
 * THE way a TOML file becomes a validated value: parse (syntax errors name the file, line and column), then the
 * zod schema (issues name the file, the [table] and the key). Config, research configs and sweep presets use it.
 */
import { parse as parseToml, TomlError } from 'smol-toml';
import type { z } from 'zod';
import { PeakError } from '../../core/errors';

/** `file: [table] key: message; …` for zod issues of a TOML document. */
export function describeIssues(file: string, issues: readonly z.core.$ZodIssue[]): string {
  return issues
    .map((i) => {
      const keys = i.path.map(String);
      const where = keys.length > 1 ? `[${keys[0]}] ${keys.slice(1).join('.')}` : keys.length === 1 ? keys[0] : '(root)';
      const unknown = i.code === 'unrecognized_keys' ? `: unknown key(s) ${i.keys.map((k) => `"${k}"`).join(', ')}` : `: ${i.message}`;
      return `${file}: ${where}${unknown}`;
    })
    .join('; ');
}

/** TOML text → plain data; a syntax error is BAD_FILE naming `file` and the position. */
export function parseTomlText(text: string, file: string): unknown {
  try {
    return parseToml(text);
  } catch (e) {
    const where = e instanceof TomlError ? ` line ${e.line}, column ${e.column}:` : '';
    throw new PeakError('BAD_FILE', `${file}:${where} ${(e as Error).message.split('\n')[0]}`);
  }
}

/** TOML text → a value of `schema`, or BAD_FILE naming the file and key. */
export function readToml<S extends z.ZodType>(schema: S, text: string, file: string): z.output<S> {
  const r = schema.safeParse(parseTomlText(text, file));
  if (!r.success) throw new PeakError('BAD_FILE', describeIssues(file, r.error.issues));
  return r.data;
}
