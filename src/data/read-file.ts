import { closeSync, constants, fstatSync, lstatSync, openSync, readlinkSync, readSync, type Stats } from 'node:fs';
import { DataError } from '../errors.js';
import { escapePath, formatCount } from '../text.js';

/** The largest file the tool reads, in bytes: above it a file is refused before it is read. */
export const MAX_FILE_BYTES = 256 * 1024 * 1024;

/** What a path is, in words, for messages: "a directory", "a named pipe (FIFO)", … */
export function kindOf(stats: Stats): string {
  if (stats.isFile()) return 'a regular file';
  if (stats.isDirectory()) return 'a directory';
  if (stats.isSymbolicLink()) return 'a symbolic link';
  if (stats.isFIFO()) return 'a named pipe (FIFO)';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice()) return 'a character device';
  if (stats.isBlockDevice()) return 'a block device';
  return 'not a regular file';
}

/** A system error's code and its meaning in words, e.g. "permission denied (EACCES)". */
export function systemReason(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const words: Record<string, string> = {
    EACCES: 'permission denied',
    EPERM: 'operation not permitted',
    ELOOP: 'too many levels of symbolic links',
    ENOTDIR: 'a part of the path is not a directory',
    ENAMETOOLONG: 'the name is too long',
    EISDIR: 'it is a directory',
    EIO: 'an input/output error',
    EMFILE: 'too many open files',
    ENOENT: 'no such file or directory',
    EROFS: 'a read-only file system',
    ENOSPC: 'no space left on the device',
  };
  if (code !== undefined && words[code] !== undefined) return `${words[code]} (${code})`;
  return code ?? (error instanceof Error ? error.message : String(error));
}

/**
 * Whether a path exists, without following a final symbolic link: false only when nothing is there, so that a
 * broken link or an unreadable path is reported rather than taken for an absent file.
 */
export function pathExists(path: string): boolean {
  try {
    lstatSync(path);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return false;
    throw new DataError(`Cannot read ${escapePath(path)}: ${systemReason(error)}.`);
  }
}

/**
 * Checks that `dir` is a directory the tool can read (following symbolic links, as a directory given by the
 * user may well be one).
 * @throws DataError naming what the path is instead, or why it cannot be read.
 */
export function checkDirectory(dir: string, what: string): void {
  let stats: Stats;
  try {
    stats = lstatSync(dir);
    if (stats.isSymbolicLink()) stats = fstatOfPath(dir);
  } catch (error) {
    if (error instanceof DataError) throw error;
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') throw new DataError(`${what} ${escapePath(dir)} does not exist.`);
    throw new DataError(`Cannot read ${what.toLowerCase()} ${escapePath(dir)}: ${systemReason(error)}.`);
  }
  if (!stats.isDirectory()) throw new DataError(`${escapePath(dir)} is ${kindOf(stats)}, not a directory.`);
  let fd: number | undefined;
  try {
    fd = openSync(dir, constants.O_RDONLY | constants.O_DIRECTORY);
  } catch (error) {
    throw new DataError(`Cannot read ${what.toLowerCase()} ${escapePath(dir)}: ${systemReason(error)}.`);
  } finally {
    if (fd !== undefined) closeSync(fd);
  }
}

function fstatOfPath(path: string): Stats {
  try {
    const fd = openSync(path, constants.O_RDONLY | constants.O_NONBLOCK);
    try {
      return fstatSync(fd);
    } finally {
      closeSync(fd);
    }
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') {
      throw new DataError(`${escapePath(path)} is a symbolic link to ${escapePath(readlinkSync(path))}, which does not exist.`);
    }
    throw error;
  }
}

/**
 * The text of a regular file, read safely: a symbolic link, directory, named pipe, device or socket is refused
 * with its kind named and never read from (the file is opened without following links and without blocking,
 * and its type checked before any read); so is a file over {@link MAX_FILE_BYTES}, a compressed or binary
 * file, or one that is not UTF-8. A leading byte-order mark is dropped.
 * @param what what the file is, for messages ("the input series", "a data file").
 * @throws DataError naming the file and what is wrong with it.
 */
