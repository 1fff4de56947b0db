import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PUBLISHED_SCHEMAS, publishedJsonSchema } from '../../src/contract/estimate.js';
import { COMMAND_NAMES } from '../../src/cli/main.js';
import {
  NetworkDocumentSchema,
  NetworkSeriesDocumentSchema,
  ScenarioDocumentSchema,
} from '../../src/contract/models.js';
import { expectFailure, FIXTURES, ROOT, runCli, SHIPPED_SERIES, WIDE } from '../helpers.js';

describe('compare', () => {
  it('ranks a figure among a baseline with its neighbours, the figure marked', async () => {
    const { code, stdout } = await runCli(['compare', '296.59', '--baseline', 'cia-2016', '--around', '2']);
    expect(code).toBe(0);
    expect(stdout).toMatchInlineSnapshot(`
      "296.59 TWh would rank 12th among the 215 countries of cia-2016 (CIA World
        Factbook electricity consumption, 2016 est.; consumption, 2016).
      ┌──────┬────────────────┬───────┬────────────────────────────────┐
      │ Rank │ Country        │   TWh │                                │
      │   10 │ France         │ 450.8 │ ██████████████████████████████ │
      │   11 │ United Kingdom │ 309.2 │ ████████████████████▋          │
      │   12 │ ▶ 296.59 TWh   │ 296.6 │ ███████████████████▊           │
      │   13 │ Saudi Arabia   │ 296.2 │ ███████████████████▊           │
      │   14 │ Italy          │ 293.5 │ ███████████████████▌           │
      └──────┴────────────────┴───────┴────────────────────────────────┘
      "
    `);
  });

  it('prints the JSON shape for a region estimate, ranks counted with the value inserted', async () => {
    const { code, stdout } = await runCli([
      'compare',
      '--region',
      'sichuan',
      '--year',
      '2024',
      '--series',
      'jiang-2021',
      '--baseline',
      'cia-2016',
      '--around',
      '1',
      '--json',
    ]);
    expect(code).toBe(0);
    expect(JSON.parse(stdout)).toEqual({
      value: {
        label: 'Sichuan 2024',
        twh: 29.659,
        evidence: 'secondhand',
        caveats: ['projection', 'secondhand', 'pre-break-share', 'stale-share', 'approximate'],
      },
      rank: 63,
      count: 215,
      baseline: {
        id: 'cia-2016',
        name: 'CIA World Factbook electricity consumption, 2016 est.',
        measure: 'consumption',
        year: 2016,
      },
      neighbours: [
        // the list's figures are all for its year, 2016; the ranked figure has none
        { rank: 62, country: 'Serbia', iso3: 'SRB', twh: 29.81, year: 2016, self: false },
        { rank: 63, country: 'Sichuan 2024', iso3: null, twh: 29.659, year: null, self: true },
        { rank: 64, country: 'Oman', iso3: 'OMN', twh: 28.92, year: 2016, self: false },
      ],
    });
  });

  it.each([
    [['compare'], /either a figure in TWh or --region/],
    [['compare', '5', '--region', 'sichuan'], /either a figure in TWh or --region/],
    [['compare', '-5'], /is invalid for argument 'twh'/],
    [['compare', 'abc'], /is invalid for argument 'twh'/],
    [['compare', '5', '--year', '2021'], /go with --region/],
    [['compare', '5', '--baseline', 'nope'], /Unknown baseline "nope"/],
  ])('exits 2 on %j', async (args, message) => await expectFailure(args, 2, message));
});

