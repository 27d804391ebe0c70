/**
 * Reads a text file the user named, with bounds: only regular files (not /dev/zero, a
 * FIFO, a socket or a directory, which would hang or never end), at most `maxBytes` read
 * whatever the file claims its size is, UTF-8 only (binary data is refused, never echoed),
 * and a leading byte-order mark dropped, as most JSON tools do.
 */
import { closeSync, constants, fstatSync, openSync, readSync, statSync, type Stats } from 'node:fs';
import { CliError } from './cli-error.ts';
import { quote } from './quote.ts';

/** What kind of thing a path is, in words, when it is not a regular file. */
function kindOf(st: Stats): string | undefined {
  if (st.isFile()) return undefined;
  if (st.isDirectory()) return 'a directory';
  if (st.isFIFO()) return 'a FIFO (named pipe)';
  if (st.isCharacterDevice()) return 'a character device';
  if (st.isBlockDevice()) return 'a block device';
  if (st.isSocket()) return 'a socket';
  return 'not a regular file';
}

const REASONS: Record<string, string> = {
  ENOENT: 'no such file',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'a part of the path is not a directory',
  ELOOP: 'too many symbolic links',
  ENAMETOOLONG: 'the name is too long',
  EISDIR: 'it is a directory',
};

function reason(e: unknown): string {
  const code = (e as NodeJS.ErrnoException).code;
  return (code && REASONS[code]) ?? code ?? 'unreadable';
}

function mib(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

/** Reads at most maxBytes + 1 bytes (one more tells a file that is too long). */
function readBounded(fd: number, maxBytes: number): Buffer {
  const buf = Buffer.allocUnsafe(Math.min(maxBytes + 1, 64 * 1024));
  const parts: Buffer[] = [];
  let total = 0;
  for (;;) {
    const n = readSync(fd, buf, 0, Math.min(buf.length, maxBytes + 1 - total), null);
    if (n === 0) break;
    parts.push(Buffer.from(buf.subarray(0, n)));
    total += n;
    if (total > maxBytes) break;
  }
  return Buffer.concat(parts, total);
}

/**
 * The decoded text of `path`. `what` names the file in messages ("scenario"). Errors are
 * CliErrors that quote the path and say what to change.
 */
export function readTextFile(path: string, what: string, maxBytes: number): string {
  const name = quote(path);
  if (path.includes('\0')) throw new CliError(`cannot read ${what} ${name}: a path cannot contain a NUL character`);
  let st: Stats;
  try {
    st = statSync(path);
  } catch (e) {
    throw new CliError(`cannot read ${what} ${name}: ${reason(e)}`);
  }
  const kind = kindOf(st);
  if (kind) throw new CliError(`cannot read ${what} ${name}: it is ${kind}, not a regular file`);
  if (st.size > maxBytes) throw new CliError(`${what} ${name} is ${st.size} bytes; at most ${mib(maxBytes)} is read`);
  let fd: number;
  try {
    // O_NONBLOCK: if the path was swapped for a FIFO since the stat, opening must not wait for a writer.
    fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (e) {
    throw new CliError(`cannot read ${what} ${name}: ${reason(e)}`);
  }
  let bytes: Buffer;
  try {
    const again = kindOf(fstatSync(fd));
    if (again) throw new CliError(`cannot read ${what} ${name}: it is ${again}, not a regular file`);
    bytes = readBounded(fd, maxBytes);
  } catch (e) {
    if (e instanceof CliError) throw e;
    throw new CliError(`cannot read ${what} ${name}: ${reason(e)}`);
  } finally {
    closeSync(fd);
  }
  // Files under /proc and friends report size 0 and may be endless: the bounded read is what counts.
  if (bytes.length > maxBytes) throw new CliError(`${what} ${name} is more than ${mib(maxBytes)}; at most ${mib(maxBytes)} is read`);
  return decodeText(bytes, `${what} ${name}`);
}

/**
 * UTF-8 text from bytes: a NUL byte or an invalid UTF-8 sequence means the file is not
 * text (its bytes are never printed, only where the first bad one is). A UTF-8 BOM is dropped.
 */
export function decodeText(bytes: Uint8Array, name: string): string {
  if (bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff))) {
    throw new CliError(`${name} looks like UTF-16 text (it starts with a UTF-16 byte-order mark); save it as UTF-8`);
  }
  const nul = bytes.indexOf(0);
  if (nul >= 0) throw new CliError(`${name} is not a text file: a NUL byte at offset ${nul} (binary data?)`);
  const bad = firstInvalidUtf8(bytes);
  if (bad >= 0) throw new CliError(`${name} is not UTF-8 text: invalid byte 0x${bytes[bad].toString(16).padStart(2, '0')} at offset ${bad}`);
  const text = new TextDecoder('utf-8', { ignoreBOM: true }).decode(bytes);
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Offset where the first invalid UTF-8 sequence starts, or -1 (RFC 3629: no overlongs, no
 * surrogates, nothing above U+10FFFF).
 */
export function firstInvalidUtf8(b: Uint8Array): number {
  let i = 0;
  while (i < b.length) {
    const c = b[i];
    let need: number;
    let lo = 0x80;
    let hi = 0xbf;
    if (c < 0x80) need = 0;
    else if (c >= 0xc2 && c <= 0xdf) need = 1;
    else if (c >= 0xe0 && c <= 0xef) {
      need = 2;
      if (c === 0xe0) lo = 0xa0;
      if (c === 0xed) hi = 0x9f;
    } else if (c >= 0xf0 && c <= 0xf4) {
      need = 3;
      if (c === 0xf0) lo = 0x90;
      if (c === 0xf4) hi = 0x8f;
    } else return i;
    for (let k = 1; k <= need; k++) {
      const d = b[i + k];
      // A sequence cut short or with a bad continuation byte: report where it starts.
      if (d === undefined || (k === 1 ? d < lo || d > hi : d < 0x80 || d > 0xbf)) return i;
    }
    i += need + 1;
  }
  return -1;
}