export function readTextFile(path: string, what: string): string {
  return decodeText(readFileBytes(path, what), path, what);
}

/**
 * The bytes of a regular file, read as safely as {@link readTextFile} reads (the same refusals, but for those of
 * the text: compressed, binary, not UTF-8); undefined when `absent` is 'undefined' and nothing is at the path.
 * @throws DataError naming the file and what is wrong with it.
 */
export function readFileBytes(path: string, what: string): Buffer;
export function readFileBytes(path: string, what: string, absent: 'undefined'): Buffer | undefined;
export function readFileBytes(path: string, what: string, absent: 'refuse' | 'undefined' = 'refuse'): Buffer | undefined {
  // Where the system cannot open without following a link, the path is looked at first; elsewhere the open itself
  // refuses a link (ELOOP), and the path is looked at only to say what it is when the open fails.
  if (constants.O_NOFOLLOW === undefined) {
    const refused = refusalOf(path, what);
    if (refused !== undefined) throw refused;
  }
  let fd: number;
  try {
    fd = openSync(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0) | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' && absent === 'undefined') return undefined;
    if (code === 'ENOENT') throw new DataError(`Cannot read ${what} ${escapePath(path)}: it does not exist.`);
    throw refusalOf(path, what) ?? new DataError(`Cannot read ${what} ${escapePath(path)}: ${systemReason(error)}.`);
  }
  try {
    const opened = fstatSync(fd);
    if (!opened.isFile()) {
      throw new DataError(`Cannot read ${what} ${escapePath(path)}: it is ${kindOf(opened)}, not a regular file.`);
    }
    if (opened.size > MAX_FILE_BYTES) {
      throw new DataError(
        `Cannot read ${what} ${escapePath(path)}: it is ${formatCount(opened.size)} bytes, over the limit of ${formatCount(MAX_FILE_BYTES)} bytes (256 MiB).`,
      );
    }
    return readAll(fd, opened.size, path, what);
  } finally {
    closeSync(fd);
  }
}

/**
 * Why a path is not a file to read, by what it is (a symbolic link, with its target; a socket, a directory…), or
 * undefined when it is a regular file or cannot be looked at (the open that follows says why).
 */
function refusalOf(path: string, what: string): DataError | undefined {
  let stats: Stats;
  try {
    stats = lstatSync(path);
  } catch {
    return undefined;
  }
  if (stats.isSymbolicLink()) {
    let target = '';
    try {
      target = ` to ${escapePath(readlinkSync(path))}`;
    } catch {
      // the link's target is only for the message
    }
    return new DataError(
      `Cannot read ${what} ${escapePath(path)}: it is a symbolic link${target}; give the path of the file itself.`,
    );
  }
  if (!stats.isFile()) return new DataError(`Cannot read ${what} ${escapePath(path)}: it is ${kindOf(stats)}, not a regular file.`);
  return undefined;
}

/** The names that mean standard input where a command reads a file: `-`, as most tools take it, and /dev/stdin. */
export const STANDARD_INPUT_NAMES: readonly string[] = ['-', '/dev/stdin'];

/** How messages name standard input. */
export const STANDARD_INPUT = 'standard input';

/** Whether a path given for a file to read means standard input ({@link STANDARD_INPUT_NAMES}). */
export function isStandardInput(path: string): boolean {
  return STANDARD_INPUT_NAMES.includes(path);
}

/** File descriptor 0. */
const STDIN_FD = 0;

/** How long to wait before reading again when standard input has nothing yet (a non-blocking pipe). */
const STDIN_RETRY_MS = 5;

/**
 * The text of standard input, read to its end within {@link MAX_FILE_BYTES} and checked as a file's text is (UTF-8,
 * not compressed, not binary); refused when standard input is a terminal, where a file was meant.
 * @param what what the text is, for messages ("the input series").
 * @throws DataError naming standard input and what is wrong.
 */
