import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EstimateDocumentSchema } from '../../src/contract/estimate.js';
import type { Estimate } from '../../src/core/estimate.js';
import { parseCsv } from '../../src/data/csv.js';
import { expectFailure, runCli, WIDE } from '../helpers.js';

type Link = Estimate['share']['links'][number];
const linkKey = (l: Link) => `${l.region} ${l.of}`;
const sourcesOf = (e: Estimate) => new Map(e.share.links.map((l) => [linkKey(l), [...l.sources].sort().join(',')]));

describe('estimate --years', () => {
  it('gives Russia a record a year, 2019 to 2026, each with what changed from the year before', async () => {
    const { code, stdout } = await runCli(['estimate', '--region', 'russia', '--years', '2019-2026', '--json']);
    expect(code).toBe(0);
    const records = JSON.parse(stdout) as Estimate[];
    expect(EstimateDocumentSchema.safeParse(records).success).toBe(true);
    expect(records.map((r) => r.year)).toEqual([2019, 2020, 2021, 2022, 2023, 2024, 2025, 2026]);
    expect(records[0]?.changes).toEqual([]);
    // A change is listed exactly where the series or a link's sources differ from the year before's.
    for (const [i, record] of records.entries()) {
      if (i === 0) continue;
      const before = records[i - 1] as Estimate;
      const expected: string[] = [];
      if (before.basis.series !== record.basis.series) expected.push('basis');
      const earlier = sourcesOf(before);
      for (const [key, sources] of sourcesOf(record)) if (earlier.get(key) !== sources) expected.push(`share ${key}`);
      const listed = (record.changes ?? []).map((c) => (c.what === 'basis' ? 'basis' : `share ${c.region} ${c.of}`));
      expect(listed, String(record.year)).toEqual(expected);
    }
    // The switch from CBECI's map to Hashrate Index's shares is marked in some year.
    const switches = records.flatMap((r) => r.changes ?? []).filter((c) => c.what === 'share');
    expect(
      switches.some(
        (c) => c.from.includes('cbeci-mining-map') && c.to.some((source) => source.startsWith('hashrateindex-')),
      ),
    ).toBe(true);
    // 2025 rests on the bottom-up series computed here, where 2024 rests on CBECI's published total.
    expect(records[6]?.changes?.[0]).toEqual({
      what: 'basis',
      region: null,
      of: null,
      from: ['cbeci'],
      to: ['bottom-up'],
      comparable: true,
    });
  });

  it('prints a table of a row a year that fits 80 columns, with the changes marked and a legend', async () => {
    const { code, stdout, stderr } = await runCli(['estimate', '--region', 'russia', '--years', '2019-2026']);
    expect(code).toBe(0);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(stdout).toMatch(/^Russia\n┌/);
    expect(stdout).toMatch(/│ Year │ TWh\/yr │ Bounds TWh +│ Mt CO2 │ % of World │ Basis +│ Changes │/);
    expect(stdout).toMatch(/│ 2025 │[^\n]*│ bottom-up +│ B[ S]* +│/);
    expect(stdout).toContain('Changes from the year before: B the basis series, S the source of a share.');
    expect(stdout).toMatch(/^ {2}2025: B basis: cbeci → bottom-up$/m);
    // By default a line per code, the years unnamed (the table marks the changes); --explain names each one's year.
    expect(stderr).toMatch(/^warning \(interpolated-share\): a share is interpolated between records$/m);
    const explained = await runCli(['estimate', '--region', 'russia', '--years', '2019-2026', '--explain'], WIDE);
    expect(explained.stderr).toMatch(/^warning \(interpolated-share\): 2024: Russia's share of World for 2024 /m);
  });

  it('writes NDJSON and CSV records, one a year', async () => {
    const ndjson = await runCli(['estimate', '--region', 'russia', '--years', '2022-2024', '--format', 'ndjson']);
    expect(
      ndjson.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).year),
    ).toEqual([2022, 2023, 2024]);
    const csv = await runCli(['estimate', '--region', 'russia', '--years', '2022-2024', '--format', 'csv']);
    const [header, ...rows] = parseCsv(csv.stdout).map((r) => r.cells);
    expect(rows).toHaveLength(3);
    expect(header).toContain('changes.0.what');
  });

  it.each([
    [['--years', '2019-2026', '--year', '2024'], /option '--years <first-last>' cannot be used with option '--year/],
    [['--years', '2026-2019'], /expected the first year before the last/],
    [['--years', '2019-26'], /expected a range of years/],
  ])('refuses %j', async (args, message) => {
    await expectFailure(['estimate', '--region', 'russia', ...args], 2, message);
  });

  it('takes one region', async () => {
    await expectFailure(
      ['estimate', '--region', 'russia,china', '--years', '2019-2020'],
      2,
      /--years takes one --region/,
    );
    await expectFailure(['estimate', '--all', '--years', '2019-2020'], 2, /--years takes one --region/);
  });

  it('refuses a year it cannot estimate, naming it and why; --skip-missing lists it in the output', async () => {
    const args = ['estimate', '--region', 'ethiopia', '--years', '2024-2025'];
    await expectFailure(
      args,
      2,
      /ethiopia cannot be estimated for a year of 2024-2025 \(--skip-missing prints the other years, listing these\):\n {2}ethiopia \(2025\) left out: Ethiopia is not named in World's breakdown of May 2025/,
    );
    const { code, stdout } = await runCli([...args, '--skip-missing', '--json']);
    expect(code).toBe(0);
    const records = JSON.parse(stdout) as { record: string; year: number; reason?: string }[];
    expect(records.map((r) => `${r.record} ${r.year}`)).toEqual(['estimate 2024', 'skipped 2025']);
    expect(records[1]?.reason).toMatch(/^Ethiopia is not named in World's breakdown of May 2025/);
    const table = await runCli([...args, '--skip-missing']);
    expect(table.stdout).toMatch(/│ 2025 │ +– │[^\n]*│ not estimated │/);
    // By default the year left out is named; --explain says why.
    expect(table.stderr).toContain('warning (region-skipped): a region could not be estimated and is left out (2025)');
    expect(table.stdout).toContain('– not estimated: the warnings say why.');
    const explained = await runCli([...args, '--skip-missing', '--explain']);
    expect(explained.stderr).toMatch(/warning \(region-skipped\): ethiopia \(2025\) left out: /);
  });

  it('says under the table why a year is not estimated when the warnings are not shown (-q)', async () => {
    const { code, stdout, stderr } = await runCli(
      ['estimate', '--region', 'ethiopia', '--years', '2024-2025', '--skip-missing', '-q'],
      WIDE,
    );
    expect(code).toBe(0);
    expect(stderr).toBe('');
    expect(stdout).not.toContain('the warnings say why');
    expect(stdout).toMatch(/– not estimated:\n {2}2025: Ethiopia is not named in World's breakdown of May 2025/);
  });
});

describe('a region named is never dropped', () => {
  it('refuses Ethiopia beside Paraguay in 2025, naming Ethiopia and why, with nothing on stdout', async () => {
    await expectFailure(
      ['estimate', '--region', 'ethiopia,paraguay', '--year', '2025'],
      2,
      /A region you named cannot be estimated \(--skip-missing prints the others, listing these\):\n {2}ethiopia \(2025\) left out: Ethiopia is not named in World's breakdown of May 2025/,
    );
  });

  it('prints the others with --skip-missing, and lists what it left out, in every format', async () => {
    const args = ['estimate', '--region', 'ethiopia,paraguay', '--year', '2025', '--skip-missing'];
    const json = await runCli([...args, '--json'], WIDE);
    expect(json.code).toBe(0);
    const records = JSON.parse(json.stdout) as { record: string; region: { id: string } }[];
    expect(records.map((r) => `${r.record} ${r.region.id}`)).toEqual(['skipped ethiopia', 'estimate paraguay']);
    // The one region left out is named even by default, where the line says no more.
    expect(json.stderr).toContain(
      'warning (region-skipped): a region could not be estimated and is left out (Ethiopia)',
    );
    const explained = await runCli([...args, '--json', '--explain'], WIDE);
    expect(explained.stderr).toContain(
      "warning (region-skipped): ethiopia (2025) left out: Ethiopia is not named in World's breakdown",
    );
    const ndjson = await runCli([...args, '--format', 'ndjson']);
    expect(
      ndjson.stdout
        .trimEnd()
        .split('\n')
        .map((line) => JSON.parse(line).record),
    ).toEqual(['skipped', 'estimate']);
    const csv = await runCli([...args, '--format', 'csv']);
    const [header, ...rows] = parseCsv(csv.stdout).map((r) => r.cells);
    expect(rows.map((row) => row[0])).toEqual(['skipped', 'estimate']);
    expect(rows[0]?.[(header ?? []).indexOf('reason')]).toMatch(/^Ethiopia is not named/);
    const table = await runCli(args, WIDE);
    // The one region left is shown in full, as when it alone is asked for.
    expect(table.stdout).toMatch(/^Paraguay \(country in World\), 2025\n/);
    expect(table.stdout).not.toMatch(/Ethiopia/);
    expect(table.stderr).toContain(
      'warning (region-skipped): a region could not be estimated and is left out (Ethiopia)',
    );
    // With -q the warnings are not shown: the table then says what was left out, and why.
    const quiet = await runCli([...args, '-q'], WIDE);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/^Paraguay \(country in World\), 2025\n/);
    expect(quiet.stdout).toMatch(
      /Not estimated:\n {2}Ethiopia: Ethiopia is not named in World's breakdown of May 2025/,
    );
  });

  it('draws a row for a region left out of a table of several, and says why under it with -q', async () => {
    const args = ['estimate', '--region', 'ethiopia,russia,texas', '--year', '2025', '--skip-missing'];
    const table = await runCli(args, WIDE);
    expect(table.code).toBe(0);
    expect(table.stdout).toMatch(/│ Ethiopia +│[^\n]*│ +– │ not estimated +│/);
    expect(table.stdout).toMatch(/│ Russia +│/);
    expect(table.stdout).toContain('– not estimated: the warnings say why.');
    const quiet = await runCli([...args, '-q'], WIDE);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/│ Ethiopia +│[^\n]*│ +– │ not estimated +│/);
    expect(quiet.stdout).not.toContain('the warnings say why');
    expect(quiet.stdout).toMatch(
      /– not estimated:\n {2}Ethiopia: Ethiopia is not named in World's breakdown of May 2025/,
    );
  });

  it('refuses --kind that would leave out a region named with --region', async () => {
    await expectFailure(
      ['estimate', '--region', 'texas,china', '--kind', 'state'],
      2,
      /--kind state leaves out china \(country\), named with --region/,
    );
  });

  it("refuses a user's region beside Texas in 2026 that has no share, naming it", async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mining-energy-named-'));
    writeFileSync(
      join(dir, 'regions.json'),
      `${JSON.stringify([{ id: 'wyoming', name: 'Wyoming', kind: 'state', parent: 'united-states' }])}\n`,
    );
    await expectFailure(
      ['--data', dir, 'estimate', '--region', 'texas,wyoming', '--year', '2026'],
      2,
      /A region you named cannot be estimated[^\n]*\n {2}wyoming \(2026\) left out: [^\n]*Wyoming/,
    );
    const skipping = await runCli([
      '--data',
      dir,
      'estimate',
      '--region',
      'texas,wyoming',
      '--year',
      '2026',
      '--skip-missing',
      '--json',
    ]);
    expect(JSON.parse(skipping.stdout).map((r: { record: string }) => r.record)).toEqual(['estimate', 'skipped']);
  });
});

