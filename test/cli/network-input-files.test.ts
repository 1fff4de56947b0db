import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { afterAll, describe, expect, it } from 'vitest';
import { MAX_MACHINES } from '../../src/data/limits.js';
import { FIXTURES, runCli, WIDE, STACK_FRAME } from '../helpers.js';

const scratch = mkdtempSync(join(tmpdir(), 'mining-energy-inputs-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

const SERIES_TEXT = 'date,hashrateEhs,thresholdJPerTh\n2023-06-01,180,30\n2023-06-02,180,30\n';
const GOOD_SERIES = join(scratch, 'good.csv');
writeFileSync(GOOD_SERIES, SERIES_TEXT);
const EXAMPLE = readFileSync(join(FIXTURES, 'hardware', 'cbeci-example.json'), 'utf8');
const MODEL_ARGS = ['network', '--hashrate', '600', '--threshold', '55', '--date', '2023-06-01'];

/** A path of each kind the readers must refuse, and the words naming it. */
function unreadable(name: string, text: string): [string, string, RegExp][] {
  const dir = join(scratch, `${name}-dir`);
  mkdirSync(dir);
  const fifo = join(scratch, `${name}.fifo`);
  execFileSync('mkfifo', [fifo]);
  const link = join(scratch, `${name}-link`);
  writeFileSync(join(scratch, `${name}-target`), text);
  symlinkSync(join(scratch, `${name}-target`), link);
  const gzip = join(scratch, `${name}.gz`);
  writeFileSync(gzip, gzipSync(text));
  const binary = join(scratch, `${name}.bin`);
  writeFileSync(binary, Buffer.from([0x64, 0x61, 0x00, 0x01]));
  return [
    ['a directory', dir, /it is a directory, not a regular file/],
    ['a FIFO', fifo, /it is a named pipe \(FIFO\), not a regular file/],
    ['a symbolic link', link, /it is a symbolic link to .*; give the path of the file itself/],
    ['a gzip file', gzip, /it is gzip-compressed; decompress it first/],
    ['a binary file', binary, /it is binary, not text/],
  ];
}

async function expectDataError(args: readonly string[], message: RegExp): Promise<void> {
  const { code, stdout, stderr } = await runCli(args, WIDE);
  expect(code).toBe(1);
  expect(stdout).toBe('');
  expect(stderr).toMatch(message);
  expect(stderr).not.toMatch(STACK_FRAME);
}

describe('network --input reads its file safely', () => {
  it.each(unreadable('series', SERIES_TEXT))('refuses %s with its kind named, exit 1', async (_kind, path, message) => {
    await expectDataError(
      ['network', '--input', path],
      new RegExp(`Cannot read the input series .*: ${message.source}`),
    );
  });

  it('reports a broken symbolic link where --data would have network-inputs.csv, rather than ignoring it', async () => {
    const data = join(scratch, 'data-with-broken-link');
    mkdirSync(data);
    symlinkSync(join(data, 'nowhere.csv'), join(data, 'network-inputs.csv'));
    await expectDataError(
      ['--data', data, 'network', '--input'],
      /network-inputs\.csv: it is a symbolic link to .*nowhere\.csv/,
    );
  });

  it('refuses one outlier day naming the line, instead of a series of zeros', async () => {
    const path = join(scratch, 'outlier.csv');
    writeFileSync(
      path,
      'date,hashrateEhs,thresholdJPerTh\n2023-06-01,180,30\n2023-06-02,180,1e20\n2023-06-03,180,30\n',
    );
    await expectDataError(
      ['network', '--input', path],
      /outlier\.csv → line 3 → thresholdJPerTh → 1e20 is out of range: it must be a threshold in J\/TH above 0 and at most 1e12, e\.g\. 55/,
    );
  });
});

describe('--hardware reads its file safely and checks the list as a whole', () => {
  it.each(unreadable('hardware', EXAMPLE))('refuses %s with its kind named, exit 1', async (_kind, path, message) => {
    await expectDataError(
      [...MODEL_ARGS, '--hardware', path],
      new RegExp(`Cannot read the hardware list .*: ${message.source}`),
    );
  });

  it('refuses a model listed more than once, naming both records', async () => {
    const machines = JSON.parse(EXAMPLE) as { model: string }[];
    const path = join(scratch, 'twice.json');
    writeFileSync(path, JSON.stringify([...machines, machines[0], machines[0]]));
    const { stderr } = await runCli([...MODEL_ARGS, '--hardware', path], WIDE);
    expect(stderr).toContain('The hardware list lists a machine more than once:');
    const n = machines.length;
    expect(stderr).toContain(
      `twice.json → record ${n + 1} ("Example A") → model → is record 1's ("Example A") again: list each machine once, or it counts more than once`,
    );
    expect(stderr).toContain(`twice.json → record ${n + 2} ("Example A") → model → is record 1's ("Example A") again`);
    await expectDataError([...MODEL_ARGS, '--hardware', path], /lists a machine more than once/);
    await expectDataError(['network', '--input', GOOD_SERIES, '--hardware', path], /lists a machine more than once/);
  });

  it('refuses a property repeated in one record, which JSON would read as its last value', async () => {
    const path = join(scratch, 'repeated.json');
    writeFileSync(
      path,
      '[{"model":"Example A","released":"2020-01-01","jPerTh":20,"jPerTh":2000,"source":"cbeci-hardware-2020","evidence":"primary"}]',
    );
    await expectDataError(
      [...MODEL_ARGS, '--hardware', path],
      /repeated\.json → line 1, column 59 → record 1 \("Example A"\) → jPerTh → appears twice in one object/,
    );
  });

  it('refuses an empty list as a data error (exit 1)', async () => {
    const path = join(scratch, 'empty.json');
    writeFileSync(path, '[]');
    await expectDataError(
      [...MODEL_ARGS, '--hardware', path],
      /The hardware list .*empty\.json is empty: it needs at least one machine\./,
    );
  });

  it(`refuses more than ${MAX_MACHINES} machines, naming the limit`, async () => {
    const machine = (JSON.parse(EXAMPLE) as object[])[0] as object;
    const path = join(scratch, 'many.json');
    writeFileSync(
      path,
      JSON.stringify(Array.from({ length: MAX_MACHINES + 1 }, (_, i) => ({ ...machine, model: `M${i}` }))),
    );
    await expectDataError([...MODEL_ARGS, '--hardware', path], /has 10,001 machines, over the limit of 10,000\./);
  });
});
