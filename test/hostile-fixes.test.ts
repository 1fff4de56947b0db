import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { indexData } from '../src/core/regions/lookup.js';
import { resolveRegion } from '../src/core/regions/names.js';
import { checkDecimal } from '../src/cli/option-text.js';
import { ENERGY_TWH_PER_YEAR_RANGE } from '../src/data/ranges.js';
import { loadSeeds } from '../src/data/seeds.js';
import { importData } from '../src/import/import-data.js';
import { tinyDataset } from './core/fixtures.js';

const dirs: string[] = [];
const freshDir = () => {
  const dir = mkdtempSync(join(tmpdir(), 'hostile-fix-'));
  dirs.push(dir);
  return dir;
};
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const messageOf = async (run: () => unknown): Promise<string> => {
  try {
    await run();
  } catch (error) {
    return (error as Error).message;
  }
  return '(no error)';
};

const COIN_METRICS = readFileSync(
  join(import.meta.dirname, 'fixtures/import/coinmetrics_btc_daily_hashrate_revenue_2010-07-18_2024-11-16.csv'),
  'utf8',
)
  .split('\n')
  .slice(0, 5)
  .join('\n');

describe('a decimal that underflows', () => {
  it('is refused rather than taken as 0', () => {
    expect(() => checkDecimal('1e-400', ENERGY_TWH_PER_YEAR_RANGE)).toThrow(/1e-400 is too small to hold/);
  });

  it('leaves a written zero and a tiny but representable figure alone', () => {
    expect(checkDecimal('0.0e-400', ENERGY_TWH_PER_YEAR_RANGE)).toBe(0);
    expect(checkDecimal('-0', ENERGY_TWH_PER_YEAR_RANGE)).toBe(-0);
    expect(checkDecimal('1e-320', ENERGY_TWH_PER_YEAR_RANGE)).toBe(1e-320); // the same literal parsed: exact;
  });
});

describe('an unknown region with a very long name', () => {
  it('is quoted by its start and length, not in full', async () => {
    const message = await messageOf(() => resolveRegion(indexData(tinyDataset()), 'a'.repeat(100_000)));
    expect(message).toMatch(/^Unknown region "a{60}…" \(100000 characters\)\./);
    expect(message.length).toBeLessThan(200);
  });
});

describe('claims --seeds directories', () => {
  it('refuse a named pipe as a seed file without reading it', async () => {
    const dir = freshDir();
    execFileSync('mkfifo', [join(dir, 'a.json')]);
    expect(await messageOf(() => loadSeeds(dir))).toMatch(/a\.json: it is a named pipe \(FIFO\), not a regular file/);
  });

  it('refuse a file given as the directory, naming what it is', async () => {
    const file = join(freshDir(), 'seeds');
    writeFileSync(file, '');
    expect(await messageOf(() => loadSeeds(file))).toMatch(/seeds is a regular file, not a directory/);
  });
});

describe('data import', () => {
  it('names a gzip file as such', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), Buffer.from([0x1f, 0x8b, 0x08, 0, 0, 0, 0, 0]));
    const message = await messageOf(() => importData('coinmetrics', join(dir, 'in.csv'), { out: join(dir, 'out') }));
    expect(message).toMatch(/in\.csv: it is gzip-compressed/);
  });

  it('names the kind of a file that is not a regular one', async () => {
    const dir = freshDir();
    execFileSync('mkfifo', [join(dir, 'in.csv')]);
    const message = await messageOf(() => importData('coinmetrics', join(dir, 'in.csv'), { out: join(dir, 'out') }));
    expect(message).toMatch(/in\.csv: it is a named pipe \(FIFO\), not a regular file/);
  });

  it('refuses a symbolic link to the file to import, naming its target', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'real.csv'), 'time,HashRate\n');
    symlinkSync(join(dir, 'real.csv'), join(dir, 'in.csv'));
    const message = await messageOf(() => importData('coinmetrics', join(dir, 'in.csv'), { out: join(dir, 'out') }));
    expect(message).toMatch(/in\.csv: it is a symbolic link to .*real\.csv; give the path of the file itself/);
  });

  it('reports an out directory that cannot be made instead of retrying for ever', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), COIN_METRICS);
    const message = await messageOf(() => importData('coinmetrics', join(dir, 'in.csv'), { out: '/proc/self/new' }));
    expect(message).toMatch(/^Cannot create the directory \/proc\/self\/new: no such file or directory \(ENOENT\)\.$/);
  });

  it('names an out path that is a named pipe', async () => {
    const dir = freshDir();
    writeFileSync(join(dir, 'in.csv'), COIN_METRICS);
    execFileSync('mkfifo', [join(dir, 'out')]);
    const message = await messageOf(() => importData('coinmetrics', join(dir, 'in.csv'), { out: join(dir, 'out') }));
    expect(message).toMatch(/out: it is a named pipe \(FIFO\), not a directory\./);
  });
});
