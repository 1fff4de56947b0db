import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/core/estimate.js';
import { parseJson } from '../../src/data/json.js';
import { loadData } from '../../src/data/load.js';
import { DataError } from '../../src/errors.js';
import { FIXTURES } from '../helpers.js';

async function problemsOf(promise: Promise<unknown>): Promise<string> {
  try {
    await promise;
  } catch (error) {
    expect(error).toBeInstanceOf(DataError);
    return (error as DataError).message;
  }
  throw new Error('expected a DataError');
}

describe('parseJson', () => {
  it.each([
    ['[1,\n 2,\n]', 3, 1, 'expected a value'],
    ['{"a": tru}', 1, 10, 'expected "true"'],
    ['{"a": 1,}', 1, 9, 'double-quoted property name'],
    ['[1, 2', 1, 6, 'unexpected end of file'],
    ['[1] x', 1, 5, 'unexpected text after'],
  ])('locates the error in %j at line %d, column %d', (text, line, column, message) => {
    const result = parseJson(text);
    expect(result.ok).toBe(false);
    if (!result.ok) {
      expect(result.problem).toMatchObject({ line, column });
      expect(result.problem.message).toContain(message);
    }
  });

  it('parses valid JSON', () => {
    expect(parseJson('{"a": [1, "x", null, true]}')).toEqual({ ok: true, value: { a: [1, 'x', null, true] } });
  });
});

describe('loadData', () => {
  it('reports JSON syntax errors with file, line and column', async () => {
    const message = await problemsOf(loadData({ dataDir: join(FIXTURES, 'bad-json') }));
    expect(message).toContain(`${join(FIXTURES, 'bad-json', 'regions.json')} → line 3, column 1 → not valid JSON`);
  });

  it('lists every invalid field as file → record → field → problem', async () => {
    const message = await problemsOf(loadData({ dataDir: join(FIXTURES, 'invalid') }));
    const file = join(FIXTURES, 'invalid', 'hashrate-shares.json');
    expect(message).toContain('has 4 problems');
    expect(message).toContain(`${file} → record 3 ("xinjiang" 2021-04) → sharePct → is required (number)`);
    expect(message).toContain(`${file} → record 1 ("sichuan" 2021-13) → month → must be a month as YYYY-MM`);
    expect(message).toContain(`${file} → record 2 ("yunnan" 2021-04) → sharePct → must be a percentage from 0 to 100`);
    expect(message).toContain(`${file} → record 3 ("xinjiang" 2021-04) → (the record) → Unrecognized key: "sharepct"`);
  });

  it('checks references after merging: unknown regions and sources, and shares above 100%', async () => {
    const message = await problemsOf(loadData({ dataDir: join(FIXTURES, 'broken-tree') }));
    expect(message).toContain(
      'hashrate-shares.json → share of "tibet" in 2021-04 → source → unknown source "cbeci-minig-map"; did you mean "cbeci-mining-map"?',
    );
    expect(message).toContain('hashrate-shares.json → share of "tibet" in 2021-04 → region → unknown region "tibet"');
    expect(message).toContain('the children of "china" sum to 105%, above 100%');
  });

  it('merges a user directory: same key replaces in place, new records are appended', async () => {
    const data = await loadData({ dataDir: join(FIXTURES, 'overlay') });
    const sichuan = data.shares.filter((s) => s.region === 'sichuan');
    expect(sichuan.map((s) => [s.month, s.sharePct])).toEqual([
      ['2020-04', 9.66],
      ['2021-04', 12],
    ]);
    expect(data.regions.at(-1)?.id).toBe('hainan');
    expect(data.sources.at(-1)?.id).toBe('local-survey');
    expect(estimate(data, 'sichuan', { year: 2024 }).energy.twh).toBeCloseTo(0.12 * 296.59, 9);
    expect(estimate(data, 'hainan', { year: 2024 }).energy.twh).toBeCloseTo(0.015 * 296.59, 9);
  });

  it('needs every file without the shipped data', async () => {
    const message = await problemsOf(loadData({ dataDir: join(FIXTURES, 'overlay'), defaultData: false }));
    expect(message).toMatch(/is missing network-energy\.json, electricity-baselines\.json, carbon-intensity\.json/);
  });

  it('says when a directory does not exist or holds no data file', async () => {
    expect(await problemsOf(loadData({ dataDir: join(FIXTURES, 'nope') }))).toMatch(/does not exist/);
    expect(await problemsOf(loadData({ dataDir: FIXTURES }))).toMatch(/holds none of the data files/);
  });
});
