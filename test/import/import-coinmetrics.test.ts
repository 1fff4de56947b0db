import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { coinMetricsSource, importCoinMetrics, renderNetworkInputs } from '../../src/import/coinmetrics.js';
import { parseSeriesInput } from '../../src/data/series-input.js';
import { DataError } from '../../src/errors.js';
import { FIXTURES, SHIPPED_DATA, thrown } from '../helpers.js';

const HEADER = 'date,mean_hash_rate_ths,miner_revenue_usd,total_issuance_usd';
const csv = (...rows: string[]) => [HEADER, ...rows].join('\n') + '\n';

const errorOf = (run: () => unknown): Error => thrown(DataError, run);

describe('importCoinMetrics', () => {
  it('converts TH/s to EH/s without float noise and keeps the revenue', () => {
    const inputs = importCoinMetrics(
      csv('2024-11-15,757933803.2,46458851.56,1', '2024-11-16,793304046.4,46044781.14,1'),
      'cm.csv',
    );
    expect(inputs.rows).toEqual([
      { date: '2024-11-15', hashrateEhs: 757.9338032, revenueUsd: 46458851.56 },
      { date: '2024-11-16', hashrateEhs: 793.3040464, revenueUsd: 46044781.14 },
    ]);
    expect(renderNetworkInputs(inputs.rows)).toBe(
      'date,hashrateEhs,revenueUsd\n2024-11-15,757.9338032,46458851.56\n2024-11-16,793.3040464,46044781.14\n',
    );
    expect(inputs).toMatchObject({ from: '2024-11-15', to: '2024-11-16', missingDays: 0, skipped: [] });
  });

  it("reads Coin Metrics' own column names (time, HashRate, RevUSD), with a byte-order mark and CRLF", () => {
    const text =
      '\uFEFFtime,PriceUSD,HashRate,RevUSD\r\n2024-02-28T00:00:00.000000000Z,1,5e8,3e7\r\n2024-02-29,1,5.5e8,3.1e7\r\n';
    const inputs = importCoinMetrics(text, 'btc.csv');
    expect(inputs.rows).toEqual([
      { date: '2024-02-28', hashrateEhs: 500, revenueUsd: 3e7 },
      { date: '2024-02-29', hashrateEhs: 550, revenueUsd: 3.1e7 },
    ]);
    expect(inputs.columns).toEqual({ date: 'time', hashrate: 'HashRate', revenue: 'RevUSD' });
  });

  it('adds IssTotUSD and FeeTotUSD when the file has no RevUSD', () => {
    const inputs = importCoinMetrics('time,HashRate,FeeTotUSD,IssTotUSD\n2024-01-01,5e8,1000000.1,2e7\n', 'btc.csv');
    expect(inputs.rows[0]?.revenueUsd).toBe(21000000.1);
    expect(inputs.columns.revenue).toBe('IssTotUSD + FeeTotUSD');
  });

  it('counts the days missing between the first and the last', () => {
    expect(importCoinMetrics(csv('2024-01-01,1,1,1', '2024-01-04,1,1,1'), 'cm.csv').missingDays).toBe(2);
  });

  it('takes revenue from its parts as their sum, so a day without fees is complete', () => {
    const text = 'time,HashRate,FeeTotUSD,IssTotUSD\n2010-07-18,1e-3,0,5\n2010-07-19,1e-3,0.5,5\n2010-07-20,1e-3,0,0\n';
    const message = errorOf(() => importCoinMetrics(text, 'cm.csv')).message;
    expect(message).toContain('1 row has no positive hash rate or revenue');
    expect(message).toContain('cm.csv → line 4 (2010-07-20) → IssTotUSD + FeeTotUSD is 0');
    const inputs = importCoinMetrics(text, 'cm.csv', { skipIncomplete: true });
    expect(inputs.rows.map((r) => [r.date, r.revenueUsd])).toEqual([
      ['2010-07-18', 5],
      ['2010-07-19', 5.5],
    ]);
  });

  it('refuses incomplete rows, counting them and listing at most 20, unless told to skip them', () => {
    const rows = Array.from({ length: 25 }, (_, i) => `2024-01-${String(i + 1).padStart(2, '0')},,${i},1`);
    const text = csv(...rows, '2024-01-26,5e8,2e7,1');
    const message = errorOf(() => importCoinMetrics(text, 'cm.csv')).message;
    expect(message).toMatch(
      /^Cannot import cm\.csv \(Coin Metrics daily network data\): 25 rows have no positive hash rate or revenue; fix them, or leave them out with --skip-incomplete:/,
    );
    expect(message).toContain('cm.csv → line 2 (2024-01-01) → mean_hash_rate_ths is empty, miner_revenue_usd is 0');
    expect(message).toContain('cm.csv → line 3 (2024-01-02) → mean_hash_rate_ths is empty\n');
    expect(message.match(/\n {2}- cm\.csv → line/g)).toHaveLength(20);
    expect(message).toMatch(/… and 5 more$/);
    const inputs = importCoinMetrics(text, 'cm.csv', { skipIncomplete: true });
    expect(inputs.rows).toEqual([{ date: '2024-01-26', hashrateEhs: 500, revenueUsd: 2e7 }]);
    expect(inputs.skipped).toHaveLength(25);
    expect(inputs.skipped[1]).toEqual({ line: 3, date: '2024-01-02', reason: 'mean_hash_rate_ths is empty' });
  });

  it('treats a negative hash rate as incomplete', () => {
    expect(errorOf(() => importCoinMetrics(csv('2024-01-01,-5,1,1'), 'cm.csv')).message).toContain(
      'cm.csv → line 2 (2024-01-01) → mean_hash_rate_ths is -5',
    );
  });

  it.each([
    [
      'a duplicate day',
      ['2024-01-01,1,1,1', '2024-01-01,1,1,1'],
      /line 3 → "date" → 2024-01-01 does not follow 2024-01-01 \(line 2\)/,
    ],
    [
      'days out of order',
      ['2024-01-02,1,1,1', '2024-01-01,1,1,1'],
      /line 3 → "date" → 2024-01-01 does not follow 2024-01-02/,
    ],
    [
      'a malformed date',
      ['01/02/2024,1,1,1'],
      /line 2 → "date" → must be a date, YYYY-MM-DD, from 1990 to 2100, not "01\/02\/2024"/,
    ],
    [
      'an impossible date',
      ['2023-02-29,1,1,1'],
      /line 2 → "date" → must be a date, YYYY-MM-DD, from 1990 to 2100, not "2023-02-29"/,
    ],
    ['a time that is not midnight', ['2024-01-01T12:00:00Z,1,1,1'], /line 2 → "date" → must be a date/],
    [
      'a number that is not one',
      ['2024-01-01,1,lots,1'],
      /line 2 → "miner_revenue_usd" → must be a number, not "lots"/,
    ],
    [
      'a non-finite number',
      ['2024-01-01,Infinity,1,1'],
      /line 2 → "mean_hash_rate_ths" → must be a number, not "Infinity"/,
    ],
  ])('rejects %s, naming the line and column', (_name, rows, message) => {
    expect(errorOf(() => importCoinMetrics(csv(...rows), 'cm.csv')).message).toMatch(message);
  });

  it.each([
    [
      'no revenue column',
      'date,HashRate\n2024-01-01,1\n',
      /line 1 → header → is missing the column "miner_revenue_usd" \(or "RevUSD", or both "IssTotUSD" and "FeeTotUSD", which add up to it\) \(its columns are "date", "HashRate"\)/,
    ],
    [
      'a column named twice',
      'date,HashRate,HashRate,RevUSD\n2024-01-01,1,1,1\n',
      /line 1 → column "HashRate" → appears twice in the header \(columns 2 and 3\)/,
    ],
    ['an empty file', '', /Cannot import cm\.csv \(Coin Metrics daily network data\): the file is empty\./],
    ['no rows', `${HEADER}\n`, /no rows after the header \(line 1\)/],
  ])('rejects %s', (_name, text, message) => {
    expect(errorOf(() => importCoinMetrics(text, 'cm.csv')).message).toMatch(message);
  });

  it('reproduces the shipped network-inputs.csv from the two reference files, byte for byte, as network --input reads it', () => {
    const file = 'coinmetrics_btc_daily_hashrate_revenue_2010-07-18_2024-11-16.csv';
    const inputs = importCoinMetrics(readFileSync(join(FIXTURES, 'import', file), 'utf8'), file);
    const laterFile = 'coinmetrics_btc_daily_2024-11-16_2025-12-29.csv';
    const later = importCoinMetrics(readFileSync(join(FIXTURES, 'import', laterFile), 'utf8'), laterFile);
    expect(inputs).toMatchObject({ from: '2010-07-18', to: '2024-11-16', missingDays: 0 });
    expect(later).toMatchObject({ from: '2024-11-16', to: '2025-12-29', missingDays: 0 });
    expect(inputs.rows.at(-1)).toEqual({ date: '2024-11-16', hashrateEhs: 793.3040464, revenueUsd: 46044781.14 });
    // The later file writes the shared day in whole units: 793,304,046 TH/s and 46,044,781 USD.
    expect(later.rows[0]).toEqual({ date: '2024-11-16', hashrateEhs: 793.304046, revenueUsd: 46044781 });
    const rows = [...inputs.rows, ...later.rows.slice(1)];
    const shipped = readFileSync(join(SHIPPED_DATA, 'network-inputs.csv'), 'utf8');
    expect(renderNetworkInputs(rows)).toBe(shipped);
    expect(parseSeriesInput(shipped, 'network-inputs.csv')).toEqual(rows);
  });
});

describe('coinMetricsSource', () => {
  it('names the file, its days, the columns read and what was computed', () => {
    const inputs = importCoinMetrics(csv('2024-01-01,,1,1', '2024-01-02,5e8,2e7,1'), 'cm.csv', {
      skipIncomplete: true,
    });
    const source = coinMetricsSource(inputs, {
      id: 'coinmetrics-import',
      evidence: 'copy',
      file: { path: 'in/cm.csv', name: 'cm.csv', modified: '2024-01-03' },
    });
    expect(source).toMatchObject({ id: 'coinmetrics-import', publisher: 'Coin Metrics', year: 2024, evidence: 'copy' });
    expect(source.note).toBe(
      'Imported with `mining-energy data import coinmetrics` from cm.csv (file modified 2024-01-03), covering 2024-01-02 to 2024-01-02 (1 day). 1 incomplete row (no positive hash rate or revenue) left out with --skip-incomplete. Computed: network-inputs.csv, one row a day, with hashrateEhs = mean_hash_rate_ths (TH/s) / 1,000,000 and revenueUsd = miner_revenue_usd (USD that day), each to 12 significant digits.',
    );
  });
});
