import { mkdirSync, rmdirSync, statSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { DataError } from '../errors.js';
import { escapePath } from '../text.js';
import { kindOf, pathExists, systemReason } from './read-file.js';

/**
 * Makes a directory and the folders above it that are missing, one at a time; returns those it made, outermost
 * first, for {@link removeCreated}. A folder another writer makes meanwhile is theirs, not counted.
 * @throws DataError naming `what` and the path that could not be made, or that is there but no folder.
 */
export function makeDirectory(dir: string, what = 'the directory'): string[] {
  const found = pathExists(dir) ? statSync(dir, { throwIfNoEntry: false }) : undefined;
  if (found !== undefined && !found.isDirectory()) {
    throw new DataError(`Cannot create ${what} ${escapePath(dir)}: it is ${kindOf(found)}, not a folder.`);
  }
  const missing: string[] = [];
  for (let at = resolve(dir); !pathExists(at); at = dirname(at)) missing.unshift(at);
  const created: string[] = [];
  for (const path of missing) {
    try {
      mkdirSync(path);
      created.push(path);
    } catch (error) {
      // Another process (an import or update of the same directory) made it in the meantime: not ours to remove.
      if (
        (error as NodeJS.ErrnoException).code === 'EEXIST' &&
        statSync(path, { throwIfNoEntry: false })?.isDirectory()
      )
        continue;
      removeCreated(created);
      throw new DataError(`Cannot create ${what} ${escapePath(path)}: ${systemReason(error)}.`);
    }
  }
  return created;
}

/** Removes the folders a writer made (deepest first) when it wrote nothing in them after all. */
export function removeCreated(created: readonly string[]): void {
  for (const dir of [...created].reverse()) {
    try {
      rmdirSync(dir);
    } catch {
      // not empty, or gone: left as it is
    }
  }
}
