import { chmodSync, existsSync, linkSync, lstatSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { basename, dirname, join, resolve } from 'node:path';
import { DataError, UsageError } from '../errors.js';
import { escapePath } from '../text.js';
import { kindOf, systemReason } from './read-file.js';

/**
 * The characters (code points, up to 4 bytes each in UTF-8) of a file's name kept in its temporary file's name: few
 * enough that the temporary name (a dot, the kept part, the process id and `.tmp`) fits in the 255 bytes a file
 * name may have, however long the name itself is.
 */
const TEMPORARY_NAME_KEPT_CHARS = 48;

/** The temporary file a write to `path` goes through: in the same folder, hidden, named after the file and the process. */
export function temporaryPathFor(path: string): string {
  return join(dirname(path), `.${[...basename(path)].slice(0, TEMPORARY_NAME_KEPT_CHARS).join('')}.${process.pid}.tmp`);
}

/** The temporary files this process is writing, removed if a signal ends it (see {@link cleanUpOnSignals}). */
const pendingTemporaries = new Set<string>();
const STOPPING_SIGNALS = ['SIGINT', 'SIGTERM', 'SIGHUP'] as const;
let signalsWatched = false;

/**
 * From the first file written on, a signal that would end the process (SIGINT, SIGTERM, SIGHUP) is caught, so that
 * a write under way finishes or is undone (the signal is handled between two steps, never inside a write), any
 * temporary file left is removed, and the process then ends by the same signal, as it would have. When the program
 * has listeners of its own for the signal, they decide what happens; only the temporary files are removed.
 * The listeners are installed only once a file is written, so that a long computation before stays interruptible.
 */
function cleanUpOnSignals(): void {
  if (signalsWatched) return;
  signalsWatched = true;
  const onSignal = (signal: NodeJS.Signals) => {
    for (const path of pendingTemporaries) removeQuietly(path);
    pendingTemporaries.clear();
    if (process.listenerCount(signal) > 1) return;
    for (const name of STOPPING_SIGNALS) process.removeListener(name, onSignal);
    process.kill(process.pid, signal);
  };
  for (const name of STOPPING_SIGNALS) process.on(name, onSignal);
}

/**
 * What is at `path`, when it is something a write must not replace: anything but a regular file or a symbolic link
 * to one (a device such as /dev/stdout, a pipe, a directory, a link to nothing); null when nothing is there or a
 * file may be replaced.
 */
function unreplaceable(path: string): string | null {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return null;
  }
  if (stats.isFile()) return null;
  if (!stats.isSymbolicLink()) return kindOf(stats);
  let target;
  try {
    target = statSync(path);
  } catch (error) {
    return `a symbolic link that leads nowhere (${systemReason(error)})`;
  }
  return target.isFile() ? null : `a symbolic link to ${kindOf(target)}`;
}

/** The message for a path a write refuses to replace. */
function refusal(path: string, what: string, option?: string): string {
  return `Cannot write ${option === undefined ? '' : `${option} `}${escapePath(path)}: it is ${what}; give the name of a file${/device|pipe|socket/.test(what) ? ' (without --out, the output goes to standard output)' : ''}.`;
}

/** Removes a file if it is there; a failure to remove it is not the failure to report. */
function removeQuietly(path: string): void {
  try {
    rmSync(path, { force: true });
  } catch {
    // the write's own error says what went wrong
  }
}

/** File systems without hard links (FAT, some network mounts) refuse link() with one of these. */
const NO_HARD_LINKS = new Set(['EPERM', 'ENOTSUP', 'EOPNOTSUPP', 'EXDEV', 'ENOSYS']);

/**
 * Puts the finished temporary file at `path` only if nothing is there: link() fails if a file appeared since the
 * path was checked, where rename() would replace it. Where the file system has no hard links, a last look and a
 * rename do the same but for that instant.
 */
function placeNew(temporary: string, path: string): void {
  try {
    linkSync(temporary, path);
    rmSync(temporary, { force: true });
    return;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? '';
    if (code === 'EEXIST') throw new UsageError(`${escapePath(path)} already exists; add --force to replace it.`);
    if (!NO_HARD_LINKS.has(code)) throw error;
  }
  if (existsSync(path)) throw new UsageError(`${escapePath(path)} already exists; add --force to replace it.`);
  renameSync(temporary, path);
}

/** A file replaced keeps its permissions (a private file stays private): they are copied to its replacement. */
function keepPermissions(path: string, replacement: string): void {
  let stats;
  try {
    stats = lstatSync(path);
  } catch {
    return;
  }
  if (stats.isFile()) chmodSync(replacement, stats.mode & 0o7777);
}

/**
 * Writes a file atomically: a temporary file in the same directory, then moved to the path, so that a reader sees
 * the old file or the whole new one, and a failure leaves no part of the new one behind. An existing file is
 * replaced only when `replace` is true; otherwise one that appears while the file is written is left alone.
 * @throws DataError naming the file and the system's reason; UsageError when the file exists and `replace` is false.
 */
export function writeAtomically(path: string, text: string | Uint8Array, { replace = true } = {}): void {
  const temporary = temporaryPathFor(path);
  cleanUpOnSignals();
  pendingTemporaries.add(temporary);
  try {
    rmSync(temporary, { force: true });
    writeFileSync(temporary, text, { flag: 'wx' });
    if (replace) {
      // Looked at again just before: what is there may have changed since the command checked it.
      const what = unreplaceable(path);
      if (what !== null) throw new UsageError(refusal(path, what));
      keepPermissions(path, temporary);
      renameSync(temporary, path);
    } else placeNew(temporary, path);
    pendingTemporaries.delete(temporary);
  } catch (error) {
    removeQuietly(temporary);
    pendingTemporaries.delete(temporary);
    if (error instanceof UsageError) throw error;
    throw new DataError(`Cannot write ${escapePath(path)}: ${systemReason(error)}.`);
  }
}

/**
 * Checks, before any work, that a file may be written at `path` (an `--out` option): its folder exists, and the
 * path is not a directory, a named pipe or a device (nor a symbolic link to one: `--out /dev/stdout` is refused, as
 * standard output is where the output goes without --out), and can be looked up (a name too long cannot); an existing
 * regular file (or symbolic link to one) is replaced only when `force` is given.
 * @throws UsageError saying what is at the path, or that --force is needed.
 */
export function checkOutputFile(path: string, force: boolean, option = '--out'): void {
  const folder = dirname(resolve(path));
  let folderStats;
  try {
    folderStats = statSync(folder);
  } catch (error) {
    throw new UsageError(`Cannot write ${option} ${escapePath(path)}: its folder ${escapePath(folder)} cannot be used (${systemReason(error)}).`);
  }
  if (!folderStats.isDirectory()) {
    throw new UsageError(`Cannot write ${option} ${escapePath(path)}: ${escapePath(folder)} is ${kindOf(folderStats)}, not a folder.`);
  }
  let stats;
  try {
    stats = lstatSync(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw new UsageError(`Cannot write ${option} ${escapePath(path)}: ${systemReason(error)}.`);
  }
  const what = stats.isFile() ? null : unreplaceable(path);
  if (what !== null) throw new UsageError(refusal(path, what, option));
  if (!force) {
    throw new UsageError(`${escapePath(path)} already exists; add --force to replace it, or choose another ${option}.`);
  }
}
