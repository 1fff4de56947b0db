import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { EstimateDocumentSchema } from '../../src/format/estimate-schema.js';
import { BIN, expectFailure, FIXTURES, ROOT, runCli } from '../helpers.js';

const ANSI = new RegExp(String.fromCharCode(27) + '\\[');

describe('estimate', () => {
  it('prints a table for people, warnings on stderr', () => {
    const { code, stdout, stderr } = runCli(['estimate', '--region', 'sichuan']);
    expect(code).toBe(0);
    expect(stdout).toContain('Sichuan (province in China), 2022');
    expect(stdout).toContain('2.017 TWh/yr');
    expect(stdout).toContain('0.2301 GW');
    expect(stdout).toMatch(/reuters-2021-sichuan: /);
    expect(stdout).not.toMatch(ANSI);
    expect(stderr).toContain("warning: Sichuan's share of China is from 2021-04, 9 months before 2022.");
    expect(stderr).toContain('--year 2024');
  });

  it('shows the notes of the shares used that are not already warnings', () => {
    const { stdout } = runCli(['estimate', '--region', 'texas']);
    expect(stdout).toContain(
      'Notes on the shares used\n  - Share of US hashrate, published as the average over September 2021 to January 2022',
    );
  });

  it('prints the --json contract: an array that validates against the published schema, byte-identical across runs', () => {
    const first = runCli(['estimate', '--region', 'Szechuan', '--year', '2024', '--json']);
    const second = runCli(['estimate', '--region', 'sichuan', '--year', '2024', '--format', 'json']);
    expect(first.code).toBe(0);
    expect(first.stderr).toBe('');
    expect(first.stdout).toBe(second.stdout);
    const document = JSON.parse(first.stdout);
    expect(EstimateDocumentSchema.safeParse(document).success).toBe(true);
    expect(document).toHaveLength(1);
    expect(document[0].energy.twh).toBe(29.659);
    expect(document[0].power.gw).toBeCloseTo(3.383, 3);
    expect(document[0].basis).toMatchObject({ series: 'jiang-2021', scope: 'china', kind: 'projection' });
    expect(first.stdout).not.toMatch(/\d\.\d{11,}/);
  });

  it('prints ndjson, one object a line', () => {
    const { code, stdout } = runCli([
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

  it('prints CSV for --all, one row per region with share data, in regions.json order', () => {
    const { code, stdout } = runCli(['estimate', '--all', '--year', '2021', '--format', 'csv']);
    expect(code).toBe(0);
    const rows = stdout.split('\r\n').filter(Boolean);
    expect(rows[0]?.startsWith('region.id,region.name,region.kind,region.parent,year,month,energy.twh')).toBe(true);
    expect(rows).toHaveLength(21);
    expect(rows[1]?.startsWith('china,China,country,world,2021,')).toBe(true);
    expect(rows.at(-1)?.startsWith('california,')).toBe(true);
  });

  it('filters --all by --kind', () => {
    const { stdout } = runCli(['estimate', '--all', '--kind', 'province', '--json']);
    expect(JSON.parse(stdout).map((e: { region: { id: string } }) => e.region.id)).toEqual([
      'xinjiang',
      'sichuan',
      'inner-mongolia',
      'yunnan',
      'beijing',
    ]);
  });

  it('leaves out, with a warning, regions no series covers; exit 2 only when none is left', () => {
    const some = runCli(['estimate', '--all', '--year', '2024', '--json']);
    expect(some.code).toBe(0);
    expect(JSON.parse(some.stdout).map((e: { region: { id: string } }) => e.region.id)).toEqual([
      'china',
      'xinjiang',
      'sichuan',
      'inner-mongolia',
      'yunnan',
      'beijing',
    ]);
    expect(some.stderr).toContain(
      'warning: united-states left out: No network-energy series covers 2024 for United States.',
    );
    const none = runCli(['estimate', '--all', '--kind', 'state', '--year', '2024', '--json']);
    expect(none.code).toBe(2);
    expect(none.stdout).toBe('');
  });

  it.each([
    [['estimate', '--region', 'sichwan'], /Unknown region "sichwan". Did you mean "sichuan"\?/],
    [['estimate', '--region', 'sichuan', '--month', '2021-13'], /argument '2021-13' is invalid/],
    [['estimate', '--region', 'sichuan', '--year', 'abc'], /argument 'abc' is invalid/],
    [['estimate', '--region', 'sichuan', '--year', '2021', '--month', '2021-04'], /cannot be used with option '--year/],
    [
      ['estimate', '--region', 'sichuan', '--year', '2030'],
      /No network-energy series covers 2030 for Sichuan. Years available: 2024 \(jiang-2021\), 2016–2022 \(cbeci\), 2016–2021 \(cbeci-v1\)/,
    ],
    [['estimate'], /Name a region with --region/],
    [['estimate', '--region', 'sichuan', '--frobnicate'], /unknown option '--frobnicate'/],
    [['estimate', '--region', 'sichuan', '--json', '--format', 'csv'], /cannot be used with option '--format/],
    [['estimate', '--region', 'sichuan', '--series', 'cbeci-v2'], /Unknown series "cbeci-v2"/],
    [['estimate', '--region', 'sichuan', '--baseline', 'cia-2017'], /Unknown baseline "cia-2017"/],
    [['estimat', '--region', 'sichuan'], /Did you mean estimate\?/],
    [
      ['--data', join(FIXTURES, 'ambiguous'), 'estimate', '--region', 'Georgia'],
      /"Georgia" is ambiguous: it could be "georgia" \(state in United States\) or "georgia-country" \(country in World\)/,
    ],
  ])('exits 2 on %j, with nothing on stdout', (args, message) => expectFailure(args, 2, message));

  it.each([
    [['--data', join(FIXTURES, 'nope'), 'estimate', '--region', 'sichuan'], /Data directory .* does not exist/],
    [
      ['--data', join(FIXTURES, 'invalid'), 'estimate', '--region', 'sichuan', '--json'],
      /record 2 \("yunnan" 2021-04\) → sharePct/,
    ],
    [['--data', join(FIXTURES, 'bad-json'), 'estimate', '--region', 'sichuan'], /line 3, column 1 → not valid JSON/],
  ])('exits 1 on bad data %j, listing the problem, with nothing on stdout', (args, message) =>
    expectFailure(args, 1, message),
  );

  it('prints a stack trace only with --debug', () => {
    const { stderr } = runCli(['--debug', '--data', join(FIXTURES, 'nope'), 'estimate', '--region', 'sichuan']);
    expect(stderr).toMatch(/\n\s+at /);
  });

  it('uses a merged user directory with --data', () => {
    const { stdout } = runCli([
      '--data',
      join(FIXTURES, 'overlay'),
      'estimate',
      '--region',
      'hainan',
      '--year',
      '2024',
      '--json',
    ]);
    expect(JSON.parse(stdout)[0].energy.twh).toBeCloseTo(0.015 * 296.59, 9);
  });

  it('ends quietly when the reader leaves early (| head -1)', () => {
    const result = spawnSync(
      'bash',
      ['-c', `set -o pipefail; NO_COLOR=1 node ${BIN} estimate --all --format ndjson | head -1`],
      { cwd: ROOT, encoding: 'utf8' },
    );
    expect(result.status).toBe(0);
    expect(result.stderr).toBe('');
    expect(result.stdout.split('\n').filter(Boolean)).toHaveLength(1);
  });

  it('colours only when asked: FORCE_COLOR off a TTY, never with NO_COLOR or --no-color', () => {
    expect(runCli(['estimate', '--region', 'sichuan'], { NO_COLOR: undefined, FORCE_COLOR: '1' }).stdout).toMatch(ANSI);
    expect(
      runCli(['estimate', '--region', 'sichuan', '--no-color'], { NO_COLOR: undefined, FORCE_COLOR: '1' }).stdout,
    ).not.toMatch(ANSI);
    expect(runCli(['estimate', '--region', 'sichuan'], { NO_COLOR: '1', FORCE_COLOR: '1' }).stdout).not.toMatch(ANSI);
    expect(runCli(['estimate', '--region', 'sichuan'], { NO_COLOR: undefined }).stdout).not.toMatch(ANSI);
  });
});

describe('estimate --carbon-bracket', () => {
  it('adds the hydro-to-coal range, defaulting to 24 and 820 g/kWh', () => {
    const { code, stdout } = runCli([
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

  it('refuses a bracket whose low is not below its high', () => {
    const { code, stderr } = runCli(['estimate', '--region', 'china', '--carbon-bracket', '900,800']);
    expect(code).toBe(2);
    expect(stderr).toMatch(/low < high/);
  });
});

describe('estimate --uncertainty', () => {
  it('adds percentiles, reproducible byte for byte with the same seed, valid against the schema', async () => {
    const { EstimateDocumentSchema } = await import('../../src/format/estimate-schema.js');
    const args = ['estimate', '--region', 'sichuan', '--uncertainty', '10000', '--seed', '7', '--json'];
    const first = runCli(args);
    expect(first.code).toBe(0);
    expect(runCli(args).stdout).toBe(first.stdout);
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
    });
    expect(
      runCli(['estimate', '--region', 'sichuan', '--uncertainty', '10000', '--seed', '8', '--json']).stdout,
    ).not.toBe(first.stdout);
  });

  it.each([
    [['estimate', '--region', 'sichuan', '--uncertainty', '0'], /from 1 to 10000000/],
    [['estimate', '--region', 'sichuan', '--seed', '7'], /go with --uncertainty/],
    [['estimate', '--region', 'sichuan', '--uncertainty', '100', '--basis-spread', '2'], /argument '2' is invalid/],
  ])('exits 2 on %j', (args, message) => expectFailure(args, 2, message));
});
