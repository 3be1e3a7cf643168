/**
 * Reading a file the user named, without letting the name turn into a hang or a memory blow-up: only regular
 * files (a FIFO would block an I/O thread for ever, /dev/zero never ends), at most `maxBytes`. The file is
 * opened non-blocking and checked again on the open descriptor, so a swap between the check and the read
 * cannot slip a device in.
 */
import { constants } from 'node:fs';
import { open, stat } from 'node:fs/promises';
import { PeakError } from '../../core/errors';

/** 512 MiB: a year of 1-minute bars is ~40 MB of CSV; beyond this V8 strings get unwieldy. */
export const MAX_IMPORT_BYTES = 512 * 1024 * 1024;

function notRegular(path: string): PeakError {
  return new PeakError('BAD_INPUT', `${path}: not a regular file (only regular CSV files are imported)`);
}

export async function readRegularFileUtf8(path: string, maxBytes = MAX_IMPORT_BYTES): Promise<string> {
  let info;
  try {
    info = await stat(path);
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new PeakError('NOT_FOUND', `${path}: file not found`);
    throw new PeakError('BAD_FILE', `${path}: cannot be read (${code ?? 'unknown error'})`);
  }
  if (info.isDirectory()) throw new PeakError('BAD_INPUT', `${path}: is a directory, not a CSV file`);
  if (!info.isFile()) throw notRegular(path);
  const tooBig = (size: number): PeakError =>
    new PeakError('BAD_FILE', `${path}: ${size} bytes is larger than the import limit of ${maxBytes} bytes`);
  if (info.size > maxBytes) throw tooBig(info.size);
  let fh;
  try {
    fh = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new PeakError('BAD_FILE', `${path}: cannot be read (${(e as { code?: string }).code ?? 'unknown error'})`);
  }
  try {
    const again = await fh.stat();
    if (!again.isFile()) throw notRegular(path);
    if (again.size > maxBytes) throw tooBig(again.size);
    // read at most maxBytes + 1: a file that grows while we read is still bounded
    const buf = Buffer.allocUnsafe(Math.min(again.size, maxBytes) + 1);
    let got = 0;
    for (;;) {
      const { bytesRead } = await fh.read(buf, got, buf.length - got, null);
      if (bytesRead === 0) break;
      got += bytesRead;
      if (got > maxBytes) throw tooBig(got);
      if (got === buf.length) break;
    }
    return buf.toString('utf8', 0, got);
  } finally {
    await fh.close();
  }
}
