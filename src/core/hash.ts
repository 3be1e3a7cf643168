/**
 * Canonical JSON: object keys sorted at every depth, no whitespace, so equal values serialise to equal strings
 * (the input of config hashes). Numbers use JS's shortest round-trip form; -0 is written as 0; non-finite
 * numbers, undefined and functions are rejected (they would not round-trip through JSON).
 */
export function canonicalJson(value: unknown): string {
  return write(value, '$');
}

function write(v: unknown, path: string): string {
  if (v === null) return 'null';
  switch (typeof v) {
    case 'number':
      if (!Number.isFinite(v)) throw new TypeError(`canonicalJson: ${path} is not a finite number (${v})`);
      return Object.is(v, -0) ? '0' : JSON.stringify(v);
    case 'string':
    case 'boolean':
      return JSON.stringify(v);
    case 'object': {
      if (Array.isArray(v)) return `[${v.map((x, i) => write(x, `${path}[${i}]`)).join(',')}]`;
      if (ArrayBuffer.isView(v)) {
        const arr = Array.from(v as unknown as ArrayLike<number>);
        return write(arr, path);
      }
      const o = v as Record<string, unknown>;
      const keys = Object.keys(o).filter((k) => o[k] !== undefined).sort();
      return `{${keys.map((k) => `${JSON.stringify(k)}:${write(o[k], `${path}.${k}`)}`).join(',')}}`;
    }
    default:
      throw new TypeError(`canonicalJson: ${path} has unsupported type ${typeof v}`);
  }
}
