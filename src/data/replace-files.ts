import * as fs from 'node:fs';
import { join } from 'node:path';
import { DataError } from '../errors.js';
import { escapePath } from '../text.js';
import { systemReason } from './read-file.js';

/** The file operations a replacement uses; a test gives ones that fail where it wants. */
export interface FileOperations {
  mkdirSync: typeof fs.mkdirSync;
  openSync: typeof fs.openSync;
  writeSync: (fd: number, text: string) => number;
  fsyncSync: typeof fs.fsyncSync;
  closeSync: typeof fs.closeSync;
  renameSync: typeof fs.renameSync;
  rmSync: typeof fs.rmSync;
  statSync: typeof fs.statSync;
  chmodSync: typeof fs.chmodSync;
}

/** The system's own file operations. */
export const SYSTEM_FILE_OPERATIONS: FileOperations = {
  mkdirSync: fs.mkdirSync,
  openSync: fs.openSync,
  writeSync: (fd, text) => {
    fs.writeFileSync(fd, text);
    return text.length;
  },
  fsyncSync: fs.fsyncSync,
  closeSync: fs.closeSync,
  renameSync: fs.renameSync,
  rmSync: fs.rmSync,
  statSync: fs.statSync,
  chmodSync: fs.chmodSync,
};

/** The prefix of a replacement's staging folder inside the directory; the marker that it is complete. */
const STAGING_PREFIX = '.staging-';
const COMPLETE_MARKER = '.complete';

/** One file of a replacement: its name in the directory and its new text. */
export interface ReplacementFile {
  name: string;
  text: string;
}

/**
 * Replaces several files of a directory together, whole or not at all: each is written into a staging folder in
 * the same directory and flushed to disk with the folder, a marker then says the staging is complete, and the files
 * are renamed into place in the order given (put sources.json last: it describes the others). A failure before the
 * marker leaves every file as it was and the staging folder removed; a crash after it is completed by the next
 * writer (see {@link recoverReplacements}). The caller holds the directory's lock.
 * @throws DataError naming the file that could not be written and the system's reason; nothing was replaced.
 */
export function replaceFiles(dir: string, files: readonly ReplacementFile[], io: FileOperations = SYSTEM_FILE_OPERATIONS): void {
  const staging = join(dir, `${STAGING_PREFIX}${process.pid}-${Date.now().toString(36)}`);
  try {
    io.mkdirSync(staging);
    for (const file of files) writeDurably(join(staging, file.name), file.text, join(dir, file.name), io);
    writeDurably(join(staging, COMPLETE_MARKER), files.map((file) => file.name).join('\n'), undefined, io);
    syncDirectory(staging, io);
  } catch (error) {
    try {
      io.rmSync(staging, { recursive: true, force: true });
    } catch {
      // the write's own failure is the one to report
    }
    if (error instanceof DataError) throw error;
    throw new DataError(`Cannot write in ${escapePath(dir)}: ${systemReason(error)}; nothing was changed.`);
  }
  commit(dir, staging, files.map((file) => file.name), io);
}

/** Renames a complete staging folder's files into place, in order, then removes the folder. */
function commit(dir: string, staging: string, names: readonly string[], io: FileOperations): void {
  for (const name of names) {
    try {
      io.renameSync(join(staging, name), join(dir, name));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue; // moved by an earlier, interrupted commit
      throw new DataError(
        `Cannot move ${name} into ${escapePath(dir)}: ${systemReason(error)}; the complete new files wait in ${escapePath(staging)}, and the next update or import there finishes moving them.`,
      );
    }
  }
  syncDirectory(dir, io);
  io.rmSync(staging, { recursive: true, force: true });
}

/**
 * Finishes or removes the replacements a crashed writer left in `dir`: a complete staging folder is committed
 * (its files are whole and flushed), an incomplete one removed. Called by a writer holding the lock.
 */
export function recoverReplacements(dir: string, io: FileOperations = SYSTEM_FILE_OPERATIONS): void {
  let entries: string[];
  try {
    entries = fs.readdirSync(dir).filter((name) => name.startsWith(STAGING_PREFIX));
  } catch {
    return;
  }
  for (const entry of entries) {
    const staging = join(dir, entry);
    let names: string[] | undefined;
    try {
      names = fs.readFileSync(join(staging, COMPLETE_MARKER), 'utf8').split('\n').filter((name) => name !== '');
    } catch {
      names = undefined;
    }
    if (names === undefined) io.rmSync(staging, { recursive: true, force: true });
    else commit(dir, staging, names, io);
  }
}

/** Writes a file and flushes it to disk; a file it replaces lends it its permissions. */
function writeDurably(path: string, text: string, replaces: string | undefined, io: FileOperations): void {
  let fd: number | undefined;
  try {
    fd = io.openSync(path, 'wx');
    io.writeSync(fd, text);
    io.fsyncSync(fd);
    io.closeSync(fd);
    fd = undefined;
    if (replaces !== undefined) {
      const mode = io.statSync(replaces, { throwIfNoEntry: false })?.mode;
      if (mode !== undefined) io.chmodSync(path, mode & 0o7777);
    }
  } catch (error) {
    if (fd !== undefined) {
      try {
        io.closeSync(fd);
      } catch {
        // reported below
      }
    }
    throw new DataError(`Cannot write ${escapePath(replaces ?? path)}: ${systemReason(error)}; nothing was changed.`);
  }
}

/** Flushes a directory's entries (the renames into it) to disk, where the system allows it. */
function syncDirectory(dir: string, io: FileOperations): void {
  let fd: number | undefined;
  try {
    fd = io.openSync(dir, 'r');
    io.fsyncSync(fd);
  } catch {
    // some systems cannot open or flush a directory; the renames are made all the same
  } finally {
    if (fd !== undefined) io.closeSync(fd);
  }
}
