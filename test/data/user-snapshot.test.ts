import { existsSync, mkdtempSync, rmSync, statSync, symlinkSync, utimesSync, writeFileSync } from 'node:fs';
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
  it('is not used while a file changed in the moments before it was written, and is once it was written well after', () => {
    const dir = freshDirectory();
    const stats = userFileStats(dir);
    if (stats === undefined) throw new Error('no directory');
    writeUserSnapshot(dir, stats, 'build', { regions: [] });
    const snapshot = join(dir, USER_SNAPSHOT_FILE);
    expect(existsSync(snapshot)).toBe(true);
    // regions.json was written moments before: racy, so the files are validated again.
    expect(readUserSnapshot(dir, stats, 'build')).toBeUndefined();
    // The same snapshot as if written 10 s after the file's last change (on the file system's clock): used.
    const { mtimeMs, ctimeMs } = statSync(join(dir, 'regions.json'));
    const later = new Date(Math.max(mtimeMs, ctimeMs) + 10_000);
    utimesSync(snapshot, later, later);
    expect(readUserSnapshot(dir, stats, 'build')).toEqual({ regions: [] });
    expect(readUserSnapshot(dir, stats, 'another build')).toBeUndefined();
  });
});

describe('a file stamp', () => {
  it('is racy for a record written less than the window after the later of its modification and change times, or before them', () => {
    const changedMs = 1_000_000;
    const stamp = [10, changedMs - 5, changedMs, 7] as const;
    expect(isRacy(stamp, changedMs)).toBe(true);
    expect(isRacy(stamp, changedMs + RACY_WINDOW_MS - 1)).toBe(true);
    expect(isRacy(stamp, changedMs + RACY_WINDOW_MS)).toBe(false);
    expect(isRacy(stamp, changedMs - 60_000)).toBe(true);
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
    expect(textChecksum(text)).toBe(textChecksum(['2019-12-30,100,100', '2019-12-31,100,100', ''].join('\n')));
    expect(textChecksum(text)).not.toBe(textChecksum(text.replace('2019-12-31,100', '2019-12-31,200')));
    expect(textChecksum(text)).not.toBe(textChecksum('2019-12-31,100,100\n2019-12-30,100,100\n'));
  });
});
