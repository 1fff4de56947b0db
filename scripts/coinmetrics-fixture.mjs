#!/usr/bin/env node
// Makes test/fixtures/live/coinmetrics-btc.csv, the days the tests' local Coin Metrics server serves, from a daily
// CSV of Coin Metrics' community data (date, mean_hash_rate_ths, miner_revenue_usd, total_issuance_usd, fees_usd,
// blocks, fees_btc, price_usd) and the shipped data/network-inputs.csv. The week before the CSV's first day is
// made from the shipped file (its revenue split as issuance plus 10 BTC of fees at 90,000 USD), so that an update
// starting from the shipped data finds the days it asks again.
//
// With --synthetic-to DATE, the days after the last recorded one up to DATE are added as SYNTHETIC days, for tests
// only and not data: each is the recorded day of the same month and day one year before, its values unchanged
// (2025-12-30 repeats 2024-12-30, ..., 2026-06-30 repeats 2025-06-30). They let an update that starts from the
// shipped data, which end on the last recorded day, find new days.
//
// The input may also be a fixture this script made (columns date,HashRate,BlkCnt,IssTotUSD,FeeTotNtv,PriceUSD):
// its days through --recorded-to (all of them without it) are kept as they are, and the synthetic days made again.
//
//   node scripts/coinmetrics-fixture.mjs <coinmetrics_btc_daily.csv> [data/network-inputs.csv] [--synthetic-to 2026-06-30] > test/fixtures/live/coinmetrics-btc.csv
//   node scripts/coinmetrics-fixture.mjs test/fixtures/live/coinmetrics-btc.csv --recorded-to 2025-12-29 --synthetic-to 2026-06-30 > coinmetrics-btc.csv.new
import { readFileSync } from 'node:fs';

const HEADER = 'date,HashRate,BlkCnt,IssTotUSD,FeeTotNtv,PriceUSD';
const DATE = /^\d{4}-\d{2}-\d{2}$/;

const positional = [];
const options = {};
const argv = process.argv.slice(2);
for (let i = 0; i < argv.length; i++) {
  const arg = argv[i];
  if (arg === '--synthetic-to' || arg === '--recorded-to') {
    const value = argv[++i];
    if (value === undefined || !DATE.test(value)) usage(`${arg} needs a date (YYYY-MM-DD)`);
    options[arg.slice(2)] = value;
  } else if (arg.startsWith('--')) usage(`unknown option ${arg}`);
  else positional.push(arg);
}
const [reference, shipped = 'data/network-inputs.csv'] = positional;
if (reference === undefined) usage();

function usage(problem) {
  if (problem !== undefined) process.stderr.write(`coinmetrics-fixture: ${problem}\n`);
  process.stderr.write(
    'usage: node scripts/coinmetrics-fixture.mjs <coinmetrics_btc_daily.csv | coinmetrics-btc.csv> [network-inputs.csv] [--recorded-to DATE] [--synthetic-to DATE]\n',
  );
  process.exit(2);
}

const lines = (path) => readFileSync(path, 'utf8').trim().split(/\r?\n/);
const [header, ...rows] = lines(reference);
/** The recorded days, each a list of the fixture's cells in HEADER's order. */
let recorded;
if (header === HEADER) {
  recorded = rows.map((row) => row.split(',')).filter(([date]) => date <= (options['recorded-to'] ?? '9999-12-31'));
} else {
  const column = Object.fromEntries(header.split(',').map((name, index) => [name, index]));
  for (const name of ['date', 'mean_hash_rate_ths', 'total_issuance_usd', 'blocks', 'fees_btc', 'price_usd']) {
    if (column[name] === undefined) throw new Error(`${reference} has no column ${name}`);
  }
  recorded = [];
  const first = rows[0].split(',')[column.date];
  const week = lines(shipped)
    .slice(1)
    .map((line) => line.split(','))
    .filter(([date]) => date < first)
    .slice(-6);
  for (const [date, hashrateEhs, revenueUsd] of week) {
    const fees = 10 * 90_000;
    recorded.push([
      date,
      String(Number((Number(hashrateEhs) * 1e6).toPrecision(12))),
      '144',
      String(Number(revenueUsd) - fees),
      '10',
      '90000',
    ]);
  }
  for (const row of rows) {
    const cells = row.split(',');
    recorded.push(
      ['date', 'mean_hash_rate_ths', 'blocks', 'total_issuance_usd', 'fees_btc', 'price_usd'].map(
        (name) => cells[column[name]],
      ),
    );
  }
}

/** YYYY-MM-DD one day after a day. */
const nextDay = (day) => new Date(Date.parse(`${day}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);

const synthetic = [];
if (options['synthetic-to'] !== undefined) {
  const byDate = new Map(recorded.map((cells) => [cells[0], cells]));
  for (let day = nextDay(recorded.at(-1)[0]); day <= options['synthetic-to']; day = nextDay(day)) {
    const yearBefore = `${Number(day.slice(0, 4)) - 1}${day.slice(4)}`;
    const source = byDate.get(yearBefore);
    if (source === undefined) throw new Error(`no recorded day ${yearBefore} to repeat as the synthetic ${day}`);
    synthetic.push([day, ...source.slice(1)]);
  }
}

process.stdout.write(`${[HEADER, ...[...recorded, ...synthetic].map((cells) => cells.join(','))].join('\n')}\n`);