describe('estimate --all adds up', () => {
  it("--kind country keeps `other` and the world's unattributed rest, and the table says what that row is", async () => {
    const { code, stdout } = await runCli(['estimate', '--all', '--kind', 'country', '--year', '2024']);
    expect(code).toBe(0);
    for (const line of stdout.split('\n')) expect(line.length).toBeLessThanOrEqual(80);
    expect(stdout).toMatch(/│ Other countries +│/);
    expect(stdout).toMatch(/│ World, unattributed +│/);
    expect(stdout).toMatch(/^World, unattributed: the part of World's total that its breakdown gives to none\n/m);
  });

  it('includes the world in 2023, and its parts add up to it (hand-summed from the shares, to 1e-6 TWh)', async () => {
    const { stdout } = await runCli(['estimate', '--all', '--year', '2023', '--json']);
    const records = JSON.parse(stdout) as {
      record: string;
      region: { id: string; parent: string | null };
      energy?: { twh: number };
      share?: { pct: number | null };
    }[];
    const world = records.find((r) => r.region.id === 'world');
    expect(world?.record).toBe('estimate');
    const parts = records.filter((r) => r.record !== 'skipped' && r.region.parent === 'world');
    const sum = parts.reduce((total, r) => total + (r.energy?.twh ?? 0), 0);
    expect(Math.abs(sum - (world?.energy?.twh ?? Number.NaN))).toBeLessThan(1e-6);
    // The world's rest is 100% less the named countries' and `other`'s shares, of the world's total.
    const named = parts.filter((r) => r.record === 'estimate').reduce((total, r) => total + (r.share?.pct ?? 0), 0);
    // 2023's shares are interpolated between breakdowns that each add up to 100% with `other`, so they do too and
    // no rest is listed; a year whose named shares fall short lists it (2024 below).
    expect(named).toBeCloseTo(100, 6);
    expect(records.find((r) => r.region.id === 'world/unattributed')).toBeUndefined();
    const later = JSON.parse(
      (await runCli(['estimate', '--all', '--year', '2024', '--json'])).stdout,
    ) as typeof records;
    const world2024 = later.find((r) => r.region.id === 'world');
    const named2024 = later
      .filter((r) => r.record === 'estimate' && r.region.parent === 'world')
      .reduce((total, r) => total + (r.share?.pct ?? 0), 0);
    const rest = later.find((r) => r.region.id === 'world/unattributed');
    expect(named2024).toBeLessThan(100);
    expect(rest?.share?.pct).toBeCloseTo(100 - named2024, 6);
    expect(rest?.energy?.twh).toBeCloseTo(((100 - named2024) / 100) * (world2024?.energy?.twh ?? Number.NaN), 6);
  });
});

describe('report and chart take one region', () => {
  it.each([
    [['report', '--region', 'sichuan', '--region', 'china']],
    [['chart', 'shares', '--region', 'sichuan', '--region', 'china']],
  ])('%j is a usage error', async (args) => {
    await expectFailure(
      args,
      2,
      /takes one region, and "sichuan" was already given: run the command once for each region/,
    );
  });

  it('refuses a list, but takes a name with a comma', async () => {
    await expectFailure(
      ['chart', 'shares', '--region', 'sichuan,china'],
      2,
      /--region takes one region, and "sichuan,china" is a list: run the command once for each region \(--region sichuan, --region china\)/,
    );
    const named = await runCli(['chart', 'shares', '--region', 'Iran, Islamic Rep.', '--format', 'vega-lite']);
    expect(named.stderr).not.toMatch(/is a list/);
  });
});

describe('share sources the data call not comparable', () => {
  it('are named once under a table that rests on both', async () => {
    const { code, stderr } = await runCli(
      ['estimate', '--region', 'texas,kentucky,georgia', '--year', '2023', '--explain'],
      WIDE,
    );
    expect(code).toBe(0);
    const said = stderr.match(/not comparable: /g) ?? [];
    expect(said).toHaveLength(1);
    expect(stderr).toContain(
      'warning (mixed-sources): The rows rest on share sources that the data mark as not comparable: cbeci-us-states-2022 (kentucky) and foundry-us-states-2023 (georgia, texas).',
    );
    const short = await runCli(['estimate', '--region', 'texas,kentucky,georgia', '--year', '2023'], WIDE);
    expect(short.stderr.match(/^warning \(mixed-sources\): .*$/gm)).toEqual([
      'warning (mixed-sources): figures from sources that are not comparable are mixed',
    ]);
    const one = await runCli(['estimate', '--region', 'texas,georgia', '--year', '2023', '--explain'], WIDE);
    expect(one.stderr).not.toContain('not comparable:');
  });

  it('are named for --all in every format, streamed or not', async () => {
    for (const format of ['json', 'ndjson', 'csv', 'table']) {
      const { code, stderr } = await runCli(['estimate', '--all', '--year', '2023', '--format', format], WIDE);
      expect(code).toBe(0);
      expect(stderr.match(/^warning \(mixed-sources\): /gm), format).toHaveLength(1);
    }
    const explained = await runCli(['estimate', '--all', '--year', '2023', '--json', '--explain'], WIDE);
    expect(explained.stderr).toMatch(
      /^warning \(mixed-sources\): The rows rest on share sources that the data mark as not comparable: \S+ \([^)]*\) and \S+ \([^)]*\)\./m,
    );
  });
});
