import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import { DataError } from '../../src/errors.js';
import { replaceFiles, SYSTEM_FILE_OPERATIONS } from '../../src/data/replace-files.js';
import { writeAtomically } from '../../src/data/write-file.js';
import { controlCharacterIn, escapePath } from '../../src/text.js';
import { FIXTURES, runCli, type RunResult, WIDE } from '../helpers.js';
import { type LiveServer, runCliAsync, startCoinMetricsServer } from '../live-server.js';

/**
 * A name that would rewrite a terminal if printed as it is: a line break (a second, fake line), an OSC sequence
 * that retitles the window, a clear-screen sequence, a carriage return and a right-to-left override.
 */
const NAME = 'a\n\u001b]0;title\u0007\u001b[2J\r\u202eb';
/** The same name as a message shows it, written out by hand: every one of those characters as \u{…}. */
const SHOWN = 'a\\u{a}\\u{1b}]0;title\\u{7}\\u{1b}[2J\\u{d}\\u{202e}b';

const scratch = mkdtempSync(join(tmpdir(), 'mining-energy-paths-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let count = 0;
/** A fresh folder (created) in the scratch space: the hostile name goes inside it. */
function freshFolder(): string {
  const dir = join(scratch, `case-${++count}`);
  mkdirSync(dir);
  return dir;
}

/** The lines of a text, without the empty one after its final line break. */
const linesOf = (text: string) => text.replace(/\n$/, '').split('\n');

/** No line of the text holds a control, bidirectional or invisible character (the line breaks between them aside). */
function expectNoRawControls(text: string): void {
  for (const line of linesOf(text)) expect(controlCharacterIn(line), JSON.stringify(line)).toBeUndefined();
}

/** A run's stderr is exactly these lines, none with a raw control character, and its exit code is `code`. */
function expectStderr(result: RunResult, code: number, lines: readonly string[]): void {
  expectNoRawControls(result.stderr);
  expect(linesOf(result.stderr)).toEqual(lines);
  expect(result.code).toBe(code);
}

const run = (args: readonly string[], env: Record<string, string> = {}) => runCli(args, { ...WIDE, ...env });

describe('escapePath', () => {
  it.each([
    [NAME, SHOWN],
    ['/tmp/plain dir/data-2024.csv', '/tmp/plain dir/data-2024.csv'],
    ['Sich\u00aduan\u2028x\u0085', 'Sich\\u{ad}uan\\u{2028}x\\u{85}'],
    ['日本/données', '日本/données'],
  ])('%j → %j', (path, shown) => {
    expect(escapePath(path)).toBe(shown);
    expect(controlCharacterIn(escapePath(path))).toBeUndefined();
  });
});

describe('data import: the --out directory', () => {
  const CBECI_EXPORT = join(FIXTURES, 'import', 'cbeci_revised_daily_export_2010-07-18_2024-11-16.csv');

  it('is named escaped in the summary for people, and as it is in the JSON summary', async () => {
    const folder = freshFolder();
    const out = join(folder, NAME);
    const shown = join(folder, SHOWN);
    const result = await run(['data', 'import', 'cbeci-energy', CBECI_EXPORT, '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expectNoRawControls(result.stdout);
    expectNoRawControls(result.stderr);
    const lines = linesOf(result.stdout);
    // What was written, the file's first line, and the shipped series it replaces under --data: three lines, as for
    // any name.
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatch(/^wrote series cbeci /);
    expect(lines[0]).toContain(
      ` to ${shown}/network-energy.json and source cbeci-energy-import to ${shown}/sources.json`,
    );
    expect(lines[2]).toBe(`with --data ${shown}, these replace the shipped records of the same key: series cbeci`);

    // Again into the same directory, as JSON: the paths are the real ones; the line for people says what was merged.
    const json = await run(['data', 'import', 'cbeci-energy', CBECI_EXPORT, '--out', out, '--json']);
    expect(json.code, json.stderr).toBe(0);
    const summary = JSON.parse(json.stdout);
    expect(summary.out).toBe(out);
    expect(summary.source.file).toBe(join(out, 'sources.json'));
    expect(summary.written[0].file).toBe(join(out, 'network-energy.json'));
    const again = await run(['data', 'import', 'cbeci-energy', CBECI_EXPORT, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expectNoRawControls(again.stdout);
    expect(linesOf(again.stdout)).toContain(
      `${shown}/network-energy.json: 1 imported, replacing 1 of the same key (1 in all)`,
    );
  });

  it('is named escaped, on one line, when it is a file', async () => {
    const folder = freshFolder();
    writeFileSync(join(folder, NAME), 'not a directory');
    const result = await run(['data', 'import', 'cbeci-energy', CBECI_EXPORT, '--out', join(folder, NAME)]);
    expectStderr(result, 1, [`error: Cannot import into ${join(folder, SHOWN)}: it is a file, not a directory.`]);
    expect(result.stdout).toBe('');
  });

  it('is named escaped when --data is given with it (a usage error)', async () => {
    const folder = freshFolder();
    const result = await run([
      '--data',
      folder,
      'data',
      'import',
      'cbeci-energy',
      CBECI_EXPORT,
      '--out',
      join(folder, NAME),
    ]);
    expectStderr(result, 2, [
      `error: --data has no use with data import: the import is checked merged over the shipped data, as --data ${join(folder, SHOWN)} will use it.`,
    ]);
  });
});

describe('data update: the --dir directory', () => {
  const servers: LiveServer[] = [];
  afterEach(async () => {
    await Promise.all(servers.splice(0).map((server) => server.close()));
  });
  const FAST = { MINING_ENERGY_RETRY_BASE_MS: '20', MINING_ENERGY_TIMEOUT_MS: '1500' };

  it('is named escaped in the summary for people, and as it is in the JSON summary', async () => {
    const server = await startCoinMetricsServer();
    servers.push(server);
    const folder = freshFolder();
    const dir = join(folder, NAME);
    const env = { ...FAST, MINING_ENERGY_COINMETRICS_URL: server.url };
    const result = await runCliAsync(['data', 'update', 'coinmetrics', '--dir', dir], env);
    expect(result.code, result.stderr).toBe(0);
    expectNoRawControls(result.stdout);
    expectNoRawControls(result.stderr);
    const lines = linesOf(result.stdout);
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatch(/^coinmetrics: updated, /);
    expect(lines[0]?.endsWith(`, in ${join(folder, SHOWN)}`)).toBe(true);

    const json = await runCliAsync(['data', 'update', 'coinmetrics', '--dir', dir, '--json'], env);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).dir).toBe(dir);
  });

  it('is named escaped, on one line, when it cannot be made', async () => {
    const folder = freshFolder();
    writeFileSync(join(folder, NAME), 'a file where the directory would be');
    const result = await run(['data', 'update', 'coinmetrics', '--dir', join(folder, NAME)]);
    expectNoRawControls(result.stderr);
    expect(linesOf(result.stderr)).toHaveLength(1);
    expect(result.stderr).toMatch(/^error: Cannot create the data directory /);
    expect(result.stderr).toContain(`${join(folder, SHOWN)}: `);
    expect(result.code).toBe(1);
  });

  it('names the directory and its lock escaped, on one line, when another writer holds the lock', async () => {
    const folder = freshFolder();
    const dir = join(folder, NAME);
    mkdirSync(dir);
    // A live holder: this very process, which a writer never takes for a stale lock.
    const since = '2026-01-02T03:04:05.000Z';
    writeFileSync(
      join(dir, '.lock'),
      `${JSON.stringify({ pid: process.pid, host: hostname(), since, command: 'data update' })}\n`,
    );
    const result = await run(['data', 'update', 'coinmetrics', '--dir', dir], { MINING_ENERGY_LOCK_WAIT_MS: '0' });
    const shown = join(folder, SHOWN);
    expectStderr(result, 1, [
      `error: ${shown} is being written by data update (process ${process.pid}, since ${since}); nothing was changed. Try again when it has finished (if no such process is running, remove ${shown}/.lock).`,
    ]);
  });
});

describe('data status and data check: the directory', () => {
  it('data status names it escaped for people, and as it is in JSON', async () => {
    const folder = freshFolder();
    const dir = join(folder, NAME);
    const result = await run(['data', 'status', '--dir', dir]);
    expect(result.code, result.stderr).toBe(0);
    expectNoRawControls(result.stdout);
    expect(linesOf(result.stdout)[0]).toBe(`${join(folder, SHOWN)} (does not exist: nothing is merged)`);
    const json = await run(['data', 'status', '--dir', dir, '--json']);
    expect(json.code, json.stderr).toBe(0);
    expect(JSON.parse(json.stdout).dir).toBe(dir);
  });

  it('data check names it escaped when it holds no data file, and when it is valid', async () => {
    const folder = freshFolder();
    const dir = join(folder, NAME);
    mkdirSync(dir);
    const empty = await run(['data', 'check', dir]);
    expectNoRawControls(empty.stderr);
    expect(linesOf(empty.stderr)).toHaveLength(1);
    expect(empty.stderr.startsWith(`error: Data directory ${join(folder, SHOWN)} holds none of the data files (`)).toBe(
      true,
    );
    expect(empty.code).toBe(1);
    writeFileSync(join(dir, 'events.json'), '[]\n');
    const valid = await run(['data', 'check', dir]);
    expect(valid.code, valid.stderr).toBe(0);
    expectNoRawControls(valid.stdout);
    expect(linesOf(valid.stdout)).toHaveLength(1);
    expect(valid.stdout).toMatch(
      new RegExp(`^ok: ${escapeRegExp(join(folder, SHOWN))} is valid merged over the shipped data \\(`),
    );
  });
});

describe('load errors and the note on the user data directory', () => {
  it('a --data directory with a bad file is named escaped in the headline, and its problems stay one line each', async () => {
    const folder = freshFolder();
    const dir = join(folder, NAME);
    mkdirSync(dir);
    writeFileSync(join(dir, 'events.json'), '{ "not": "a list" }\n');
    const result = await run(['--data', dir, 'estimate', '--region', 'sichuan']);
    expectNoRawControls(result.stderr);
    const lines = linesOf(result.stderr);
    expect(lines[0]).toBe(`error: The data in ${join(folder, SHOWN)} has a problem:`);
    expect(lines).toHaveLength(2);
    expect(lines[1]).toMatch(new RegExp(`^ {2}- ${escapeRegExp(join(folder, SHOWN))}/events\\.json → `));
    expect(result.code).toBe(1);
  });

  it("the user's data directory is named escaped in the note on stderr, and in its load errors", async () => {
    const home = join(freshFolder(), NAME);
    const dir = join(home, 'mining-energy');
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, 'events.json'), '[]\n');
    const shown = join(escapePath(home), 'mining-energy');
    const result = await run(['estimate', '--region', 'sichuan', '--explain'], { XDG_DATA_HOME: home });
    expect(result.code, result.stderr).toBe(0);
    expectNoRawControls(result.stderr);
    expect(linesOf(result.stderr)).toContain(
      `warning (user-data): Your data directory ${shown} is merged over the shipped data; --no-user-data leaves it out.`,
    );

    writeFileSync(join(dir, 'events.json'), '{}\n');
    const broken = await run(['estimate', '--region', 'sichuan'], { XDG_DATA_HOME: home });
    expectNoRawControls(broken.stderr);
    const lines = linesOf(broken.stderr);
    expect(lines[0]).toBe(
      `error: Your data directory ${shown} has a problem (fix it, or leave it out with --no-user-data or MINING_ENERGY_NO_USER_DATA=1):`,
    );
    expect(lines).toHaveLength(2);
    expect(broken.code).toBe(1);
  });

  it("daily inputs in the user's data directory that are a loop of links are a data error naming them", async () => {
    const home = freshFolder();
    const dir = join(home, 'mining-energy');
    mkdirSync(dir);
    symlinkSync('network-inputs.csv', join(dir, 'network-inputs.csv'));
    const result = await run(['estimate', '--region', 'sichuan', '--json'], { XDG_DATA_HOME: home });
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toBe(
      `error: Cannot read the daily inputs ${join(dir, 'network-inputs.csv')}: it is a symbolic link to network-inputs.csv; give the path of the file itself.\n`,
    );
  });
});

describe('chart and report: the --out file', () => {
  it('is named escaped in the line saying it was written, and when it is there already', async () => {
    const folder = freshFolder();
    const out = join(folder, `${NAME}.svg`);
    const shown = join(folder, `${SHOWN}.svg`);
    const result = await run(['chart', 'shares', '--region', 'china', '--out', out]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toBe('');
    expectNoRawControls(result.stderr);
    // The line saying where the chart went is one line; the chart's warnings follow it.
    expect(linesOf(result.stderr)[0]).toMatch(
      new RegExp(`^Wrote the shares chart of China to ${escapeRegExp(shown)} \\(\\d+ KB\\)\\.$`),
    );
    expect(linesOf(result.stderr).filter((line) => line.includes('title'))).toHaveLength(1);

    const again = await run(['chart', 'shares', '--region', 'china', '--out', out]);
    expectStderr(again, 2, [`error: ${shown} already exists; add --force to replace it, or choose another --out.`]);
    expect(again.stdout).toBe('');
  });

  it('report names a folder that is not there escaped', async () => {
    const folder = freshFolder();
    const out = join(folder, NAME, 'page.html');
    const result = await run(['report', '--region', 'sichuan', '--out', out]);
    expectNoRawControls(result.stderr);
    expect(linesOf(result.stderr)).toHaveLength(1);
    expect(result.stderr).toContain(
      `error: Cannot write --out ${join(folder, SHOWN, 'page.html')}: its folder ${join(folder, SHOWN)} cannot be used (`,
    );
    expect(result.code).toBe(2);
  });
});

describe('network --input and --hardware: the file', () => {
  it('an input series with no rows is named escaped', async () => {
    const folder = freshFolder();
    const file = join(folder, `${NAME}.csv`);
    writeFileSync(file, 'date,hashrateEhs,revenueUsd\n');
    const result = await run(['network', '--input', file]);
    expectStderr(result, 1, [`error: The input series ${join(folder, `${SHOWN}.csv`)} has no rows.`]);
  });

  it('a day range outside the file is named escaped', async () => {
    const folder = freshFolder();
    const file = join(folder, `${NAME}.csv`);
    writeFileSync(file, 'date,hashrateEhs,revenueUsd\n2024-01-01,500,40000000\n2024-01-02,510,41000000\n');
    const result = await run(['network', '--input', file, '--from', '2024-06-01']);
    expectStderr(result, 2, [
      `error: No day of ${join(folder, `${SHOWN}.csv`)} is on or after 2024-06-01; it covers 2024-01-01 to 2024-01-02.`,
    ]);
  });

  it('an empty hardware list is named escaped', async () => {
    const folder = freshFolder();
    const file = join(folder, `${NAME}.json`);
    writeFileSync(file, '[]\n');
    const result = await run(['network', '--hardware', file, '--hashrate', '600', '--threshold', '30']);
    expectStderr(result, 1, [
      `error: The hardware list ${join(folder, `${SHOWN}.json`)} is empty: it needs at least one machine.`,
    ]);
  });
});

describe('whole-file writes: the file or directory in their errors', () => {
  it('writeAtomically names the file escaped when its folder is missing', () => {
    const folder = freshFolder();
    const path = join(folder, NAME, 'out.json');
    expect(() => writeAtomically(path, '{}\n')).toThrow(
      new DataError(`Cannot write ${join(folder, SHOWN, 'out.json')}: no such file or directory (ENOENT).`),
    );
  });

  it('replaceFiles names the directory escaped when its staging folder cannot be made', () => {
    const folder = freshFolder();
    const dir = join(folder, NAME);
    const io = {
      ...SYSTEM_FILE_OPERATIONS,
      mkdirSync: (() => {
        throw Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
      }) as typeof SYSTEM_FILE_OPERATIONS.mkdirSync,
    };
    let message = '';
    try {
      replaceFiles(dir, [{ name: 'events.json', text: '[]\n' }], io);
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toBe(`Cannot write in ${join(folder, SHOWN)}: permission denied (EACCES); nothing was changed.`);
    expect(controlCharacterIn(message)).toBeUndefined();
  });
});

describe('the file a problem names', () => {
  it('is escaped in the problems validateFile returns, and in a JSON syntax problem', async () => {
    const { validateFile } = await import('../../src/data/validate.js');
    const { jsonProblemText, parseJson } = await import('../../src/data/json.js');
    const result = validateFile('events', { not: 'a list' }, `/data/${NAME}/events.json`);
    expect(result.ok).toBe(false);
    const problems = result.ok ? [] : result.problems;
    expect(problems).toHaveLength(1);
    expect(problems[0]?.startsWith(`/data/${SHOWN}/events.json → `)).toBe(true);
    const parsed = parseJson('[1,');
    expect(parsed.ok).toBe(false);
    if (!parsed.ok) {
      const text = jsonProblemText(`/data/${NAME}/events.json`, parsed.problem);
      expect(text.startsWith(`/data/${SHOWN}/events.json → line 1, column `)).toBe(true);
      expect(controlCharacterIn(text)).toBeUndefined();
    }
  });
});

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