export function readStandardInput(what: string): string {
  // A pipe or a file is never a terminal; only a character device (a terminal, /dev/null) is asked of Node's
  // stream, whose modules are then loaded.
  if (fstatSync(STDIN_FD).isCharacterDevice() && process.stdin.isTTY === true) {
    throw new DataError(
      `Cannot read ${what} from ${STANDARD_INPUT}: it is a terminal. Pipe the file in (… | mining-energy …) or give its path.`,
    );
  }
  return decodeText(readAll(STDIN_FD, 64 * 1024, STANDARD_INPUT, what), STANDARD_INPUT, what);
}

/** {@link readTextFile}, or {@link readStandardInput} for `-` and /dev/stdin. */
export function readTextInput(path: string, what: string): string {
  return isStandardInput(path) ? readStandardInput(what) : readTextFile(path, what);
}

/** Blocks the thread for a few milliseconds: standard input read without blocking may have nothing yet. */
function pause(ms: number): void {
  Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
}

function readAll(fd: number, size: number, path: string, what: string): Buffer {
  const chunks: Buffer[] = [];
  let total = 0;
  let chunk = Buffer.allocUnsafe(Math.max(size, 1) + 1);
  for (;;) {
    let read: number;
    try {
      read = readSync(fd, chunk, 0, chunk.length, null);
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EAGAIN') {
        pause(STDIN_RETRY_MS);
        continue;
      }
      if (code === 'EOF') break;
      throw new DataError(`Cannot read ${what} ${escapePath(path)}: ${systemReason(error)}.`);
    }
    if (read === 0) break;
    chunks.push(chunk.subarray(0, read));
    total += read;
    if (total > MAX_FILE_BYTES) {
      throw new DataError(`Cannot read ${what} ${escapePath(path)}: it is over the limit of ${formatCount(MAX_FILE_BYTES)} bytes (256 MiB).`);
    }
    chunk = Buffer.allocUnsafe(64 * 1024);
  }
  return chunks.length === 1 ? (chunks[0] as Buffer) : Buffer.concat(chunks, total);
}

/** A strict UTF-8 decoder, made on first use: making one costs a fraction of a millisecond that most runs need not pay. */
let decoder: InstanceType<typeof TextDecoder> | undefined;

/**
 * A text without its leading UTF-8 byte-order mark, if it has one: editors on Windows write one, and JSON.parse
 * refuses it as "an unexpected character" at line 1, column 1. The one rule: files lose it as they are read, and
 * the parsers drop it from text given to the library.
 */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}

/**
 * Text from a file's bytes: UTF-8 only, a leading byte-order mark dropped; compressed archives, binary files
 * (any NUL byte) and invalid UTF-8 are refused with what they look like.
 */
export function decodeText(bytes: Uint8Array, path: string, what: string): string {
  const at = (offset: number) => bytes[offset];
  if (at(0) === 0x1f && at(1) === 0x8b) {
    throw new DataError(`Cannot read ${what} ${escapePath(path)}: it is gzip-compressed; decompress it first (gunzip).`);
  }
  if (at(0) === 0x50 && at(1) === 0x4b && at(2) === 0x03 && at(3) === 0x04) {
    throw new DataError(`Cannot read ${what} ${escapePath(path)}: it is a zip archive (or a spreadsheet); extract the file first.`);
  }
  const nul = bytes.indexOf(0);
  if (nul !== -1) {
    throw new DataError(`Cannot read ${what} ${escapePath(path)}: it is binary, not text (a NUL byte at offset ${nul}).`);
  }
  try {
    decoder ??= new TextDecoder('utf-8', { fatal: true, ignoreBOM: true });
    return withoutByteOrderMark(decoder.decode(bytes));
  } catch {
    throw new DataError(`Cannot read ${what} ${escapePath(path)}: it is not UTF-8 text.`);
  }
}
