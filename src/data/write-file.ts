import { lstatSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { kindOf, systemReason } from './read-file.js';

/**
 * Writes a file atomically: a temporary file in the same directory, then renamed over the path, so that a reader
 * sees the old file or the whole new one, and a failure leaves no part of the new one behind.
 * @throws DataError naming the file and the system's reason.
 */
export function writeAtomically(path: string, text: string | Uint8Array): void {
  const temporary = join(dirname(path), `.${basename(path)}.${process.pid}.tmp`);
  try {
    rmSync(temporary, { force: true });
    writeFileSync(temporary, text, { flag: 'wx' });
    renameSync(temporary, path);
  } catch (error) {
    rmSync(temporary, { force: true });
    throw new DataError(`Cannot write ${path}: ${systemReason(error)}.`);
  }
}

/**
 * Checks, before any work, that a file may be written at `path` (an `--out` option): its folder exists, and the
 * path is not a directory, a named pipe or a device; an existing file (or symbolic link) is replaced only when
 * `force` is given.
 * @throws UsageError saying what is at the path, or that --force is needed.
 */
export function checkOutputFile(path: string, force: boolean, option = '--out'): void {
  const folder = dirname(resolve(path));
  let folderStats;
  try {
    folderStats = statSync(folder);
  } catch (error) {
    throw new UsageError(`Cannot write ${option} ${path}: its folder ${folder} cannot be used (${systemReason(error)}).`);
  }
  if (!folderStats.isDirectory()) {
    throw new UsageError(`Cannot write ${option} ${path}: ${folder} is ${kindOf(folderStats)}, not a folder.`);
  }
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return;
  }
  if (!stats.isFile() && !stats.isSymbolicLink()) {
    throw new UsageError(`Cannot write ${option} ${path}: it is ${kindOf(stats)}; give the name of a file.`);
  }
  if (!force) {
    throw new UsageError(`${path} already exists; add --force to replace it, or choose another ${option}.`);
  }
}
