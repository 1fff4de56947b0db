import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/core/estimate.js';
import { parseJson } from '../../src/data/json.js';
import { loadData } from '../../src/data/load.js';
import { DataError } from '../../src/errors.js';
import { FIXTURES, rejected } from '../helpers.js';

const problemsOf = async (promise: Promise<unknown>): Promise<string> => (await rejected(DataError, promise)).message;

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
    expect(message).toContain(
      'the children of "china" sum to 105%, above 100%: "sichuan" 2021-04 10%, "xinjiang" 2021-04 95%. Correct the sharePct of one or more of these records',
    );
  });

  it('checks that notComparableWith names known sources', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mining-energy-comparable-'));
    try {
      const source = { id: 'pool-2024', title: 'A pool', evidence: 'primary', notComparableWith: ['cbeci-us-states-202'] };
      writeFileSync(join(dir, 'sources.json'), `${JSON.stringify([source])}\n`);
      const message = await problemsOf(loadData({ dataDir: dir }));
      expect(message).toContain(
        'sources.json → source "pool-2024" → notComparableWith → unknown source "cbeci-us-states-202"; did you mean "cbeci-us-states-2022"?',
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
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
    const onProjection = { year: 2024, series: 'jiang-2021' };
    expect(estimate(data, 'sichuan', onProjection).energy.twh).toBeCloseTo(0.12 * 296.59, 9);
    expect(estimate(data, 'hainan', onProjection).energy.twh).toBeCloseTo(0.015 * 296.59, 9);
  });

  it('refuses two records with the same key in one file, naming both', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mining-energy-dup-'));
    const record = { region: 'sichuan', month: '2021-04', sharePct: 12, source: 'cbeci-mining-map', evidence: 'copy' };
    writeFileSync(join(dir, 'hashrate-shares.json'), JSON.stringify([record, { ...record, sharePct: 3 }, record]));
    const message = await problemsOf(loadData({ dataDir: dir }));
    const file = join(dir, 'hashrate-shares.json');
    expect(message).toContain(
      `${file} → records 1 and 2 (share of "sichuan" in 2021-04) → the same key appears twice in one file; keep one`,
    );
    expect(message).toContain(`${file} → records 1 and 3 (share of "sichuan" in 2021-04)`);
    // A named dataset is part of a share's key, and a carbon record's basis of its own.
    writeFileSync(
      join(dir, 'hashrate-shares.json'),
      JSON.stringify([record, { ...record, dataset: 'my-survey', sharePct: 3 }]),
    );
    expect((await loadData({ dataDir: dir })).shares.filter((s) => s.region === 'sichuan')).toHaveLength(3);
    rmSync(dir, { recursive: true, force: true });
  });

  it.each([
    [{ year: 2024, twh: 1, evidence: 'computed', coverage: 'partial-year' }, 'days → is required when coverage is partial-year'],
    [{ year: 2024, twh: 1, evidence: 'computed', days: 30 }, 'days → goes only with coverage partial-year'],
    [{ year: 2023, twh: 1, evidence: 'computed', coverage: 'partial-year', days: 365, through: '2023-12-31' }, 'days → must be fewer than the 365 days of 2023'],
    [{ year: 2024, twh: 1, evidence: 'computed', coverage: 'partial-year', days: 30, through: '2023-12-31' }, 'through → must be a date in 2024'],
    [{ year: 2021, twh: 1, evidence: 'computed', coverage: 'multi-year', toYear: 2020 }, 'toYear → must be after year'],
    [{ year: 2021, twh: 1, evidence: 'hearsay' }, 'evidence → must be one of primary, copy, computed, secondhand'],
    [{ year: 2021, twh: 1 }, 'evidence → is required'],
    [
      { year: 2025, twh: 1, evidence: 'computed', coverage: 'partial-year', days: 200, through: '2025-03-01' },
      'days → must be at most 60: 2025-03-01 is day 60 of 2025',
    ],
    [{ year: 2025, twh: 1e308, evidence: 'computed' }, 'twh → must be a number of TWh from 0 to 100,000'],
  ])('checks what a network value covers: %j', async (value, problem) => {
    const dir = mkdtempSync(join(tmpdir(), 'mining-energy-coverage-'));
    const series = { id: 'mine', scope: 'world', kind: 'estimate', source: 'cbeci-v1', values: [value] };
    writeFileSync(join(dir, 'network-energy.json'), JSON.stringify([series]));
    expect(await problemsOf(loadData({ dataDir: dir }))).toContain(`record 1 ("mine") → values[0].${problem}`);
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses two values of one series that cover the same year', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mining-energy-overlap-'));
    const values = [
      { year: 2024, toYear: 2025, coverage: 'multi-year', twh: 100, evidence: 'primary' },
      { year: 2025, twh: 70, evidence: 'primary' },
    ];
    writeFileSync(
      join(dir, 'network-energy.json'),
      JSON.stringify([{ id: 'mine', scope: 'world', kind: 'estimate', source: 'unu-2023', values }]),
    );
    expect(await problemsOf(loadData({ dataDir: dir }))).toContain(
      'network-energy.json → series "mine" → values (2025) → 2025 is covered by more than one value',
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('refuses a figure graded better than its source, and a blank who-reported-it', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mining-energy-grade-'));
    const share = { region: 'sichuan', month: '2022-06', sharePct: 5, source: 'cbeci-provinces-2020', evidence: 'primary' };
    writeFileSync(join(dir, 'hashrate-shares.json'), JSON.stringify([share]));
    expect(await problemsOf(loadData({ dataDir: dir }))).toContain(
      'hashrate-shares.json → share of "sichuan" in 2022-06 → evidence → is primary, but its source "cbeci-provinces-2020" is only secondhand',
    );
    writeFileSync(join(dir, 'hashrate-shares.json'), '[]');
    writeFileSync(
      join(dir, 'sources.json'),
      JSON.stringify([{ id: 'blank', title: 'A blank reporter', evidence: 'secondhand', reportedBy: '   ' }]),
    );
    expect(await problemsOf(loadData({ dataDir: dir }))).toContain(
      'record 1 ("blank") → reportedBy → must not be empty or blank',
    );
    rmSync(dir, { recursive: true, force: true });
  });

  it('needs a secondhand source to say who reported it, and an event to name known regions', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mining-energy-sources-'));
    writeFileSync(join(dir, 'sources.json'), JSON.stringify([{ id: 'rumour', title: 'A rumour', evidence: 'secondhand' }]));
    expect(await problemsOf(loadData({ dataDir: dir }))).toContain(
      'record 1 ("rumour") → reportedBy → a secondhand source must say who reported it (reportedBy)',
    );
    writeFileSync(join(dir, 'sources.json'), '[]');
    writeFileSync(
      join(dir, 'events.json'),
      JSON.stringify([
        { id: 'ban', month: '2022-05', title: 'A ban', regions: ['atlantis'], source: 'cbeci-v1', evidence: 'copy' },
      ]),
    );
    expect(await problemsOf(loadData({ dataDir: dir }))).toContain(
      'events.json → event "ban" → regions → unknown region "atlantis"',
    );
    rmSync(dir, { recursive: true, force: true });
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

describe('control characters in data', () => {
  it('refuses a string with an escape sequence or a bidirectional override, naming the field and the character', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mining-energy-controls-'));
    try {
      writeFileSync(
        join(dir, 'sources.json'),
        JSON.stringify([
          { id: 'evil', title: 'Red \u001b[31mtext\u001b]0;title\u0007', evidence: 'primary' },
          { id: 'evil-2', title: 'Backwards \u202etxet', evidence: 'primary' },
        ]),
      );
      const message = await problemsOf(loadData({ dataDir: dir }));
      expect(message).toMatch(/sources\.json → record 1 \("evil"\) → title → contains the control character U\+001B/);
      expect(message).toMatch(/record 2 \("evil-2"\) → title → contains the bidirectional control character U\+202E/);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
