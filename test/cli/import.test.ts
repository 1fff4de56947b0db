import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { HashrateShare, NetworkSeries, Source } from '../../src/data/schemas.js';
import { expectFailure, FIXTURES, runCli as runAtWidth, type RunResult, SHIPPED_DATA, WIDE } from '../helpers.js';

/** The messages checked here are checked for what they say, so nothing wraps. */
const runCli = (args: readonly string[]) => runAtWidth(args, WIDE);

const CBECI_EXPORT = join(FIXTURES, 'import', 'cbeci_revised_daily_export_2010-07-18_2024-11-16.csv');
const MINING_MAP = join(FIXTURES, 'import', 'cbeci_mining_countries_2019-09_2022-01.csv');
const COIN_METRICS = join(FIXTURES, 'import', 'coinmetrics_btc_daily_hashrate_revenue_2010-07-18_2024-11-16.csv');
const COIN_METRICS_2025 = join(FIXTURES, 'import', 'coinmetrics_btc_daily_2024-11-16_2025-12-29.csv');

const scratch = mkdtempSync(join(tmpdir(), 'mining-energy-import-'));
afterAll(() => rmSync(scratch, { recursive: true, force: true }));
let count = 0;
/** A fresh directory path (not created) in the scratch space. */
const freshDir = () => join(scratch, `dir-${++count}`);
/** A file in the scratch space with the given text. */
function scratchFile(name: string, text: string): string {
  const dir = freshDir();
  mkdirSync(dir);
  writeFileSync(join(dir, name), text);
  return join(dir, name);
}
const readJson = <T>(path: string) => JSON.parse(readFileSync(path, 'utf8')) as T;
/** Every file in a directory with its text: to check that a failed import changed nothing. */
const snapshot = (dir: string) =>
  Object.fromEntries(readdirSync(dir).map((name) => [name, readFileSync(join(dir, name), 'utf8')]));

const CBECI_NOTE = 'Average electricity cost assumption: 0.05 USD/kWh,,,,,,,';
const CBECI_HEADER = 'Timestamp,Date and Time,"power MAX, GW","power MIN, GW","power GUESS, GW"';
/** A small CBECI export: `days` days from `from`, at 2, 0.5 and 1 GW. */
function cbeciExport(from: string, days: number): string {
  const start = Date.parse(`${from}T00:00:00Z`) / 1000;
  const rows = Array.from({ length: days }, (_, i) => {
    const seconds = start + i * 86_400;
    return `${seconds},${new Date(seconds * 1000).toISOString().slice(0, 19)},2,0.5,1`;
  });
  return `${[CBECI_NOTE, CBECI_HEADER, ...rows].join('\r\n')}\r\n`;
}

