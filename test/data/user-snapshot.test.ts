import { existsSync, mkdtempSync, rmSync, statSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { isRacy, RACY_WINDOW_MS, sameStamp, stampOf, textChecksum } from '../../src/data/file-stamp.js';
import { USER_SNAPSHOT_FILE } from '../../src/data/user-data.js';
import { readUserSnapshot, userFileStats, writeUserSnapshot } from '../../src/data/user-snapshot.js';

const root = mkdtempSync(join(tmpdir(), 'mining-energy-snapshot-'));
afterAll(() => rmSync(root, { recursive: true, force: true }));
let dirs = 0;

/** A user directory holding a regions file written just now. */
function freshDirectory(): string {
  const dir = mkdtempSync(join(root, `dir-${dirs++}-`));
  writeFileSync(join(dir, 'regions.json'), '[]\n');
  return dir;
}

describe("a user directory's snapshot", () => {
  it('is not written while a file changed moments before its state was taken, and is once the state is older', () => {
    const dir = freshDirectory();
    const stats = userFileStats(dir);
    if (stats === undefined) throw new Error('no directory');
    writeUserSnapshot(dir, stats, 'build', { regions: [] });
    expect(existsSync(join(dir, USER_SNAPSHOT_FILE))).toBe(false);
    // The same states, as a run would take them the window after the write: trusted, written, and read back.
    const later = { ...stats, takenAtMs: stats.takenAtMs + RACY_WINDOW_MS };
    writeUserSnapshot(dir, later, 'build', { regions: [] });
    expect(readUserSnapshot(dir, later, 'build')).toEqual({ regions: [] });
    expect(readUserSnapshot(dir, later, 'another build')).toBeUndefined();
  });
});

describe('a file stamp', () => {
  it('is racy until the window has passed since the later of its modification and change times', () => {
    const changedMs = 1_000_000;
    const stamp = [10, changedMs - 5, changedMs, 7] as const;
    expect(isRacy(stamp, changedMs)).toBe(true);
    expect(isRacy(stamp, changedMs + RACY_WINDOW_MS - 1)).toBe(true);
    expect(isRacy(stamp, changedMs + RACY_WINDOW_MS)).toBe(false);
    expect(isRacy(null, changedMs)).toBe(false);
  });

  it('of a path that cannot be looked at matches no stamp, another of the same path included, and is racy', () => {
    const dir = freshDirectory();
    symlinkSync(join(dir, 'loop'), join(dir, 'loop'));
    const unreadable = stampOf(join(dir, 'loop'));
    expect(unreadable).not.toBeNull();
    expect(sameStamp(unreadable, stampOf(join(dir, 'loop')))).toBe(false);
    expect(sameStamp(unreadable, stampOf(join(dir, 'regions.json')))).toBe(false);
    expect(isRacy(unreadable, Date.now())).toBe(true);
    expect(stampOf(join(dir, 'missing.json'))).toBeNull();
    expect(stampOf(join(dir, 'regions.json', 'below-a-file'))).toBeNull();
    const { size } = statSync(join(dir, 'regions.json'));
    expect(stampOf(join(dir, 'regions.json'))?.[0]).toBe(size);
  });

  it('is checked, when racy, by a 64-bit checksum of the text: FNV-1a in its first 32 bits', () => {
    // FNV-1a of "a", worked with exact integers: (offset basis XOR 0x61) × the FNV prime, modulo 2^32.
    const fnv = ((BigInt(0x811c9dc5) ^ 0x61n) * 0x01000193n) % 2n ** 32n;
    expect(textChecksum('a').slice(0, 8)).toBe(fnv.toString(16).padStart(8, '0'));
    expect(textChecksum('a')).toMatch(/^[0-9a-f]{16}$/);
    // An edit of one digit, and two lines swapped, give another checksum; the same text the same one.
    const text = '2019-12-30,100,100\n2019-12-31,100,100\n';
    expect(textChecksum(text)).toBe(textChecksum(`${text}`));
    expect(textChecksum(text)).not.toBe(textChecksum(text.replace('2019-12-31,100', '2019-12-31,200')));
    expect(textChecksum(text)).not.toBe(textChecksum('2019-12-31,100,100\n2019-12-30,100,100\n'));
  });
});
