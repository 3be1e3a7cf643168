/** Float64Array ⇄ SQLite BLOB. Little-endian IEEE-754 bytes as the platform stores them (x86/ARM: LE). */
export function f64ToBlob(a: Float64Array): Buffer {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength);
}

/** Copies into a fresh, 8-byte-aligned Float64Array (a Buffer from SQLite may sit at any byte offset). */
export function blobToF64(b: Buffer | Uint8Array): Float64Array {
  if (b.byteLength % 8 !== 0) throw new Error(`blob length ${b.byteLength} is not a multiple of 8`);
  const out = new Float64Array(b.byteLength / 8);
  new Uint8Array(out.buffer).set(new Uint8Array(b.buffer, b.byteOffset, b.byteLength));
  return out;
}
