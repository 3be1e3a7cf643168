/**
 * The wire format shared by every transport, declared once (pure, zod-free: the sandboxed preload bundles it).
 *
 * JSON (the browser twin's HTTP bodies and WebSocket frames) loses NaN/±Infinity (→ null) and turns typed arrays
 * into index-keyed objects; Electron's structured clone keeps both. To make the twin deliver the same values as
 * IPC, non-finite numbers travel as { "$peakNum": "NaN" | "Infinity" | "-Infinity" } (revived by reviveWire) and
 * typed arrays as plain number arrays.
 *
 * Connections: a job's events go to the connection that started it (and its followers). Over the twin the page
 * names its connection — one random id per page load, e.g. crypto.randomUUID() — in the `x-peak-connection`
 * header of every request and in the `connection` query parameter of the /events socket. Over IPC the connection
 * is the calling webContents, set by the main process.
 */

export const NUM_TAG = '$peakNum';

/** Electron's push-event channel: every event travels as { event, payload } on this one channel. */
export const EVENT_CHANNEL = 'peak:event';

/** Twin request header carrying the page's connection id. */
export const CONNECTION_HEADER = 'x-peak-connection';
/** Twin /events socket query parameter carrying the page's connection id. */
export const CONNECTION_PARAM = 'connection';
/** A connection id: 1–64 of A–Z a–z 0–9 . _ - (a UUID fits). */
export const CONNECTION_ID_PATTERN = /^[A-Za-z0-9._-]{1,64}$/;

/** Connection ids of the in-process doors. */
export const CLI_CONNECTION = 'cli';
export const LOCAL_CONNECTION = 'local';

export const isConnectionId = (v: unknown): v is string => typeof v === 'string' && CONNECTION_ID_PATTERN.test(v);

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

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null;

/** JSON.parse reviver undoing encodeWire's number tags: `JSON.parse(text, reviveWire)`. */
export function reviveWire(_key: string, value: unknown): unknown {
  if (isRecord(value) && typeof value[NUM_TAG] === 'string' && Object.keys(value).length === 1) {
    const s = value[NUM_TAG];
    if (s === 'NaN') return Number.NaN;
    if (s === 'Infinity') return Number.POSITIVE_INFINITY;
    if (s === '-Infinity') return Number.NEGATIVE_INFINITY;
  }
  return value;
}

/**
 * Parses a twin body or frame. The reviver runs for every key of every object (a 5 MB run detail parses ~3×
 * slower with it), so it is used only when a number tag is in the text at all; without one it changes nothing.
 */
export function decodeWire(text: string): unknown {
  return text.includes(`"${NUM_TAG}"`) ? JSON.parse(text, reviveWire) : JSON.parse(text);
}
