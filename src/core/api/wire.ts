// JSON wire format of the browser twin. Plain JSON loses NaN/±Infinity (→ null) and turns typed arrays into
// index-keyed objects; Electron's structured clone keeps both. To make the twin deliver the same values as IPC,
// non-finite numbers travel as { "$peakNum": "NaN" | "Infinity" | "-Infinity" } (revived by the renderer client's
// reviveWire) and typed arrays as plain number arrays.

export const NUM_TAG = '$peakNum';

function replacer(_key: string, value: unknown): unknown {
  if (typeof value === 'number' && !Number.isFinite(value)) return { [NUM_TAG]: String(value) };
  if (ArrayBuffer.isView(value) && !(value instanceof DataView)) {
    return Array.from(value as unknown as ArrayLike<number | bigint>, (x) => (typeof x === 'bigint' ? Number(x) : x));
  }
  if (typeof value === 'bigint') return Number(value);
  return value;
}

/** Serialises a value for the twin's HTTP bodies and WebSocket frames. */
export function encodeWire(value: unknown): string {
  return JSON.stringify(value, replacer) ?? 'null';
}
