import { execFileSync, spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { duplicateProperties, parseJson } from '../../src/data/json.js';
import { loadData, MAX_LISTED_PROBLEMS } from '../../src/data/load.js';
import { MAX_BASELINE_COUNTRIES, MAX_REGION_DEPTH, MAX_REGIONS, MAX_TEXT_CHARS } from '../../src/data/limits.js';
import { checkReferences, regionChainEnds } from '../../src/data/references.js';
import { DataError, UsageError } from '../../src/errors.js';
import { rejected, shippedData } from '../helpers.js';
import { PERMISSION_RUNNER, RUNNING_AS_ROOT } from '../hostile-cases.mjs';

const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) {
    chmodSync(dir, 0o700);
    rmSync(dir, { recursive: true, force: true });
  }
});

/** A fresh data directory holding the given files (name → JSON value, or raw text). */
function dataDir(files: Record<string, unknown>): string {
  const dir = mkdtempSync(join(tmpdir(), 'mining-energy-strict-'));
  dirs.push(dir);
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), typeof content === 'string' ? content : JSON.stringify(content, null, 2));
  }
  return dir;
}

const failure = (promise: Promise<unknown>): Promise<DataError> => rejected(DataError, promise);

const region = (id: string, parent: string | null, extra: Record<string, unknown> = {}) => ({
  id,
  name: id.toUpperCase(),
  kind: parent === null ? 'world' : 'other',
  parent,
  ...extra,
});

describe('duplicate property names in a user data file', () => {
  it('finds each repeated name with its line, column and path, in one linear pass', () => {
    const text = '[\n {"id":"a","name":"A","name":"B"},\n {"id":"b","values":[{"x":1},{"x":2,"y":"\\"","\\u0078":3}]}]';
    expect(duplicateProperties(text)).toEqual([
      { property: 'name', line: 2, column: 23, firstLine: 2, firstColumn: 12, path: [0] },
      { property: 'x', line: 3, column: 46, firstLine: 3, firstColumn: 31, path: [1, 'values', 1] },
    ]);
    expect(duplicateProperties('[{"a":{"a":1},"b":[{"a":1},{"a":2}]}]')).toEqual([]);
  });

  it('refuses {"name":"A","name":"B"} naming the file, line, column, record and property', async () => {
    const dir = dataDir({
      'regions.json': '[\n  {"id": "a", "name": "A", "name": "B", "kind": "other", "parent": "world"}\n]\n',
    });
    const error = await failure(loadData({ dataDir: dir }));
    expect(error.problems).toEqual([
      `${join(dir, 'regions.json')} → line 2, column 28 → record 1 ("a") → name → appears twice in one object (first at line 2, column 15); JSON keeps only the last value, so keep one`,
    ]);
  });

  it('names the field inside a record', async () => {
    const series = '[{"id":"mine","scope":"world","kind":"estimate","source":"cbeci-v1","values":[{"year":2024,"twh":1,"twh":2,"evidence":"computed"}]}]';
    const error = await failure(loadData({ dataDir: dataDir({ 'network-energy.json': series }) }));
    expect(error.problems[0]).toMatch(/→ line 1, column 100 → record 1 \("mine"\) → values\[0\]\.twh → appears twice/);
  });
});

