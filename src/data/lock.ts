import { hostname } from 'node:os';
import { dirname, join } from 'node:path';
import { linkSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import { DataError } from '../errors.js';
import { escapePath } from '../text.js';
import { systemReason } from './read-file.js';
import { LOCK_NAME } from './user-data.js';

/** Who holds a lock: written into the lock file when it is taken. */
interface LockOwner {
  pid: number;
  host: string;
  since: string;
  command: string;
}

/** A lock held on a data directory; {@link DirectoryLock.release} gives it up (once; later calls do nothing). */
export interface DirectoryLock {
  readonly path: string;
  release(): void;
}

/** Options for {@link lockDirectory}. */
export interface LockOptions {
  /** How long to wait for another writer to finish before refusing, in milliseconds (default 5,000). */
  waitMs?: number;
  /** What the holder is doing, for the message another writer sees ("data update"). */
  command: string;
}

const POLL_MS = 100;

/**
 * Takes the lock of a data directory (which must exist), shared by every writer of it (`data update`,
 * `data import --out`): a file `.lock` holding the writer's pid, host and start time, made whole before it
 * appears (written aside, then hard-linked into place, which fails if a lock is there). A lock left by a process
 * of this host that is no longer running is stale and taken over. Another writer's live lock is waited for, up to
 * `waitMs`, then refused.
 * @throws DataError naming the holder, when the lock stays held; or the system's reason it cannot be taken.
 */
export async function lockDirectory(dir: string, options: LockOptions): Promise<DirectoryLock> {
  const path = join(dir, LOCK_NAME);
  const owner: LockOwner = { pid: process.pid, host: hostname(), since: new Date().toISOString(), command: options.command };
  const text = `${JSON.stringify(owner)}\n`;
  const deadline = Date.now() + (options.waitMs ?? 5_000);
  for (;;) {
    if (tryCreate(path, text)) return heldLock(path, text);
    const holder = readOwner(path);
    if (holder === 'gone') continue;
    if (holder !== undefined && isStale(holder)) {
      takeOver(path, holder);
      continue;
    }
    if (Date.now() >= deadline) {
      const who =
        holder === undefined
          ? 'another writer'
          : `${holder.command} (process ${holder.pid}${holder.host === owner.host ? '' : ` on ${holder.host}`}, since ${holder.since})`;
      throw new DataError(
        `${escapePath(dir)} is being written by ${who}; nothing was changed. Try again when it has finished (if no such process is running, remove ${escapePath(path)}).`,
      );
    }
    await new Promise((resolve) => setTimeout(resolve, POLL_MS));
  }
}

/**
 * Creates the lock file whole, or returns false when one is there. A folder gone meanwhile (a writer that made it and
 * failed removes it when it is empty) is made again.
 */
function tryCreate(path: string, text: string): boolean {
  const aside = `${path}.${process.pid}.${Math.random().toString(36).slice(2)}`;
  try {
    writeAside(aside, text);
  } catch (error) {
    throw new DataError(`Cannot write the lock of ${escapePath(dirname(path))} (${escapePath(path)}): ${systemReason(error)}.`);
  }
  try {
    linkSync(aside, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    // No hard links on this file system: an exclusive create, whose content follows an instant later.
    try {
      writeFileSync(path, text, { flag: 'wx' });
      return true;
    } catch (second) {
      if ((second as NodeJS.ErrnoException).code === 'EEXIST') return false;
      throw new DataError(`Cannot write the lock of ${escapePath(dirname(path))} (${escapePath(path)}): ${systemReason(second)}.`);
    }
  } finally {
    rmSync(aside, { force: true });
  }
}

/** Writes the lock's text beside it, making its folder again when another writer removed it meanwhile. */
function writeAside(aside: string, text: string): void {
  try {
    writeFileSync(aside, text, { flag: 'wx' });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
    mkdirSync(dirname(aside), { recursive: true });
    writeFileSync(aside, text, { flag: 'wx' });
  }
}

/** The lock's owner; 'gone' when the lock disappeared meanwhile; undefined when unreadable (being written). */
function readOwner(path: string): LockOwner | 'gone' | undefined {
  try {
    const owner = JSON.parse(readFileSync(path, 'utf8')) as Partial<LockOwner>;
    return typeof owner.pid === 'number' && typeof owner.host === 'string' ? (owner as LockOwner) : undefined;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'gone' : undefined;
  }
}

/** A lock of this host whose process no longer runs. A lock of another host is never judged stale. */
function isStale(owner: LockOwner): boolean {
  if (owner.host !== hostname() || owner.pid === process.pid) return false;
  try {
    process.kill(owner.pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}

/**
 * Removes a stale lock: moved aside first (only one of several writers doing this succeeds), and put back when what
 * was moved turns out to be a live writer's newer lock.
 */
function takeOver(path: string, stale: LockOwner): void {
  const aside = `${path}.stale.${process.pid}`;
  try {
    renameSync(path, aside);
  } catch {
    return;
  }
  const moved = readOwner(aside);
  if (moved !== 'gone' && moved !== undefined && (moved.pid !== stale.pid || moved.since !== stale.since)) {
    try {
      linkSync(aside, path);
    } catch {
      // a third writer took the lock meanwhile; the live one moved aside keeps running with its own check
    }
  }
  rmSync(aside, { force: true });
}

function heldLock(path: string, text: string): DirectoryLock {
  let held = true;
  return {
    path,
    release() {
      if (!held) return;
      held = false;
      try {
        // Only our own lock is removed: a lock taken over as stale (wrongly) belongs to its new owner.
        if (readFileSync(path, 'utf8') === text) rmSync(path, { force: true });
      } catch {
        // already gone
      }
    },
  };
}
