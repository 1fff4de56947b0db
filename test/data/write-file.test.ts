import { afterAll, describe, expect, it } from 'vitest';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { checkOutputFile, temporaryPathFor, writeAtomically } from '../../src/data/write-file.js';
import { DataError, UsageError } from '../../src/errors.js';
import { thrown } from '../helpers.js';

const dir = mkdtempSync(join(tmpdir(), 'write-file-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeAtomically', () => {
  it('writes a file whose name is as long as a name may be (255 bytes), leaving no temporary file', () => {
    const name = `${'é'.repeat(125)}.svg`;
    expect(Buffer.byteLength(name)).toBe(254);
    writeAtomically(join(dir, name), 'text');
    expect(readFileSync(join(dir, name), 'utf8')).toBe('text');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    expect(Buffer.byteLength(basename(temporaryPathFor(join(dir, `${'😀'.repeat(200)}`))))).toBeLessThanOrEqual(255);
  });

  it('says why a write fails as a DataError, even when the temporary file cannot be looked up', () => {
    const file = join(dir, 'a-file');
    writeFileSync(file, 'x');
    const error = thrown(DataError, () => writeAtomically(join(file, 'out.html'), 'text'));
    expect(error.message).toBe(`Cannot write ${join(file, 'out.html')}: a part of the path is not a directory (ENOTDIR).`);
  });
});

describe('writeAtomically without replace', () => {
  it('writes a new file, but leaves a file that is already there (one made since the check) as it was', () => {
    const path = join(dir, 'new.svg');
    writeAtomically(path, 'first', { replace: false });
    expect(readFileSync(path, 'utf8')).toBe('first');
    const error = thrown(UsageError, () => writeAtomically(path, 'second', { replace: false }));
    expect(error.message).toBe(`${path} already exists; add --force to replace it.`);
    expect(readFileSync(path, 'utf8')).toBe('first');
    expect(readdirSync(dir).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    writeAtomically(path, 'third');
    expect(readFileSync(path, 'utf8')).toBe('third');
  });
});

describe('checkOutputFile', () => {
  it('refuses a name too long to look up, before any work', () => {
    const path = join(dir, `${'a'.repeat(300)}.html`);
    const error = thrown(UsageError, () => checkOutputFile(path, true));
    expect(error.message).toBe(`Cannot write --out ${path}: the name is too long (ENAMETOOLONG).`);
  });

  it('accepts a new name, and an existing file only with force', () => {
    expect(() => checkOutputFile(join(dir, 'new.html'), false)).not.toThrow();
    writeFileSync(join(dir, 'old.html'), 'x');
    expect(thrown(UsageError, () => checkOutputFile(join(dir, 'old.html'), false)).message).toContain('add --force');
    expect(() => checkOutputFile(join(dir, 'old.html'), true)).not.toThrow();
  });
});
