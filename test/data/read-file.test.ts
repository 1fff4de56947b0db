import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { checkDirectory, pathExists, readTextFile } from '../../src/data/read-file.js';

const dir = mkdtempSync(join(tmpdir(), 'read-file-'));
const file = (name: string, content: string | Uint8Array) => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('readTextFile', () => {
  it('reads UTF-8 text and drops a leading byte-order mark', () => {
    expect(readTextFile(file('bom.json', '\ufeff[1]'), 'a data file')).toBe('[1]');
    expect(readTextFile(file('plain.json', 'é[2]'), 'a data file')).toBe('é[2]');
  });

  it('refuses a symbolic link, even a working one, naming its target', () => {
    const target = file('target.json', '[]');
    symlinkSync(target, join(dir, 'link.json'));
    symlinkSync(join(dir, 'nowhere.json'), join(dir, 'broken.json'));
    expect(() => readTextFile(join(dir, 'link.json'), 'a data file')).toThrow(/is a symbolic link to .*target\.json/);
    expect(() => readTextFile(join(dir, 'broken.json'), 'a data file')).toThrow(/symbolic link to .*nowhere\.json/);
  });

  it('names the kind of a directory, a FIFO and a device, and never blocks on the FIFO', () => {
    mkdirSync(join(dir, 'sub'));
    expect(() => readTextFile(join(dir, 'sub'), 'the input')).toThrow(/is a directory, not a regular file/);
    execFileSync('mkfifo', [join(dir, 'fifo')]);
    expect(() => readTextFile(join(dir, 'fifo'), 'the input')).toThrow(/named pipe \(FIFO\)/);
    expect(() => readTextFile('/dev/null', 'the input')).toThrow(/character device/);
  });

  it('refuses compressed, binary and non-UTF-8 files with what they look like', () => {
    expect(() => readTextFile(file('a.csv.gz', gzipSync('date\n')), 'the input')).toThrow(/gzip-compressed/);
    expect(() => readTextFile(file('zip.csv', Buffer.from('PK\x03\x04rest')), 'the input')).toThrow(/zip archive/);
    expect(() => readTextFile(file('nul.csv', Buffer.from('date\0\n')), 'the input')).toThrow(/NUL byte at offset 4/);
    expect(() => readTextFile(file('latin1.csv', Buffer.from([0x64, 0xe9, 0x0a])), 'the input')).toThrow(/not UTF-8/);
  });

  it('says a missing file does not exist', () => {
    expect(() => readTextFile(join(dir, 'absent.csv'), 'the input')).toThrow(/absent\.csv: it does not exist/);
  });
});

describe('pathExists and checkDirectory', () => {
  it('counts a broken link as present, so that it is reported rather than skipped', () => {
    symlinkSync(join(dir, 'gone'), join(dir, 'dangling'));
    expect(pathExists(join(dir, 'dangling'))).toBe(true);
    expect(pathExists(join(dir, 'not-there'))).toBe(false);
  });

  it('says why a directory cannot be read: a loop, a file', () => {
    symlinkSync(join(dir, 'loop-b'), join(dir, 'loop-a'));
    symlinkSync(join(dir, 'loop-a'), join(dir, 'loop-b'));
    expect(() => checkDirectory(join(dir, 'loop-a'), 'Data directory')).toThrow(/too many levels of symbolic links/);
    expect(() => checkDirectory(file('f.txt', 'x'), 'Data directory')).toThrow(/is a regular file, not a directory/);
    // A directory without permission is tested in test/data/strict-load.test.ts, as the user nobody when root.
  });
});
