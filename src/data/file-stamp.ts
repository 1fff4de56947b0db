import { statSync } from 'node:fs';

/**
 * What a file was when it was looked at: size in bytes, modification and change times in milliseconds, inode; null
 * when it was not there. A kept result is used while its file still has the stamp it was computed with.
 */
export type FileStamp = readonly [sizeBytes: number, mtimeMs: number, ctimeMs: number, inode: number] | null;

/**
 * The stamp of a path that is there but cannot be looked at (a loop of links, no permission): its times are NaN,
 * so that it matches no stamp, another of the same path included, and is always racy.
 */
const unreadable = (): FileStamp => [-1, Number.NaN, Number.NaN, -1];

/** The stamp of a file now; reading it afterwards says what is wrong with one that cannot be looked at. */
export function stampOf(path: string): FileStamp {
  try {
    const stats = statSync(path, { throwIfNoEntry: false });
    return stats === undefined ? null : [stats.size, stats.mtimeMs, stats.ctimeMs, stats.ino];
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOTDIR' ? null : unreadable();
  }
}

/** Whether a file is in the state a stamp recorded (a JSON copy of the stamp compares equal too). */
export const sameStamp = (a: FileStamp | undefined, b: FileStamp) =>
  a === b || (Array.isArray(a) && b !== null && a.every((value, index) => value === b[index]));

/**
 * How long before a record resting on a file's stamp was written the file may have changed for the stamp to be
 * trusted alone. File systems record times in steps (a clock tick of a few milliseconds on Linux before 6.13, two
 * seconds on FAT): a change of the same size made in the step of the one before leaves the stamp as it was. A stamp
 * of a file changed less than this before the record was written is racy (git's word for it), and what rests on it
 * is checked another way, or not used.
 */
export const RACY_WINDOW_MS = 2_000;

/**
 * Whether a stamp is racy for a record written at `writtenAtMs`: the record file's own modification time, from the
 * same file system's clock as the stamp's times (so that a clock of this machine that differs from a file server's
 * does not count). A file changed after the record was written, or in the future, is racy too.
 */
export function isRacy(stamp: FileStamp, writtenAtMs: number): boolean {
  return stamp !== null && !(writtenAtMs - Math.max(stamp[1], stamp[2]) >= RACY_WINDOW_MS);
}

/** The modification time of a file in milliseconds, or NaN when it cannot be looked at (racy for every stamp). */
export function modifiedMs(path: string): number {
  try {
    return statSync(path).mtimeMs;
  } catch {
    return Number.NaN;
  }
}

/**
 * A 64-bit checksum of a text, in hex: FNV-1a over its UTF-16 code units in one lane of 32 bits, and a second lane
 * mixed with another multiplier. What a kept result is checked with when its stamp is racy: it tells an edited text
 * from the one a value was computed from (an accidental match is about one in 2^64), without loading node:crypto
 * at start-up.
 */
export function textChecksum(text: string): string {
  let first = 0x811c9dc5;
  let second = 0x9747b28c;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    first = Math.imul(first ^ unit, 0x01000193);
    second = Math.imul(second ^ unit, 0x5bd1e995);
    second ^= second >>> 15;
  }
  return (first >>> 0).toString(16).padStart(8, '0') + (second >>> 0).toString(16).padStart(8, '0');
}
