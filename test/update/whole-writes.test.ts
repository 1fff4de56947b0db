import * as fs from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  type FileOperations,
  recoverReplacements,
  replaceFiles,
  SYSTEM_FILE_OPERATIONS,
} from '../../src/data/replace-files.js';
import { DataError } from '../../src/errors.js';
import { FIXTURES } from '../helpers.js';
import { runCliAsync } from '../live-server.js';
import { directoryContents, temporaryDir } from './directory.js';

const IMPORTS = join(FIXTURES, 'import');

describe('data import into one --out from three processes at once', () => {
  it('keeps every import: each waits for the lock, and sources.json ends with all three records', async () => {
    const out = join(temporaryDir('concurrent'), 'out');
    const results = await Promise.all([
      runCliAsync([
        'data',
        'import',
        'cbeci-energy',
        join(IMPORTS, 'cbeci_revised_daily_export_2010-07-18_2024-11-16.csv'),
        '--out',
        out,
      ]),
      runCliAsync([
        'data',
        'import',
        'cbeci-mining-map',
        join(IMPORTS, 'cbeci_mining_countries_2019-09_2022-01.csv'),
        '--out',
        out,
        '--source',
        'mining-map-copy',
      ]),
      runCliAsync([
        'data',
        'import',
        'coinmetrics',
        join(IMPORTS, 'coinmetrics_btc_daily_hashrate_revenue_2010-07-18_2024-11-16.csv'),
        '--out',
        out,
      ]),
    ]);
    for (const result of results) expect(result.code, result.stderr).toBe(0);
    const sources = JSON.parse(fs.readFileSync(join(out, 'sources.json'), 'utf8')) as { id: string }[];
    expect(sources.map((source) => source.id).sort()).toEqual([
      'cbeci-energy-import',
      'coinmetrics-import',
      'mining-map-copy',
    ]);
    expect(fs.readdirSync(out).sort()).toEqual([
      'hashrate-shares.json',
      'network-energy.json',
      'network-inputs.csv',
      'sources.json',
    ]);
    const check = await runCliAsync(['data', 'check', out]);
    expect(check.code, check.stderr).toBe(0);
  });
});

/** The system's file operations, with the write of the file named `failing` ending as a full disk would. */
function failingOn(failing: string): FileOperations {
  const opened = new Map<number, string>();
  return {
    ...SYSTEM_FILE_OPERATIONS,
    openSync: ((path: string, flags: string) => {
      const fd = fs.openSync(path, flags);
      opened.set(fd, path);
      return fd;
    }) as typeof fs.openSync,
    writeSync: (fd, text) => {
      if (opened.get(fd)?.endsWith(failing)) {
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      }
      return SYSTEM_FILE_OPERATIONS.writeSync(fd, text);
    },
  };
}

describe('replacing a directory’s files together', () => {
  function directory() {
    const dir = temporaryDir('replace');
    fs.writeFileSync(join(dir, 'network-inputs.csv'), 'old inputs\n');
    fs.writeFileSync(join(dir, 'sources.json'), '["old"]\n');
    return dir;
  }
  const files = [
    { name: 'network-inputs.csv', text: 'new inputs\n' },
    { name: 'sources.json', text: '["new"]\n' },
  ];

  it('replaces them all', () => {
    const dir = directory();
    replaceFiles(dir, files);
    expect(directoryContents(dir)).toEqual({ 'network-inputs.csv': 'new inputs\n', 'sources.json': '["new"]\n' });
  });

  it.each(['network-inputs.csv', 'sources.json', '.complete'])(
    'changes none of them when the write of %s fails (a full disk), and says so',
    (failing) => {
      const dir = directory();
      const before = directoryContents(dir);
      let error: unknown;
      try {
        replaceFiles(dir, files, failingOn(failing));
      } catch (thrown) {
        error = thrown;
      }
      expect(error).toBeInstanceOf(DataError);
      expect((error as Error).message).toMatch(/no space left on the device \(ENOSPC\); nothing was changed/);
      expect(directoryContents(dir)).toEqual(before);
    },
  );

  it('finishes a replacement whose process died after staging it whole, and drops one staged in part', () => {
    const dir = directory();
    const complete = join(dir, '.staging-1-a');
    fs.mkdirSync(complete);
    fs.writeFileSync(join(complete, 'sources.json'), '["new"]\n');
    fs.writeFileSync(join(complete, '.complete'), 'network-inputs.csv\nsources.json');
    // network-inputs.csv was moved into place before the process died
    fs.writeFileSync(join(dir, 'network-inputs.csv'), 'new inputs\n');
    const partial = join(dir, '.staging-2-b');
    fs.mkdirSync(partial);
    fs.writeFileSync(join(partial, 'sources.json'), '["half"');
    recoverReplacements(dir);
    expect(directoryContents(dir)).toEqual({ 'network-inputs.csv': 'new inputs\n', 'sources.json': '["new"]\n' });
  });
});