describe('shares', () => {
  it("lists China's 29 months with a sparkline", async () => {
    const { code, stdout } = await runCli(['shares', '--region', 'china'], WIDE);
    expect(code).toBe(0);
    expect(stdout).toMatch(/China: share of World's hashrate, 2019-09 to 2025-10 {2}[▁▂▃▄▅▆▇█]{32}\n/);
    // China's parent is the world: one percentage column, not two equal ones.
    expect(stdout).toMatch(/│ Month +│ % of World │ Evidence +│ Source +│/);
    expect(stdout).toMatch(/│ 2021-07 │ +0 │ copy +│ cbeci-mining-map +│/);
    expect(stdout).toMatch(/│ 2025-10 │ +14 ≈ │ secondhand │ hashrateindex-2025-10 +│/);
  });

  it('gives the share of the world where every link has the same month', async () => {
    const { stdout } = await runCli(['shares', '--region', 'sichuan', '--json']);
    const { months, of } = JSON.parse(stdout);
    expect(of).toBe('china');
    expect(months[0]).toMatchObject({
      month: '2020-04',
      pct: 9.66,
      source: 'cbeci-provinces-2020',
      evidence: 'secondhand',
    });
    expect(months[0].worldPct).toBeCloseTo(9.66 * 0.6481, 9);
    expect(months[1]).toMatchObject({ month: '2021-04', pct: 10, approximate: true });
    expect(months[1].worldPct).toBeCloseTo(10 * 0.4604, 9);
    expect(months[1].worldObtained).toBe('recorded');
  });

  it("gives a month's share of the world with its parent's share by the share model, and says how", async () => {
    const { stdout } = await runCli(['shares', '--region', 'georgia', '--json']);
    const { months } = JSON.parse(stdout);
    // July 2023: Georgia's 9.64% of the United States × the United States' share interpolated between January
    // 2022 (37.84%) and May 2025 (36.025%), 18 of the 40 months on: 37.84 − 1.815 × 18/40 = 37.02325%.
    expect(months[1]).toMatchObject({ month: '2023-07', pct: 9.64, worldObtained: 'interpolated' });
    expect(months[1].worldPct).toBeCloseTo(9.64 * 0.3702325, 9);
    const table = await runCli(['shares', '--region', 'georgia'], WIDE);
    expect(table.stdout).toMatch(/│ 2023-07 │ +9\.64 │ +3\.569 i │/);
    expect(table.stdout).toContain('interpolated between records (i) or carried from the nearest (c)');
  });

  it('limits to --from/--to and refuses an empty or reversed range', async () => {
    const { stdout } = await runCli(['shares', '--region', 'usa', '--from', '2021-01', '--to', '2021-03', '--json']);
    expect(JSON.parse(stdout).months.map((m: { month: string }) => m.month)).toEqual(['2021-01', '2021-02', '2021-03']);
    expect((await runCli(['shares', '--region', 'china', '--from', '2021-05', '--to', '2021-01'])).code).toBe(2);
    expect((await runCli(['shares', '--region', 'china', '--from', '2026-01'], WIDE)).stderr).toMatch(
      /recorded months: 2019-09 to 2025-10/,
    );
    expect((await runCli(['shares', '--region', 'world'])).code).toBe(2);
  });

  it('shows a named dataset only when asked, and refuses an unknown one', async () => {
    const survey = JSON.parse(
      (await runCli(['shares', '--region', 'usa', '--dataset', 'cdmir-survey-2024', '--json'])).stdout,
    );
    expect(survey).toMatchObject({ dataset: 'cdmir-survey-2024', months: [{ month: '2024-12', pct: 75.4 }] });
    const plain = JSON.parse((await runCli(['shares', '--region', 'usa', '--json'])).stdout);
    expect(plain.months.map((m: { month: string }) => m.month)).not.toContain('2024-12');
    await expectFailure(['shares', '--region', 'usa', '--dataset', 'nope'], 2, /Unknown share dataset "nope"/);
    await expectFailure(
      ['shares', '--region', 'texas', '--dataset', 'cdmir-survey-2024'],
      2,
      /No hashrate share is recorded for Texas in the cdmir-survey-2024 dataset\./,
    );
  });
});

describe('lists', () => {
  it('regions, sources and datasets print JSON', async () => {
    const regions = JSON.parse((await runCli(['regions', '--json'])).stdout);
    expect(regions.find((r: { id: string }) => r.id === 'sichuan')).toMatchObject({
      parent: 'china',
      iso: 'CN-SC',
      shareMonths: ['2020-04', '2021-04'],
    });
    const sources = JSON.parse((await runCli(['sources', '--json'])).stdout);
    expect(sources.find((s: { id: string }) => s.id === 'foundry-us-states-2023')).toMatchObject({
      evidence: 'secondhand',
      reportedBy: expect.stringMatching(/Decrypt/),
    });
    const datasets = JSON.parse((await runCli(['datasets', '--json'])).stdout);
    expect(datasets.series.map((s: { id: string }) => s.id)).toEqual([...SHIPPED_SERIES, 'bottom-up']);
    expect(datasets.series.at(-1)).toMatchObject({
      computed: true,
      source: 'bottom-up-model',
      coverage: '2010–2025 (2010: 167 days; 2025: 363 days)',
      sources: expect.arrayContaining([
        'bottom-up-model',
        'coinmetrics-daily-2024',
        'coinmetrics-daily-2025',
        'cbeci-hardware-2020',
      ]),
    });
    expect(datasets.series[0]).toMatchObject({ coverage: '2010–2024 (2010: 167 days; 2024: 321 days)' });
    expect(datasets.shareDatasets).toEqual([
      expect.objectContaining({ id: 'cdmir-survey-2024', months: ['2024-12'], evidence: 'secondhand' }),
    ]);
    expect(datasets.events.map((e: { id: string }) => e.id)).toEqual([
      'china-ban-2021',
      'kazakhstan-power-2022',
      'beijing-clause18',
    ]);
    expect(datasets.baselines[0]).toMatchObject({ id: 'eia-2019', measure: 'consumption', countries: 215 });
  });

  it('print tables for people', async () => {
    expect((await runCli(['regions'], WIDE)).stdout).toMatch(
      /│ inner-mongolia +│ Inner Mongolia +│ province │ china +│ CN-NM │/,
    );
    expect((await runCli(['sources'])).stdout).toMatch(/licence: CC BY 4\.0/);
    expect((await runCli(['sources'])).stdout).toMatch(/^cdmir-2025 \(secondhand, reported by Fox Business/m);
    expect((await runCli(['datasets'], WIDE)).stdout).toMatch(
      /│ jiang-2021 +│ china +│ projection │ 2024 +│ no +│ copy +│ jiang-2021 +│/,
    );
  });
});

describe('claims', () => {
  it('prints each claim with the figure and verdict, and exits 0 whatever the verdicts', async () => {
    const { code, stdout } = await runCli(['claims']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/CONTRADICTED {2}reuters-2021-sichuan\/china-over-half-april-2021/);
    expect(stdout).toMatch(/13 claims: 6 reproduced, 4 contradicted, 3 not checkable\./);
  });

  it('prints JSON', async () => {
    const results = JSON.parse((await runCli(['claims', '--json'])).stdout);
    expect(results).toHaveLength(13);
    expect(Object.keys(results[0])).toEqual(['document', 'id', 'claim', 'figure', 'verdict', 'note']);
  });
});

describe('data check', () => {
  it('accepts a valid directory merged over the shipped data', async () => {
    const { code, stdout } = await runCli(['data', 'check', join(FIXTURES, 'overlay')], WIDE);
    expect(code).toBe(0);
    const shippedSources = JSON.parse(readFileSync(join(ROOT, 'data', 'sources.json'), 'utf8')).length;
    expect(stdout).toMatch(
      new RegExp(
        `^ok: .* is valid merged over the shipped data \\(${shippedSources + 1} in sources\\.json, 28 in regions\\.json`,
      ),
    );
  });

  it('lists every problem and exits 1', async () => {
    const { code, stdout, stderr } = await runCli(['data', 'check', join(FIXTURES, 'invalid')]);
    expect(code).toBe(1);
    expect(stdout).toBe('');
    expect(stderr.match(/→ record \d/g)).toHaveLength(4);
  });

  it('accepts the shipped directory on its own', async () => {
    expect((await runCli(['--no-default-data', 'data', 'check', join(ROOT, 'data')])).code).toBe(0);
  });
});

describe('help and version', () => {
  it('prints the version only', async () => {
    const { version } = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
    expect((await runCli(['--version'])).stdout).toBe(`${version}\n`);
    expect((await runCli(['-V'])).code).toBe(0);
  });

  it('leads every command with examples and lists the exit codes', async () => {
    const top = await runCli(['--help']);
    expect(top.code).toBe(0);
    expect(top.stdout).toMatch(/Exit codes:\n {2}0 {2}success/);
    for (const command of ['estimate', 'compare', 'shares', 'regions', 'sources', 'datasets', 'claims']) {
      const { code, stdout } = await runCli([command, '--help']);
      expect(code).toBe(0);
      expect(stdout).toMatch(/Examples:\n {2}\$ mining-energy /);
    }
    expect((await runCli(['estimate', '--help'])).stdout).toMatch(/add up one --kind only/);
  });
});

describe('the published schemas', () => {
  it.each(Object.keys(PUBLISHED_SCHEMAS))('docs/%s is generated from its zod schema (npm run schema)', (file) => {
    const published = JSON.parse(readFileSync(join(ROOT, 'docs', file), 'utf8'));
    expect(published).toEqual(publishedJsonSchema(file));
  });

  it.each([
    [
      NetworkDocumentSchema,
      ['network', '--hashrate', '180', '--revenue', '40e6', '--price', '0.08', '--date', '2022-01-01', '--json'],
    ],
    [NetworkDocumentSchema, ['network', '--method', 'top-down', '--revenue-year', '1e10', '--json']],
    [NetworkSeriesDocumentSchema, ['network', '--input', join(FIXTURES, 'series', 'revenue.ndjson'), '--json']],
    [
      ScenarioDocumentSchema,
      ['scenario', '--ban', 'china', '--year', '2021', '--uncertainty', '100', '--seed', '1', '--json'],
    ],
  ] as const)('real output validates (%#)', async (schema, args) => {
    const { code, stdout } = await runCli(args);
    expect(code).toBe(0);
    const result = schema.safeParse(JSON.parse(stdout));
    expect(result.error?.issues ?? []).toEqual([]);
  });
});

describe('command registration', async () => {
  const { requestedCommand } = await import('../../src/cli/main.js');
  it.each([
    [['node', 'bin', 'estimate', '--region', 'x'], 'estimate'],
    [['node', 'bin', '--data', 'estimate', 'network'], 'network'],
    [['node', 'bin', '--no-color', 'data', 'check', 'dir'], 'data'],
    [['node', 'bin', 'help', 'estimate'], undefined],
    [['node', 'bin', 'estimat'], undefined],
    [['node', 'bin', '--version'], undefined],
  ])('%j runs %s', (argv, command) => {
    expect(requestedCommand(argv)).toBe(command);
  });

  it('still lists every command in help, and helps with one', async () => {
    const top = (await runCli(['--help'])).stdout;
    expect(COMMAND_NAMES).toEqual(expect.arrayContaining(['estimate', 'report', 'chart', 'data']));
    for (const name of COMMAND_NAMES) {
      expect(top).toMatch(new RegExp(`\\n  ${name} `));
    }
    expect((await runCli(['help', 'scenario'])).stdout).toMatch(/--redistribute/);
  });
});
