import { existsSync, mkdirSync, mkdtempSync, rmdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { lockDirectory } from '../../src/data/lock.js';

const root = mkdtempSync(join(tmpdir(), 'mining-energy-lock-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));

describe("a data directory's lock", () => {
  it('is taken by a waiting writer even when the writer before it removed the folder it had made', async () => {
    const dir = join(root, 'made-by-the-first');
    mkdirSync(dir);
    const first = await lockDirectory(dir, { command: 'data update' });
    const second = lockDirectory(dir, { command: 'data import', waitMs: 5_000 });
    // The first writer fails: it gives up its lock and removes the folder it made, empty again.
    first.release();
    rmdirSync(dir);
    const lock = await second;
    expect(existsSync(lock.path)).toBe(true);
    lock.release();
    expect(existsSync(lock.path)).toBe(false);
  });
});