describe('the files of a data directory', () => {
  it('refuses a broken symbolic link in place of a data file instead of ignoring it', async () => {
    const dir = dataDir({});
    symlinkSync(join(dir, 'nowhere.json'), join(dir, 'regions.json'));
    const error = await failure(loadData({ dataDir: dir }));
    expect(error.message).toBe(
      `Cannot read the data file ${join(dir, 'regions.json')}: it is a symbolic link to ${join(dir, 'nowhere.json')}; give the path of the file itself.`,
    );
  });

  it('refuses a directory or a named pipe in place of a data file, with its kind', async () => {
    const dir = dataDir({});
    mkdirSync(join(dir, 'regions.json'));
    expect((await failure(loadData({ dataDir: dir }))).message).toMatch(/regions\.json: it is a directory, not a regular file/);
    const fifo = dataDir({});
    execFileSync('mkfifo', [join(fifo, 'sources.json')]);
    expect((await failure(loadData({ dataDir: fifo }))).message).toMatch(
      /sources\.json: it is a named pipe \(FIFO\), not a regular file/,
    );
  });

  it('says a data directory that is a symbolic link loop cannot be read, not that it holds no data file', async () => {
    const dir = dataDir({});
    symlinkSync(join(dir, 'loop'), join(dir, 'loop'));
    expect((await failure(loadData({ dataDir: join(dir, 'loop') }))).message).toBe(
      `Cannot read data directory ${join(dir, 'loop')}: too many levels of symbolic links (ELOOP).`,
    );
  });

  it('says an unreadable data directory cannot be read', async () => {
    const dir = dataDir({ 'regions.json': [] });
    chmodSync(dir, 0);
    if (!RUNNING_AS_ROOT) {
      expect((await failure(loadData({ dataDir: dir }))).message).toMatch(/permission denied \(EACCES\)/);
      return;
    }
    // Root reads any directory: the check runs as the user nobody, through the built binary.
    if (PERMISSION_RUNNER === undefined) throw new Error('running as root, and the user nobody cannot run the built binary');
    const { bin, options } = PERMISSION_RUNNER;
    const result = spawnSync(process.execPath, [bin, 'data', 'check', dir], { encoding: 'utf8', ...options });
    expect(result.status).toBe(1);
    expect(result.stderr).toMatch(/Cannot read data directory .*:\s+permission\s+denied \(EACCES\)/);
  });

  it('accepts a data file that starts with a UTF-8 byte-order mark', async () => {
    const dir = dataDir({ 'regions.json': `\uFEFF${JSON.stringify([region('atlantis', 'world')])}` });
    expect((await loadData({ dataDir: dir })).regions.at(-1)?.id).toBe('atlantis');
    expect(parseJson('\uFEFF[1]')).toEqual({ ok: true, value: [1] });
  });

  it('is a usage error to ask for no shipped data without a directory', async () => {
    await expect(loadData({ defaultData: false })).rejects.toThrow(UsageError);
  });

  it(`lists at most ${MAX_LISTED_PROBLEMS} problems, then how many more`, async () => {
    const regions = Array.from({ length: 25 }, (_, i) => ({ ...region(`r${i}`, 'world'), kind: 'planet' }));
    const error = await failure(loadData({ dataDir: dataDir({ 'regions.json': regions }) }));
    expect(error.message).toMatch(/^The data in .* has 25 problems:/);
    expect(error.problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(error.problems.at(-1)).toBe('… and 5 more');
  });
});

describe('numbers that cannot all be right', () => {
  it('refuses children whose yearly shares exceed their parent though no month does', async () => {
    const share = (id: string, month: string) => ({ region: id, month, sharePct: 60, source: 'cbeci-mining-map', evidence: 'computed' });
    const dir = dataDir({
      'regions.json': [
        { ...region('north', 'china'), kind: 'province' },
        { ...region('south', 'china'), kind: 'province' },
      ],
      'hashrate-shares.json': [share('north', '2023-01'), share('south', '2023-02')],
    });
    const error = await failure(loadData({ dataDir: dir }));
    expect(error.problems).toEqual([
      'hashrate-shares.json → shares of "china" in 2023 → sharePct → the yearly shares of the children of "china" (each the mean of its months recorded in 2023; a remainder not counted) sum to 120%, above 100%: "north" 60%, "south" 60%. Correct the sharePct of one or more of these records (or remove one, or give a survey its own dataset) so that they sum to 100% or less.',
    ]);
  });

  it('leaves a remainder out of the yearly sum, as the estimate takes an excess out of it first', async () => {
    const data = await shippedData();
    expect(checkReferences(data)).toEqual([]);
  });

  it('refuses a country listed twice in one baseline, by ISO code or by name, naming both entries', async () => {
    const data = await shippedData();
    const baseline = {
      ...(data.baselines[0] as (typeof data.baselines)[number]),
      id: 'twice',
      values: [
        { country: 'China', iso3: 'CHN', twh: 1 },
        { country: 'Peru', iso3: 'PER', twh: 1 },
        { country: 'PRC', iso3: 'CHN', twh: 2 },
        { country: 'peru', twh: 3 },
      ],
    };
    const problems = checkReferences({ ...data, baselines: [...data.baselines, baseline] });
    expect(problems).toEqual([
      'electricity-baselines.json → baseline "twice" → values[0] ("China", CHN) and values[2] ("PRC", CHN) → the same country is listed twice (same ISO code); list each country once',
      'electricity-baselines.json → baseline "twice" → values[1] ("Peru", PER) and values[3] ("peru") → the same country is listed twice (same name); list each country once',
    ]);
  });

  it('refuses an alias that is another region\'s id or ISO code, or one two regions share', async () => {
    const data = await shippedData();
    const regions = [
      ...data.regions,
      { ...region('atlantis', 'world'), aliases: ['CHN', 'Kazakhstan', 'Lost City'] },
      { ...region('mu', 'world'), aliases: ['lost-city', 'china'] },
    ] as typeof data.regions;
    expect(checkReferences({ ...data, regions })).toEqual([
      'regions.json → region "atlantis" → aliases → "CHN" is the ISO code of region "china"; an alias must name only its own region',
      'regions.json → region "atlantis" → aliases → "Kazakhstan" is the id of region "kazakhstan"; an alias must name only its own region',
      'regions.json → region "mu" → aliases → "lost-city" is also an alias of region "atlantis"; an alias must name only one region',
      'regions.json → region "mu" → aliases → "china" is the id of region "china"; an alias must name only its own region',
    ]);
  });
});

describe('region chains', () => {
  it('finds depths and loops in linear time, without recursion', () => {
    const chain = [region('w', null), ...Array.from({ length: 200_000 }, (_, i) => region(`r${i}`, i === 0 ? 'w' : `r${i - 1}`))];
    const started = performance.now();
    const ends = regionChainEnds(chain);
    // Linear is well under a second here; a walk from every region to the root would take hours.
    expect(performance.now() - started).toBeLessThan(10_000);
    expect(ends.get('r199999')).toEqual({ depth: 200_001 });
    const loop = regionChainEnds([region('a', 'b'), region('b', 'c'), region('c', 'b'), region('d', 'a')]);
    expect([...loop]).toEqual([
      ['b', { loopsTo: 'b' }],
      ['c', { loopsTo: 'c' }],
      ['a', { loopsTo: 'b' }],
      ['d', { loopsTo: 'b' }],
    ]);
  }, 30_000);

  it(`refuses a chain deeper than ${MAX_REGION_DEPTH} levels once, at its first region past the limit, quickly`, async () => {
    const data = await shippedData();
    const deep = Array.from({ length: 5000 }, (_, i) => region(`deep-${i}`, i === 0 ? 'world' : `deep-${i - 1}`));
    const started = performance.now();
    const problems = checkReferences({ ...data, regions: [...data.regions, ...deep] as typeof data.regions });
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(problems).toEqual([
      `regions.json → region "deep-${MAX_REGION_DEPTH - 1}" → parent → is ${MAX_REGION_DEPTH + 1} levels down from the world (the world included), over the limit of ${MAX_REGION_DEPTH} levels (MAX_REGION_DEPTH); so is every region below it`,
    ]);
  });

  it('reports a loop for each region on it or leading to it', async () => {
    const data = await shippedData();
    const regions = [...data.regions, region('a', 'b'), region('b', 'a'), region('c', 'a')] as typeof data.regions;
    expect(checkReferences({ ...data, regions })).toEqual([
      'regions.json → region "a" → parent → the chain of parents loops back to "a"',
      'regions.json → region "b" → parent → the chain of parents loops back to "b"',
      'regions.json → region "c" → parent → the chain of parents loops back to "a"',
    ]);
  });

  it(`refuses more than ${MAX_REGIONS.toLocaleString('en-US')} regions, naming the first one over`, async () => {
    const data = await shippedData();
    const many = Array.from({ length: MAX_REGIONS + 1 - data.regions.length }, (_, i) => region(`r${i}`, 'world'));
    const regions = [...data.regions, ...many] as typeof data.regions;
    const last = many.at(-1)?.id;
    expect(checkReferences({ ...data, regions })).toEqual([
      `regions.json → region "${last}" → is region 1,000,001 of 1,000,001, over the limit of 1,000,000 regions (MAX_REGIONS)`,
    ]);
  });

  it('loads 100,000 regions directly under the world in seconds', async () => {
    const flat = Array.from({ length: 100_000 }, (_, i) => region(`flat-${i}`, 'world'));
    const dir = dataDir({ 'regions.json': flat });
    const started = performance.now();
    const data = await loadData({ dataDir: dir });
    const seconds = (performance.now() - started) / 1000;
    expect(data.regions).toHaveLength(100_000 + (await shippedData()).regions.length);
    expect(seconds).toBeLessThan(10);
  }, 30_000);
});

describe('control characters', () => {
  const withControl = 'a\u001b[31mb';
  const source = { id: 'mine', title: 'T', evidence: 'primary' };
  const baseline = { id: 'mine', name: 'N', measure: 'demand', year: 2020, source: 'cbeci-mining-map', evidence: 'computed' };
  it.each([
    ['sources.json', 'title', [{ ...source, title: withControl }]],
    ['sources.json', 'url', [{ ...source, url: `https://example.org/${withControl}` }]],
    ['sources.json', 'publisher', [{ ...source, publisher: withControl }]],
    ['regions.json', 'name', [{ ...region('atlantis', 'world'), name: withControl }]],
    ['regions.json', 'note', [{ ...region('atlantis', 'world'), note: withControl }]],
    ['regions.json', 'aliases[1]', [{ ...region('atlantis', 'world'), aliases: ['x', withControl] }]],
    ['electricity-baselines.json', 'values[0].country', [{ ...baseline, values: [{ country: withControl, twh: 1 }] }]],
    ['electricity-baselines.json', 'name', [{ ...baseline, name: withControl, values: [{ country: 'X', twh: 1 }] }]],
    ['regions.json', '(the record) → has a property name with', [{ ...region('atlantis', 'world'), [`no${withControl}`]: 1 }]],
  ])('refuses one in %s at %s', async (file, field, records) => {
    const error = await failure(loadData({ dataDir: dataDir({ [file]: records }) }));
    expect(error.problems.some((p) => p.includes(`→ record 1 ("`) && p.includes(`${field}`) && p.includes('the control character U+001B'))).toBe(true);
  });
});

describe('deeply nested JSON', () => {
  const depth = 200_000;
  it('locates a syntax error without running out of call stack', () => {
    const result = parseJson(`[${'['.repeat(depth)}${']'.repeat(depth - 1)}]`);
    expect(result).toEqual({
      ok: false,
      problem: { line: 1, column: 2 * depth + 2, message: 'unexpected end of file; expected "," or "]" after an array element' },
    });
  });

  it('checks the strings of a deeply nested record in linear time', async () => {
    const text = `[{"id":"a","name":${'['.repeat(depth)}"\\u001b"${']'.repeat(depth)}}]`;
    const started = performance.now();
    const error = await failure(loadData({ dataDir: dataDir({ 'regions.json': text }) }));
    expect(performance.now() - started).toBeLessThan(15_000);
    expect(error.problems.some((p) => p.includes('contains the control character U+001B'))).toBe(true);
  });
});

it(`refuses a baseline of more than ${MAX_BASELINE_COUNTRIES.toLocaleString('en-US')} countries`, async () => {
  const values = Array.from({ length: MAX_BASELINE_COUNTRIES + 1 }, (_, i) => ({ country: `Country ${i}`, twh: 1 }));
  const baseline = { id: 'huge', name: 'Huge', measure: 'demand', year: 2020, source: 'cbeci-mining-map', evidence: 'computed', values };
  const error = await failure(loadData({ dataDir: dataDir({ 'electricity-baselines.json': [baseline] }) }));
  expect(error.problems).toEqual([
    expect.stringMatching(/record 1 \("huge"\) → values → must list at most 1,000 countries \(MAX_BASELINE_COUNTRIES\)$/),
  ]);
});

it(`refuses a regions file of more than ${MAX_REGIONS.toLocaleString('en-US')} regions before validating each`, async () => {
  const text = `[${Array.from({ length: MAX_REGIONS + 1 }, (_, i) => `{"id":"r${i}"}`).join(',')}]`;
  const started = performance.now();
  const error = await failure(loadData({ dataDir: dataDir({ 'regions.json': text }) }));
  expect(performance.now() - started).toBeLessThan(10_000);
  expect(error.problems).toEqual([
    expect.stringMatching(
      /regions\.json → record 1,000,001 \("r1000000"\) → is region 1,000,001 of 1,000,001, over the limit of 1,000,000 regions \(MAX_REGIONS\)$/,
    ),
  ]);
}, 30_000);

it('finds repeated names in deeply nested objects in linear time', () => {
  const depth = 100_000;
  const text = `[${'{"a":1,"a":'.repeat(depth)}1${'}'.repeat(depth)}]`;
  const started = performance.now();
  const found = duplicateProperties(text);
  expect(performance.now() - started).toBeLessThan(10_000);
  expect(found).toHaveLength(depth);
  expect(found[1]?.path).toEqual([0, 'a']);
  expect(found.at(-1)?.path).toHaveLength(17);
});

describe('strings in data files', () => {
  const named = (name: string) => [{ id: 'atlantis', name, kind: 'country', parent: 'world' }];

  it(`refuses a string over ${MAX_TEXT_CHARS} characters before the schema reads it, naming its length`, async () => {
    const started = performance.now();
    const error = await failure(loadData({ dataDir: dataDir({ 'regions.json': named('A'.repeat(5_000_000)) }) }));
    expect(error.problems).toEqual([
      expect.stringMatching(
        /regions\.json → record 1 \("atlantis"\) → name → is 5,000,000 characters long, over the limit of 10,000 \(MAX_TEXT_CHARS\)$/,
      ),
    ]);
    expect(performance.now() - started).toBeLessThan(10_000);
    await expect(loadData({ dataDir: dataDir({ 'regions.json': named('A'.repeat(MAX_TEXT_CHARS)) }) })).resolves.toBeTruthy();
  });

  it.each([
    ['\u200d', 'U+200D'],
    ['\u200b', 'U+200B'],
    ['\ufeff', 'U+FEFF'],
    ['\u2060', 'U+2060'],
  ])('refuses an invisible character (%j) that would make two names look alike', async (char, code) => {
    const error = await failure(loadData({ dataDir: dataDir({ 'regions.json': named(`Chi${char}na`) }) }));
    expect(error.problems).toEqual([expect.stringContaining(`→ name → contains the invisible character ${code}`)]);
  });
});

describe('very many problems', () => {
  it('lists 20 of 300,000 repeated properties without exhausting the call stack', async () => {
    const text = `[{"id":"a","name":"A","kind":"country","parent":"world"${',"x":1'.repeat(300_000)}}]`;
    const error = await failure(loadData({ dataDir: dataDir({ 'regions.json': text }) }));
    expect(error.problems).toHaveLength(MAX_LISTED_PROBLEMS + 1);
    expect(error.problems.at(-1)).toMatch(/^… and 299,9\d\d more$/);
  });
});