describe('data import: the shipped data, imported again from the same files', () => {
  const out = freshDir();
  let imports: RunResult[] = [];
  beforeAll(async () => {
    imports = [
      await runCli(['data', 'import', 'cbeci-energy', CBECI_EXPORT, '--out', out]),
      await runCli([
        'data',
        'import',
        'cbeci-mining-map',
        MINING_MAP,
        '--out',
        out,
        '--source',
        'cbeci-mining-map',
        '--evidence',
        'copy',
      ]),
      // The later file first: its 2024-11-16 (rounded to whole units) is then replaced by the earlier file's, as
      // in the shipped data.
      await runCli(['data', 'import', 'coinmetrics', COIN_METRICS_2025, '--out', out, '--source', 'coinmetrics-2025']),
      await runCli(['data', 'import', 'coinmetrics', COIN_METRICS, '--out', out]),
    ];
  });

  it('imports each file, saying what was written where', () => {
    for (const result of imports) {
      expect(result.stderr).toBe('');
      expect(result.code).toBe(0);
    }
    expect(imports[0]?.stdout).toMatch(
      new RegExp(
        `^wrote series cbeci \\(15 calendar years, 2010–2024; 2010: 167 days, 2024: 321 days, to 2024-11-16\\) to ${out}/network-energy\\.json and source cbeci-energy-import to ${out}/sources\\.json\\n`,
      ),
    );
    expect(imports[1]?.stdout).toMatch(/^wrote 290 shares \(10 regions, 29 months, 2019-09 to 2022-01\) to /);
    expect(imports[2]?.stdout).toMatch(/^wrote 409 days of network inputs \(2024-11-16 to 2025-12-29\) to /);
    expect(imports[3]?.stdout).toMatch(/^wrote 5236 days of network inputs \(2010-07-18 to 2024-11-16\) to /);
  });

  it('gives records equal to the shipped ones', () => {
    const series = readJson<NetworkSeries[]>(join(out, 'network-energy.json'));
    const shippedSeries = readJson<NetworkSeries[]>(join(SHIPPED_DATA, 'network-energy.json'));
    expect(series.map((s) => s.id)).toEqual(['cbeci']);
    expect(series[0]?.values).toEqual(shippedSeries.find((s) => s.id === 'cbeci')?.values);
    expect(series[0]).toMatchObject({ scope: 'world', kind: 'estimate', source: 'cbeci-energy-import' });
    const shares = readJson<HashrateShare[]>(join(out, 'hashrate-shares.json'));
    const shippedShares = readJson<HashrateShare[]>(join(SHIPPED_DATA, 'hashrate-shares.json'));
    expect(shares).toEqual(shippedShares.filter((s) => s.source === 'cbeci-mining-map'));
    expect(readFileSync(join(out, 'network-inputs.csv'), 'utf8')).toBe(
      readFileSync(join(SHIPPED_DATA, 'network-inputs.csv'), 'utf8'),
    );
  });

  it('writes a source record for each import naming the file, its dates and the price note', async () => {
    const sources = readJson<Source[]>(join(out, 'sources.json'));
    expect(sources.map((s) => [s.id, s.evidence, s.year])).toEqual([
      ['cbeci-energy-import', 'copy', 2024],
      ['cbeci-mining-map', 'copy', 2022],
      ['coinmetrics-2025', 'copy', 2025],
      ['coinmetrics-import', 'copy', 2024],
    ]);
    expect(sources[0]?.note).toMatch(
      /from cbeci_revised_daily_export_2010-07-18_2024-11-16\.csv \(file modified \d{4}-\d{2}-\d{2}\), covering 2010-07-18 to 2024-11-16 \(5236 days\)\. The file's first line states the price assumed: "Average electricity cost assumption: 0\.05 USD\/kWh"\./,
    );
    expect(readFileSync(join(out, 'sources.json'), 'utf8')).toMatch(/^\[\n {2}\{\n {4}"id"[\s\S]*\n\]\n$/);
    expect((await runCli(['data', 'check', out])).code).toBe(0);
  });

  it.each([
    ['estimate', '--region', 'sichuan', '--year', '2023', '--json'],
    ['estimate', '--all', '--year', '2021', '--json'],
  ])('gives the same %s as the shipped data (energy, bounds, share, basis)', async (...args) => {
    const numbers = (stdout: string) =>
      (JSON.parse(stdout) as Record<string, { [key: string]: unknown }>[]).map((e) => ({
        region: e.region?.id,
        energy: e.energy,
        share: e.share?.pct,
        basis: [e.basis?.series, e.basis?.year, e.basis?.twh, e.basis?.lowerTwh, e.basis?.upperTwh],
      }));
    const shipped = await runCli(args);
    const imported = await runCli(['--data', out, ...args]);
    expect(imported.code).toBe(0);
    expect(numbers(imported.stdout)).toEqual(numbers(shipped.stdout));
    expect(numbers(shipped.stdout).length).toBeGreaterThan(0);
  });

  it('gives the same network series from the imported inputs as from the shipped ones', async () => {
    const args = ['network', '--input', join(out, 'network-inputs.csv'), '--from', '2024-01-01', '--json'];
    const withData = await runCli(['--data', out, ...args]);
    expect(withData.code).toBe(0);
    expect(withData.stdout).toBe((await runCli(args)).stdout);
    expect(withData.stdout).toBe((await runCli(['network', '--input', '--from', '2024-01-01', '--json'])).stdout);
    expect((await runCli(['--data', out, 'network', '--input', '--from', '2024-01-01', '--json'])).stdout).toBe(
      withData.stdout,
    );
    // 2024-01-01 to 2025-12-29: 366 + 363 days.
    expect(JSON.parse(withData.stdout)).toHaveLength(366 + 363);
  });
});

describe('data import into a directory that already holds data', () => {
  it('replaces records with the same key and keeps the rest', async () => {
    const out = freshDir();
    const early = scratchFile('early.csv', cbeciExport('2020-01-01', 366));
    const late = scratchFile('late.csv', cbeciExport('2021-01-01', 10));
    expect((await runCli(['data', 'import', 'cbeci-energy', early, '--out', out, '--id', 'early'])).code).toBe(0);
    // A second file under the same source would rewrite the record that series "early" cites: refused.
    await expectFailure(
      ['data', 'import', 'cbeci-energy', late, '--out', out, '--id', 'late'],
      2,
      /--source cbeci-energy-import: 1 record that this import does not write cites that source \(series "early"\).*Give this import a source of its own/,
    );
    expect(
      (await runCli(['data', 'import', 'cbeci-energy', late, '--out', out, '--id', 'late', '--source', 'late-import']))
        .code,
    ).toBe(0);
    // Series "early" replaced from late.csv under a source of its own ("cbeci-energy-import" stays, citing nothing).
    const again = await runCli([
      'data',
      'import',
      'cbeci-energy',
      late,
      '--out',
      out,
      '--id',
      'early',
      '--source',
      'again-import',
    ]);
    expect(again.code).toBe(0);
    expect(again.stdout).toContain(
      `${join(out, 'network-energy.json')}: 1 imported, replacing 1 of the same key; 1 earlier kept (2 in all)`,
    );
    const series = readJson<NetworkSeries[]>(join(out, 'network-energy.json'));
    expect(series.map((s) => [s.id, s.values.map((v) => v.year)])).toEqual([
      ['early', [2021]],
      ['late', [2021]],
    ]);
    expect(readJson<Source[]>(join(out, 'sources.json')).map((s) => s.id)).toEqual([
      'cbeci-energy-import',
      'late-import',
      'again-import',
    ]);
    expect(readJson<NetworkSeries[]>(join(out, 'network-energy.json')).map((s) => s.source)).toEqual([
      'again-import',
      'late-import',
    ]);
  });

  it('keeps the shares of other months and adds days to the network inputs in date order', async () => {
    const out = freshDir();
    const header = 'date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S';
    const april = scratchFile('april.csv', `${header}\n2026-01-01,Mainland China,46%,1\n2026-01-01,Other,54%,1\n`);
    const may = scratchFile('may.csv', `${header}\n2026-02-01,Mainland China,44%,1\n2026-02-01,Other,56%,1\n`);
    expect((await runCli(['data', 'import', 'cbeci-mining-map', april, '--out', out])).code).toBe(0);
    expect((await runCli(['data', 'import', 'cbeci-mining-map', may, '--out', out])).code).toBe(2);
    expect(
      (await runCli(['data', 'import', 'cbeci-mining-map', may, '--out', out, '--source', 'may-import'])).code,
    ).toBe(0);
    expect(readJson<HashrateShare[]>(join(out, 'hashrate-shares.json')).map((s) => `${s.region} ${s.month}`)).toEqual([
      'china 2026-01',
      'other 2026-01',
      'china 2026-02',
      'other 2026-02',
    ]);
    const cm = 'date,HashRate,RevUSD';
    const later = scratchFile('later.csv', `${cm}\n2024-01-03,3e8,3e7\n2024-01-04,4e8,4e7\n`);
    const earlier = scratchFile('earlier.csv', `${cm}\n2024-01-01,1e8,1e7\n2024-01-03,2e8,2e7\n`);
    expect((await runCli(['data', 'import', 'coinmetrics', later, '--out', out])).code).toBe(0);
    await expectFailure(
      ['data', 'import', 'coinmetrics', earlier, '--out', out],
      2,
      /a source record "coinmetrics-import" already describes days of .*network-inputs\.csv \(Coin Metrics network data: daily mean hash rate and miners' revenue in USD, 2024-01-03 to 2024-01-04\), and this import does not replace every day there \(1 day kept as it was\)/,
    );
    const result = await runCli(['data', 'import', 'coinmetrics', earlier, '--out', out, '--source', 'earlier-import']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(
      'network-inputs.csv: 2 imported, replacing 1 of the same key; 1 earlier kept (3 in all)',
    );
    expect(readFileSync(join(out, 'network-inputs.csv'), 'utf8')).toBe(
      'date,hashrateEhs,revenueUsd\n2024-01-01,100,10000000\n2024-01-03,200,20000000\n2024-01-04,400,40000000\n',
    );
    // The same file again under its own source: every day that source's record describes (2024-01-03 to 01-04) is
    // replaced, so the record may be rewritten, though a day of another source stays.
    const again = await runCli(['data', 'import', 'coinmetrics', later, '--out', out]);
    expect(again.code, again.stderr).toBe(0);
    expect(again.stdout).toContain(
      'network-inputs.csv: 2 imported, replacing 2 of the same key; 1 earlier kept (3 in all)',
    );
    // A file that leaves out a day of that record's range (2024-01-04 here) may not take its record over: the day
    // kept would lose its source.
    const gap = scratchFile('gap.csv', `${cm}\n2024-01-03,3e8,3e7\n2024-01-05,5e8,5e7\n`);
    await expectFailure(['data', 'import', 'coinmetrics', gap, '--out', out], 2, /does not replace every day there/);
  });

  it('writes nothing when the result would not be valid, and says why', async () => {
    const out = freshDir();
    const header = 'date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S';
    const good = scratchFile('good.csv', `${header}\n2026-03-01,Mainland China,40%,1\n2026-03-01,Other,40%,1\n`);
    expect((await runCli(['data', 'import', 'cbeci-mining-map', good, '--out', out])).code).toBe(0);
    const before = snapshot(out);
    const tooMuch = scratchFile('too-much.csv', `${header}\n2026-03-01,Kazakhstan,30%,1\n`);
    await expectFailure(
      ['data', 'import', 'cbeci-mining-map', tooMuch, '--out', out],
      1,
      /^error: Nothing was written to .*: the data it would hold would not be valid\.\n {2}- hashrate-shares\.json → shares of "world" in 2026-03 → sharePct → the children of "world" sum to 110%, above 100%: "china" 2026-03 40%, "other" 2026-03 40%, "kazakhstan" 2026-03 30%\. Correct the sharePct of one or more of these records .*\n$/,
    );
    expect(snapshot(out)).toEqual(before);
  });

  it('without the shipped data, refuses a directory that would be incomplete', async () => {
    const out = freshDir();
    await expectFailure(
      [
        '--no-default-data',
        'data',
        'import',
        'cbeci-energy',
        scratchFile('e.csv', cbeciExport('2020-01-01', 3)),
        '--out',
        out,
      ],
      1,
      /^error: Nothing was written to .*: the data it would hold would not be valid\.\n {2}- Data directory .* is missing regions\.json, hashrate-shares\.json, electricity-baselines\.json, carbon-intensity\.json\.\n {2}- without the shipped data/,
    );
    expect(() => readdirSync(out)).toThrow();
  });

  it('refuses to add to a directory whose data is already invalid', async () => {
    const out = freshDir();
    mkdirSync(out);
    writeFileSync(join(out, 'sources.json'), '[{"id": "x"}]\n');
    const before = snapshot(out);
    await expectFailure(
      ['data', 'import', 'cbeci-energy', scratchFile('e.csv', cbeciExport('2020-01-01', 3)), '--out', out],
      1,
      /^error: Nothing was written: the data already in .* is not valid\.\n {2}- .*sources\.json → record 1 \("x"\) → title → is required/,
    );
    expect(snapshot(out)).toEqual(before);
  });
});

describe('data import: coinmetrics', () => {
  const cm = 'time,HashRate,RevUSD';
  const text = `${cm}\n2009-01-03,,\n2009-01-04,,\n2010-07-18,1552.225,738.2918136\n`;

  it('refuses incomplete rows, listing them', async () => {
    const out = freshDir();
    await expectFailure(
      ['data', 'import', 'coinmetrics', scratchFile('btc.csv', text), '--out', out],
      1,
      /2 rows have no positive hash rate or revenue; fix them, or leave them out with --skip-incomplete:\n {2}- .*btc\.csv → line 2 \(2009-01-03\) → HashRate is empty, RevUSD is empty\n/,
    );
    expect(() => readdirSync(out)).toThrow(); // not even created
  });

  it('leaves them out with --skip-incomplete, saying how many on stderr', async () => {
    const out = freshDir();
    const result = await runCli([
      'data',
      'import',
      'coinmetrics',
      scratchFile('btc.csv', text),
      '--out',
      out,
      '--skip-incomplete',
      '--json',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toMatch(
      /^warning: Left out 2 incomplete rows of .*btc\.csv \(no positive hash rate or revenue\): lines 2, 3\.\n$/,
    );
    const summary = JSON.parse(result.stdout);
    expect(summary).toMatchObject({
      kind: 'coinmetrics',
      out,
      source: { id: 'coinmetrics-import', file: join(out, 'sources.json'), replacesShipped: false },
      inputs: {
        days: 1,
        from: '2010-07-18',
        to: '2010-07-18',
        columns: { date: 'time', hashrate: 'HashRate', revenue: 'RevUSD' },
      },
    });
    expect(summary.inputs.skipped).toHaveLength(2);
    expect(summary.written).toEqual([
      { file: join(out, 'network-inputs.csv'), records: 1, imported: 1, replaced: 0, kept: 0 },
      { file: join(out, 'sources.json'), records: 1, imported: 1, replaced: 0, kept: 0 },
    ]);
    expect(readFileSync(join(out, 'network-inputs.csv'), 'utf8')).toBe(
      'date,hashrateEhs,revenueUsd\n2010-07-18,0.001552225,738.2918136\n',
    );
  });
});

describe('data import: failures', () => {
  const out = () => freshDir();
  it.each([
    [
      ['data', 'import', 'cbeci-power', CBECI_EXPORT, '--out', 'x'],
      /command-argument value 'cbeci-power' is invalid for argument 'kind'\. Allowed choices are cbeci-energy, cbeci-mining-map, coinmetrics/,
    ],
    [['data', 'import', 'cbeci-energy', CBECI_EXPORT], /required option '--out <dir>' not specified/],
    [
      ['data', 'import', 'cbeci-energy', CBECI_EXPORT, '--out', 'x', '--map', 'A=b'],
      /^error: --map goes with cbeci-mining-map only\.\n$/,
    ],
    [
      ['data', 'import', 'coinmetrics', COIN_METRICS, '--out', 'x', '--id', 'a'],
      /^error: --id goes with cbeci-energy only\.\n$/,
    ],
    [
      ['data', 'import', 'cbeci-energy', CBECI_EXPORT, '--out', 'x', '--skip-incomplete'],
      /^error: --skip-incomplete goes with coinmetrics only\.\n$/,
    ],
    [
      ['data', 'import', 'cbeci-energy', CBECI_EXPORT, '--out', 'x', '--id', 'Not An Id'],
      /option '--id <id>' argument 'Not An Id' is invalid\. expected a kebab-case id/,
    ],
    [
      ['data', 'import', 'cbeci-energy', CBECI_EXPORT, '--out', 'x', '--evidence', 'computed'],
      /argument 'computed' is invalid\. Allowed choices are primary, copy/,
    ],
    [
      ['data', 'import', 'cbeci-mining-map', MINING_MAP, '--out', 'x', '--map', 'no-equals'],
      /option '--map <Label=region-id>' argument 'no-equals' is invalid\. expected 'Label=region-id'/,
    ],
    [
      ['data', 'import', 'cbeci-mining-map', MINING_MAP, '--out', 'x', '--map', 'Other=nowhere'],
      /^error: --map "Other=nowhere": there is no region with the id "nowhere"\.\n$/,
    ],
    [
      ['--data', 'somewhere', 'data', 'import', 'cbeci-energy', CBECI_EXPORT, '--out', 'x'],
      /^error: --data has no use with data import/,
    ],
  ])('%j is a usage error (exit 2)', async (args, message) => {
    await expectFailure(args, 2, message);
  });

  it.each([
    [
      'a missing file',
      () => join(scratch, 'nothing-here.csv'),
      /^error: Cannot import .*nothing-here\.csv: there is no such file\.\n$/,
    ],
    [
      'a directory',
      () => FIXTURES,
      /^error: Cannot import .*fixtures\/: it is a directory; give the file to import\.\n$/,
    ],
    [
      'an empty file',
      () => scratchFile('empty.csv', ''),
      /^error: Cannot import .*empty\.csv \(CBECI's daily electricity export\): the file is empty\.\n$/,
    ],
    [
      'a wrong header',
      () => scratchFile('wrong.csv', 'date,twh\n2020-01-01,1\n'),
      /^error: Cannot import .*wrong\.csv \(CBECI's daily electricity export\): 1 problem:\n {2}- .*wrong\.csv → line 1 → header → is missing the columns "Timestamp", "power GUESS, GW", "power MIN, GW" and "power MAX, GW" \(its columns are "date", "twh"\)\n$/,
    ],
    [
      'a duplicate day',
      () => scratchFile('dup.csv', cbeciExport('2020-01-01', 3).replace(/(\r\n1577923200,[^\r]*)/, '$1$1')),
      /line 5 → "Timestamp" → 2020-01-02 does not follow 2020-01-02 \(line 4\)/,
    ],
  ])('%s is a data error (exit 1) naming the file, and writes nothing', async (_name, file, message) => {
    const dir = out();
    await expectFailure(['data', 'import', 'cbeci-energy', file(), '--out', dir], 1, message);
    expect(() => readdirSync(dir)).toThrow();
  });

  it('refuses an --out that is a file', async () => {
    await expectFailure(
      ['data', 'import', 'cbeci-energy', CBECI_EXPORT, '--out', CBECI_EXPORT],
      1,
      /^error: Cannot import into .*: it is a file, not a directory\.\n$/,
    );
  });

  it('names an unknown mining-map label and its line, with a suggestion and the way to map it', async () => {
    const header = 'date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S';
    const file = scratchFile('map.csv', `${header}\n2026-04-01,Kazakstan,10%,1\n`);
    await expectFailure(
      ['data', 'import', 'cbeci-mining-map', file, '--out', out()],
      1,
      /map\.csv → line 2 → "country" → Unknown region "Kazakstan"\. Did you mean "kazakhstan"\? Map it to a region with --map 'Kazakstan=<region id>'\./,
    );
    const dir = out();
    const mapped = await runCli([
      'data',
      'import',
      'cbeci-mining-map',
      file,
      '--out',
      dir,
      '--map',
      'Kazakstan=kazakhstan',
    ]);
    expect(mapped.code).toBe(0);
    expect(readJson<HashrateShare[]>(join(dir, 'hashrate-shares.json'))[0]).toMatchObject({
      region: 'kazakhstan',
      sharePct: 10,
    });
  });

  it('leads its help with examples', async () => {
    const { code, stdout } = await runCli(['data', 'import', '--help']);
    expect(code).toBe(0);
    expect(stdout).toMatch(/Examples:\n {2}\$ mining-energy data import cbeci-energy /);
  });
});

describe('data import against hostile files', () => {
  const MAP = 'date,country,monthly_hashrate_%,monthly_absolute_hashrate_EH/S';
  const CM = 'date,mean_hash_rate_ths,miner_revenue_usd,total_issuance_usd';

  it.each([
    [
      'a row cut short (a truncated file)',
      'coinmetrics',
      `${CM}\n2024-01-01,5e8,4e7,1\n2024-01-02,5e8,43\n`,
      /line 3 → row → has 3 cells where the header \(line 1\) has 4/,
    ],
    [
      'a number with an unquoted comma',
      'coinmetrics',
      `${CM}\n2024-01-01,5e8,41,000,000,1\n`,
      /line 2 → row → has 6 cells where the header \(line 1\) has 4/,
    ],
    [
      'a quote never closed',
      'coinmetrics',
      `${CM}\n2024-01-01,"5e8,4e7,1\n2024-01-02,5e8,4e7,1\n`,
      /a quoted field opened on line 2 is never closed/,
    ],
    [
      'two columns that mean the same',
      'coinmetrics',
      'date,HashRate,mean_hash_rate_ths,RevUSD\n2024-01-01,1,1,1\n',
      /has "mean_hash_rate_ths" and "HashRate", which mean the same/,
    ],
    [
      'a negative part of revenue',
      'coinmetrics',
      'time,HashRate,IssTotUSD,FeeTotUSD\n2024-01-01,5e8,4e7,-3.9e7\n',
      /line 2 → "FeeTotUSD" → must not be negative/,
    ],
    [
      'a timestamp in milliseconds',
      'cbeci-energy',
      'Timestamp,"power MAX, GW","power MIN, GW","power GUESS, GW"\n1704067200000,2,0.5,1\n',
      /must be a Unix time in whole seconds|outside 1990–2100/,
    ],
    [
      'a month whose shares add up to 150%',
      'cbeci-mining-map',
      `${MAP}\n2021-01-01,Mainland China,100%,1\n2021-01-01,Other,50%,1\n`,
      /the shares of 2021-01 add up to 150%, above 100%/,
    ],
    [
      'a best guess outside its bounds',
      'cbeci-energy',
      'Timestamp,"power MAX, GW","power MIN, GW","power GUESS, GW"\n1704067200,2,0.5,3\n',
      /line 2 → "power GUESS, GW" → must lie between/,
    ],
  ])('refuses %s (exit 1, nothing written)', async (_name, kind, text, message) => {
    const out = freshDir();
    await expectFailure(['data', 'import', kind, scratchFile('x.csv', text), '--out', out], 1, message);
    expect(() => readdirSync(out)).toThrow();
  });

  it('takes an empty part of revenue as an incomplete day, not as 0', async () => {
    const file = scratchFile(
      'cm.csv',
      'time,HashRate,IssTotUSD,FeeTotUSD\n2024-01-01,5e8,4e7,1e5\n2024-01-02,5e8,,1e5\n',
    );
    await expectFailure(
      ['data', 'import', 'coinmetrics', file, '--out', freshDir()],
      1,
      /line 3 \(2024-01-02\) → IssTotUSD is empty/,
    );
  });

  it('refuses a pipe or a device as the file, instead of waiting on it', async () => {
    await expectFailure(
      ['data', 'import', 'coinmetrics', '/dev/zero', '--out', freshDir()],
      1,
      /it is a character device, not a regular file/,
    );
  });

  it('will not rewrite a shipped source that shipped records cite, and says so as a usage error', async () => {
    const file = scratchFile('cm.csv', `${CM}\n2024-01-01,5e8,4e7,1\n`);
    await expectFailure(
      ['data', 'import', 'coinmetrics', file, '--out', freshDir(), '--source', 'cbeci-export-2024'],
      2,
      /--source cbeci-export-2024: 1 record that this import does not write cites that source \(series "cbeci"\)/,
    );
  });

  it('checks --map and --out as usage errors, and warns about a month that is not the whole world', async () => {
    const map = scratchFile('map.csv', `${MAP}\n2022-01-01,Mainland China,5%,1\n2022-01-01,Other,1%,1\n`);
    await expectFailure(
      ['data', 'import', 'cbeci-mining-map', map, '--out', freshDir(), '--map', 'Other=world'],
      2,
      /--map "Other=world": world is the whole world/,
    );
    await expectFailure(['data', 'import', 'cbeci-mining-map', map, '--out', ''], 2, /--out needs a directory/);
    const result = await runCli([
      'data',
      'import',
      'cbeci-mining-map',
      map,
      '--out',
      freshDir(),
      '--source',
      'partial-map',
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toContain('shares of 2022-01 add up to 6%, not the whole world');
  });
});
