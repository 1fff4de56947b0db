import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { parseCsv } from '../../src/data/csv.js';
import { EstimateDocumentSchema } from '../../src/contract/estimate.js';
import { expectFailure, FIXTURES, runCli, shippedData, WIDE, STACK_FRAME } from '../helpers.js';

const ANSI = new RegExp(String.fromCharCode(27) + '\\[');

describe('estimate', () => {
  it('prints a table for people, warnings on stderr', async () => {
    const { code, stdout, stderr } = await runCli(
      ['estimate', '--region', 'sichuan', '--year', '2024', '--explain'],
      WIDE,
    );
    expect(code).toBe(0);
    expect(stdout).toContain('Sichuan (province in China), 2024');
    // 10% of China (April 2021) × China's share of the world interpolated between January 2022 (21.11%) and May
    // 2025 (13.727%) at mid-2024, 29.5 of 40 months (15.665%) × 136.6227 TWh × 366/321 = 2.440 TWh, 0.2784 GW.
    expect(stdout).toContain('2.44 TWh/yr');
    expect(stdout).toContain('0.2784 GW');
    // Sichuan's share crosses the ban: ± 100% of 10%. China's is 5 months from its May 2025 record (secondhand,
    // 20% a year): 15.665 × 0.2 × 5/12 = ± 1.305 points.
    expect(stdout).toMatch(
      /│ Share +│ 1\.567% of World = 10% of China \(carried from 2021-04, ±10 points, secondhand, before china-ban-2021\) × 15\.67% of World \(interpolated between 2022-01 and 2025-05, ±1\.305 points, secondhand\)/,
    );
    expect(stdout).toMatch(
      /│ Basis +│ 155\.8 TWh \(85\.29–334\.1\): World 2024, series cbeci \(estimate, computed; 321 days to 2024-11-16, annualised\)/,
    );
    // The caveats are the warnings' codes, which stderr says: the table says them only when stderr does not.
    expect(stdout).not.toMatch(/│ Caveats/);
    expect(stdout).toMatch(/reuters-2021-sichuan: /);
    expect(stdout).not.toMatch(ANSI);
    expect(stderr).toContain(
      "warning (pre-break-share): Sichuan's share of China is from April 2021, before China's mining ban of June 2021 (china-ban-2021): it may not hold after it, so it is given the widest uncertainty, and the range shows how little is known after the break.",
    );
    // That warning comes first.
    expect(stderr.startsWith("warning (pre-break-share): Sichuan's share of China is from April 2021, before")).toBe(
      true,
    );
    expect(stderr).toContain('reported by Reuters, citing data compiled by the University of Cambridge');
    expect(stderr).toContain('--series jiang-2021');
    const quiet = await runCli(['estimate', '--region', 'sichuan', '--year', '2024', '-q'], WIDE);
    expect(quiet.stderr).toBe('');
    expect(quiet.stdout).toMatch(/│ Caveats +│ partial-year, secondhand, pre-break-share, stale-share,/);
    expect(quiet.stdout).toMatch(/interpolated-share, approximate/);
  });

  it('--strict-breaks refuses a share applied across a break (exit 2, naming it); without it, the wide range', async () => {
    await expectFailure(
      ['estimate', '--region', 'xinjiang', '--year', '2024', '--strict-breaks'],
      2,
      /Xinjiang's share of China is from April 2020, before the break china-ban-2021 \(China's mining ban, June 2021\), and --strict-breaks refuses/,
    );
    const { code, stdout } = await runCli(['estimate', '--region', 'sichuan', '--json']);
    expect(code).toBe(0);
    const [sichuan] = JSON.parse(stdout);
    expect(sichuan.share.links[0]).toMatchObject({ obtained: 'carried', breaks: ['china-ban-2021'], spreadPct: 10 });
    expect(sichuan.warnings[0]).toMatchObject({ level: 'changes-meaning', code: 'pre-break-share' });
    expect(sichuan.warnings[0].message).toMatch(/before China's mining ban of June 2021 \(china-ban-2021\)/);
    expect(sichuan.energy.lowerTwh).toBeLessThan(0.2 * (sichuan.share.pct / 100) * sichuan.basis.lowerTwh);
  });

  it("names the bottom-up series' own sources by id under it for people, and cites each in the JSON", async () => {
    const data = await shippedData();
    // What the computed series rests on: the two Coin Metrics files of network-inputs.csv and every source the
    // hardware list cites.
    const restsOn = [
      ...new Set(['coinmetrics-daily-2024', 'coinmetrics-daily-2025', ...data.hardware.map((m) => m.source)]),
    ].sort();
    const table = await runCli(['estimate', '--region', 'texas', '--year', '2025'], WIDE);
    expect(table.code).toBe(0);
    expect(table.stdout).toContain(`    rests on ${restsOn.length} sources: ${restsOn.join(', ')} (mining-energy`);
    for (const id of restsOn) expect(table.stdout).not.toMatch(new RegExp(`^  ${id}: `, 'm'));
    expect(table.stdout).toMatch(/^ {2}bottom-up-model: /m);
    expect(table.stdout).toMatch(/^ {2}foundry-us-states-2023: /m);
    const json = JSON.parse((await runCli(['estimate', '--region', 'texas', '--year', '2025', '--json'])).stdout);
    const cited = (json[0].sources as { id: string }[]).map((s) => s.id);
    expect(cited).toEqual(expect.arrayContaining(['bottom-up-model', ...restsOn]));
  });

  it('shows the notes of the shares used that are not already warnings', async () => {
    const { stdout } = await runCli(['estimate', '--region', 'ethiopia', '--year', '2024']);
    expect(stdout).toContain('Notes on the shares used\n  - About 600 MW, 2.5% of global hashrate, in December 2024');
    // A secondhand share's note is in its warning already.
    expect((await runCli(['estimate', '--region', 'texas'])).stdout).not.toContain('Notes on the shares used');
  });

  it('prints the --json contract: an array that validates against the published schema, byte-identical across runs', async () => {
    const first = await runCli([
      'estimate',
      '--region',
      'Szechuan',
      '--year',
      '2024',
      '--series',
      'jiang-2021',
      '--json',
    ]);
    const second = await runCli([
      'estimate',
      '--region',
      'sichuan',
      '--year',
      '2024',
      '--series',
      'jiang-2021',
      '--format',
      'json',
    ]);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(second.stdout);
    const document = JSON.parse(first.stdout);
    expect(EstimateDocumentSchema.safeParse(document).success).toBe(true);
    expect(document).toHaveLength(1);
    expect(document[0].energy.twh).toBe(29.659);
    expect(document[0].power.gw).toBeCloseTo(3.383, 3);
    expect(document[0].basis).toMatchObject({
      series: 'jiang-2021',
      scope: 'china',
      kind: 'projection',
      evidence: 'copy',
    });
    expect(document[0].caveats).toEqual(['projection', 'secondhand', 'pre-break-share', 'stale-share', 'approximate']);
    expect(first.stdout).not.toMatch(/\d\.\d{11,}/);
  });

  it('prints ndjson, one object a line', async () => {
    const { code, stdout } = await runCli([
      'estimate',
      '--region',
      'texas,kentucky',
      '--region',
      'china',
      '--format',
      'ndjson',
    ]);
    expect(code).toBe(0);
    const lines = stdout.trimEnd().split('\n');
    expect(lines.map((line) => JSON.parse(line).region.id)).toEqual(['texas', 'kentucky', 'china']);
  });

  it('prints CSV for --all: the world, each region with share data in regions.json order, then the remainders', async () => {
    const { code, stdout } = await runCli(['estimate', '--all', '--year', '2021', '--format', 'csv']);
    expect(code).toBe(0);
    const rows = stdout.split('\r\n').filter(Boolean);
    // A skipped record's reason comes in after the first row's columns that come before it.
    expect(
      rows[0]?.startsWith('record,region.id,region.name,region.kind,region.parent,year,month,reason,energy.twh'),
    ).toBe(true);
    // The world, 21 regions estimated, 4 left out (Paraguay, the Emirates, Oman and Ethiopia are inside CBECI's
    // remainder in 2021), and the unattributed rest of the world's, China's and the United States' breakdowns.
    expect(rows).toHaveLength(1 + 1 + 21 + 4 + 3);
    expect(rows[1]?.startsWith('estimate,world,World,world,,2021,')).toBe(true);
    expect(rows[2]?.startsWith('estimate,china,China,country,world,2021,')).toBe(true);
    expect(rows.filter((row) => row.startsWith('skipped,')).map((row) => row.split(',')[1])).toEqual([
      'paraguay',
      'united-arab-emirates',
      'oman',
      'ethiopia',
    ]);
    expect(rows.slice(-3).map((row) => row.split(',').slice(0, 2).join(','))).toEqual([
      'remainder,world/unattributed',
      'remainder,china/unattributed',
      'remainder,united-states/unattributed',
    ]);
    const header = rows[0]?.split(',') ?? [];
    for (const column of [
      'basis.approximate',
      'basis.derived',
      'comparison.year',
      'comparison.country',
      'warnings.0.level',
      'warnings.0.code',
      'warnings.0.message',
    ]) {
      expect(header).toContain(column);
    }
    expect(header.indexOf('basis.alternatives.0.series')).toBeGreaterThan(header.indexOf('basis.toYear'));
  });

  it('filters --all by --kind, keeping what completes the regions of that kind to their parent', async () => {
    const { stdout } = await runCli(['estimate', '--all', '--kind', 'province', '--json']);
    expect(JSON.parse(stdout).map((e: { region: { id: string } }) => e.region.id)).toEqual([
      'xinjiang',
      'sichuan',
      'inner-mongolia',
      'yunnan',
      'beijing',
      'china/unattributed',
    ]);
  });

  it('lists in --all the regions it cannot estimate, with why, on stdout and stderr; exit 2 when no total covers the year', async () => {
    const some = await runCli(['estimate', '--all', '--kind', 'country', '--year', '2021', '--json'], WIDE);
    expect(some.code).toBe(0);
    const records = JSON.parse(some.stdout) as { record: string; region: { id: string }; reason?: string }[];
    // Nine countries, four left out, `other` and the world's unattributed rest: together, the world.
    expect(records.map((r) => `${r.record} ${r.region.id}`)).toEqual([
      ...['china', 'united-states', 'kazakhstan', 'russia', 'iran', 'malaysia', 'canada', 'germany', 'ireland'].map(
        (id) => `estimate ${id}`,
      ),
      ...['paraguay', 'united-arab-emirates', 'oman', 'ethiopia'].map((id) => `skipped ${id}`),
      'estimate other',
      'remainder world/unattributed',
    ]);
    expect(records.find((r) => r.region.id === 'paraguay')?.reason).toMatch(
      /^Paraguay is not named in World's breakdown of January 2021/,
    );
    // By default a line naming the regions left out (three, then how many more); --explain says why, each.
    expect(some.stderr).toContain(
      'warning (region-skipped): a region could not be estimated and is left out (Paraguay, United Arab Emirates, Oman and 1 more)',
    );
    expect(some.stderr).not.toContain('Paraguay is not named');
    const explained = await runCli(
      ['estimate', '--all', '--kind', 'country', '--year', '2021', '--json', '--explain'],
      WIDE,
    );
    expect(explained.stderr).toContain(
      "warning (region-skipped): paraguay (2021) left out: Paraguay is not named in World's breakdown of January 2021, the whole breakdown nearest 2021: its hashrate is inside that breakdown's remainder",
    );
    expect(explained.stderr.match(/^warning \(region-skipped\): /gm)).toHaveLength(4);
    const none = await runCli(['estimate', '--all', '--kind', 'state', '--year', '2030', '--json']);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
  });

  it('--all --year 2024 rests every row on a measured total, never on the projection, and says what each rests on', async () => {
    const { code, stdout } = await runCli(['estimate', '--all', '--year', '2024', '--format', 'csv']);
    expect(code).toBe(0);
    const [header, ...records] = parseCsv(stdout).map((record) => record.cells);
    const column = (name: string) => (header ?? []).indexOf(name);
    const rows = records.filter((row) => row[column('record')] === 'estimate');
    // The world and 20 regions: Iran, Malaysia, Germany, Ireland and the Emirates are inside May 2025's remainder,
    // nearer 2024 than their own last shares, and are left out (each with a record saying so).
    expect(rows.map((row) => row[column('region.id')])).not.toContain('germany');
    expect(rows).toHaveLength(21);
    expect(
      records.filter((row) => row[column('record')] === 'skipped').map((row) => row[column('region.id')]),
    ).toContain('germany');
    for (const row of rows) {
      expect(row[column('basis.series')]).toBe('cbeci');
      expect(row[column('basis.kind')]).toBe('estimate');
      expect(row[column('basis.coverage')]).toBe('partial-year');
      const caveats = (header ?? []).flatMap((name, i) => (name.startsWith('caveats.') ? [row[i]] : []));
      expect(caveats).toContain('partial-year');
    }
    const china = rows.find((row) => row[column('region.id')] === 'china') ?? [];
    // China's share interpolated between January 2022 (21.11%) and May 2025 (13.727%), 29.5 of 40 months.
    const chinaPct = 21.11 + (13.727 - 21.11) * (29.5 / 40);
    expect(Number(china[column('energy.twh')])).toBeCloseTo(((chinaPct / 100) * 136.6227 * 366) / 321, 6);
    expect((await runCli(['estimate', '--all', '--year', '2024', '--series', 'jiang-2021', '--json'])).stdout).toMatch(
      /"kind": "projection"/,
    );
  });

  it.each([
    [['estimate', '--region', 'sichwan'], /Unknown region "sichwan". Did you mean "sichuan"\?/],
    [['estimate', '--region', 'sichuan', '--month', '2021-13'], /argument '2021-13' is invalid/],
    [['estimate', '--region', 'sichuan', '--year', 'abc'], /argument 'abc' is invalid/],
    [['estimate', '--region', 'sichuan', '--year', '2021', '--month', '2021-04'], /Give --year or --month, not both\./],
    [
      ['estimate', '--region', 'sichuan', '--year', '2030'],
      /No network total \(published, computed here or read on one day\) covers 2030 for Sichuan\. Series available: jiang-2021 \(China, projection\): 2024; cbeci \(World, estimate\): 2010–2024 \(2010: 167 days; 2024: 321 days\)/,
    ],
    [['estimate'], /Name a region with --region/],
    [['estimate', '--region', 'sichuan', '--frobnicate'], /unknown option '--frobnicate'/],
    [['estimate', '--region', 'sichuan', '--json', '--format', 'csv'], /cannot be used with option '--format/],
    [['estimate', '--region', 'sichuan', '--series', 'cbeci-v2'], /Unknown series "cbeci-v2"/],
    [['estimate', '--region', 'sichuan', '--baseline', 'cia-2017'], /Unknown baseline "cia-2017"/],
    [['estimat', '--region', 'sichuan'], /Did you mean estimate\?/],
    [
      ['--data', join(FIXTURES, 'ambiguous'), 'estimate', '--region', 'Georgia'],
      /"Georgia" is ambiguous: it could be "georgia" \(state in United States, US-GA\) or "georgia-country" \(country in World, GEO\)\. Use the id or the ISO code\./,
    ],
  ])('exits 2 on %j, with nothing on stdout', async (args, message) => await expectFailure(args, 2, message));

  it.each([
    [['--data', join(FIXTURES, 'nope'), 'estimate', '--region', 'sichuan'], /Data directory .* does not exist/],
    [
      ['--data', join(FIXTURES, 'invalid'), 'estimate', '--region', 'sichuan', '--json'],
      /record 2 \("yunnan" 2021-04\) → sharePct/,
    ],
    [['--data', join(FIXTURES, 'bad-json'), 'estimate', '--region', 'sichuan'], /line 3, column 1 → not valid JSON/],
  ])(
    'exits 1 on bad data %j, listing the problem, with nothing on stdout',
    async (args, message) => await expectFailure(args, 1, message),
  );

  it('prints a stack trace only with --debug', async () => {
    const { stderr } = await runCli(['--debug', '--data', join(FIXTURES, 'nope'), 'estimate', '--region', 'sichuan']);
    expect(stderr).toMatch(STACK_FRAME);
  });

  it('uses a merged user directory with --data', async () => {
    const { stdout } = await runCli([
      '--data',
      join(FIXTURES, 'overlay'),
      'estimate',
      '--region',
      'hainan',
      '--year',
      '2024',
      '--series',
      'jiang-2021',
      '--json',
    ]);
    expect(JSON.parse(stdout)[0].energy.twh).toBeCloseTo(0.015 * 296.59, 9);
  });

  it('colours only when asked: FORCE_COLOR off a TTY, never with NO_COLOR or --no-color', async () => {
    expect(
      (await runCli(['estimate', '--region', 'sichuan'], { NO_COLOR: undefined, FORCE_COLOR: '1' })).stdout,
    ).toMatch(ANSI);
    expect(
      (await runCli(['estimate', '--region', 'sichuan', '--no-color'], { NO_COLOR: undefined, FORCE_COLOR: '1' }))
        .stdout,
    ).not.toMatch(ANSI);
    expect((await runCli(['estimate', '--region', 'sichuan'], { NO_COLOR: '1', FORCE_COLOR: '1' })).stdout).not.toMatch(
      ANSI,
    );
    expect((await runCli(['estimate', '--region', 'sichuan'], { NO_COLOR: undefined })).stdout).not.toMatch(ANSI);
  });
});

describe('estimate --carbon-bracket', () => {
  it('adds the hydro-to-coal range, defaulting to 24 and 820 g/kWh', async () => {
    const { code, stdout } = await runCli([
      'estimate',
      '--region',
      'china',
      '--year',
      '2021',
      '--series',
      'cbeci-v1',
      '--carbon-bracket',
      '--json',
    ]);
    expect(code).toBe(0);
    const [china] = JSON.parse(stdout);
    expect(china.carbon.bracket.lowGco2PerKwh).toBe(24);
    expect(china.carbon.bracket.lowMtco2).toBeCloseTo((china.energy.lowerTwh * 24) / 1000, 6);
    expect(china.carbon.bracket.highMtco2).toBeCloseTo((china.energy.upperTwh * 820) / 1000, 6);
  });

  it('refuses a bracket whose low is not below its high', async () => {
    const { code, stderr } = await runCli(['estimate', '--region', 'china', '--carbon-bracket', '900,800']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/low < high/);
  });
});

describe('estimate --uncertainty', () => {
  it('adds percentiles, reproducible byte for byte with the same seed, valid against the schema', async () => {
    const { EstimateDocumentSchema } = await import('../../src/contract/estimate.js');
    const args = ['estimate', '--region', 'sichuan', '--uncertainty', '10000', '--seed', '7', '--json'];
    const first = await runCli(args);
    expect(first.code).toBe(0);
    expect((await runCli(args)).stdout).toBe(first.stdout);
    const [sichuan] = JSON.parse(first.stdout);
    expect(EstimateDocumentSchema.safeParse([sichuan]).success).toBe(true);
    expect(sichuan.energy.p5).toBeLessThan(sichuan.energy.p50);
    expect(sichuan.energy.p50).toBeLessThan(sichuan.energy.p95);
    expect(sichuan.carbon.p5).toBeLessThan(sichuan.carbon.p95);
    expect(sichuan.uncertainty).toEqual({
      samples: 10000,
      seed: 7,
      basisSpread: 0.2,
      shareSpreadPct: 1,
      intensitySpread: 0.1,
      breakSpread: 1,
    });
    expect(
      (await runCli(['estimate', '--region', 'sichuan', '--uncertainty', '10000', '--seed', '8', '--json'])).stdout,
    ).not.toBe(first.stdout);
  });

  it('states the spreads in the table without float noise', async () => {
    const { stdout } = await runCli(
      [
        'estimate',
        '--region',
        'sichuan',
        '--uncertainty',
        '1000',
        '--seed',
        '7',
        '--basis-spread',
        '0.29',
        '--intensity-spread',
        '0.07',
      ],
      WIDE,
    );
    expect(stdout).toContain(
      '1000 samples, seed 7; basis ±29% without bounds, approximate shares ±1 points, shares ±10% a year from their records (20% secondhand or approximate), across a break ±100%, intensity ±7%',
    );
  });

  it.each([
    [['estimate', '--region', 'sichuan', '--uncertainty', '0'], /from 1 to 10,000,000/],
    [['estimate', '--region', 'sichuan', '--seed', '7'], /go with --uncertainty/],
    [['estimate', '--region', 'sichuan', '--uncertainty', '100', '--basis-spread', '2'], /argument '2' is invalid/],
  ])('exits 2 on %j', async (args, message) => await expectFailure(args, 2, message));
});
