import { readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { type FileStamp, isRacy, modifiedMs, sameStamp, stampOf } from './file-stamp.js';
import { DATA_FILE_NAMES, type Dataset } from './dataset.js';
import { USER_SNAPSHOT_FILE } from './user-data.js';
import { writeAtomically } from './write-file.js';

/** The state of a user directory's data files, by file name. */
export interface UserFileStats {
  files: Record<string, FileStamp>;
}

/** Written into the snapshot: a snapshot of another version is not used. */
const SNAPSHOT_VERSION = 1;

interface UserSnapshot {
  version: number;
  shipped: string;
  files: Record<string, FileStamp>;
  records: Partial<Dataset>;
}

/**
 * The state of each data file of a user directory, or undefined when the directory does not exist (one stat).
 * A path that exists but is not a directory is returned too: reading it then fails with a message saying so.
 */
export function userFileStats(dir: string): UserFileStats | undefined {
  if (statSync(dir, { throwIfNoEntry: false }) === undefined) return undefined;
  const files: Record<string, FileStamp> = {};
  for (const name of Object.values(DATA_FILE_NAMES)) files[name] = stampOf(join(dir, name));
  return { files };
}

/**
 * The records of a user directory as validated when its snapshot was written, when every data file and the
 * shipped data are still what they were then, and no file changed in the moments before the snapshot was written
 * (a racy stamp, see {@link isRacy}: then the files are validated again, and the snapshot written anew); undefined
 * otherwise (or when there is no usable snapshot).
 */
export function readUserSnapshot(dir: string, stats: UserFileStats, shipped: string): Partial<Dataset> | undefined {
  const path = join(dir, USER_SNAPSHOT_FILE);
  const writtenAtMs = modifiedMs(path);
  let snapshot: UserSnapshot;
  try {
    snapshot = JSON.parse(readFileSync(path, 'utf8')) as UserSnapshot;
  } catch {
    return undefined;
  }
  if (snapshot.version !== SNAPSHOT_VERSION || snapshot.shipped !== shipped || typeof snapshot.files !== 'object') {
    return undefined;
  }
  for (const [name, stamp] of Object.entries(stats.files)) {
    if (!sameStamp(snapshot.files[name], stamp) || isRacy(stamp, writtenAtMs)) return undefined;
  }
  return snapshot.records;
}

/**
 * Writes a user directory's snapshot: its records as just validated (merged over the shipped data identified by
 * `shipped`), and the state of its files before they were read. A failure is no failure of the run: the next run
 * validates the files again.
 */
export function writeUserSnapshot(
  dir: string,
  stats: UserFileStats,
  shipped: string,
  records: Partial<Dataset>,
): void {
  const snapshot: UserSnapshot = { version: SNAPSHOT_VERSION, shipped, files: stats.files, records };
  try {
    writeAtomically(join(dir, USER_SNAPSHOT_FILE), JSON.stringify(snapshot));
  } catch {
    // a directory the user cannot write, a full disk: the snapshot only saves time
  }
}
