#!/usr/bin/env node
// Makes test/fixtures/live/coinmetrics-btc.csv, the days the tests' local Coin Metrics server serves, from a daily
// CSV of Coin Metrics' community data (date, mean_hash_rate_ths, miner_revenue_usd, total_issuance_usd, fees_usd,
// blocks, fees_btc, price_usd) and the shipped data/network-inputs.csv. The week before the CSV's first day is
// made from the shipped file (its revenue split as issuance plus 10 BTC of fees at 90,000 USD), so that an update
// starting from the shipped data finds the days it asks again.
//
//   node scripts/coinmetrics-fixture.mjs <coinmetrics_btc_daily.csv> [data/network-inputs.csv] > test/fixtures/live/coinmetrics-btc.csv
import { readFileSync } from 'node:fs';

const [reference, shipped = 'data/network-inputs.csv'] = process.argv.slice(2);
if (reference === undefined) {
  process.stderr.write(
    'usage: node scripts/coinmetrics-fixture.mjs <coinmetrics_btc_daily.csv> [network-inputs.csv]\n',
  );
  process.exit(2);
}
const lines = (path) => readFileSync(path, 'utf8').trim().split(/\r?\n/);
const [header, ...rows] = lines(reference);
const column = Object.fromEntries(header.split(',').map((name, index) => [name, index]));
for (const name of ['date', 'mean_hash_rate_ths', 'total_issuance_usd', 'blocks', 'fees_btc', 'price_usd']) {
  if (column[name] === undefined) throw new Error(`${reference} has no column ${name}`);
}
const out = ['date,HashRate,BlkCnt,IssTotUSD,FeeTotNtv,PriceUSD'];
const first = rows[0].split(',')[column.date];
const week = lines(shipped)
  .slice(1)
  .map((line) => line.split(','))
  .filter(([date]) => date < first)
  .slice(-6);
for (const [date, hashrateEhs, revenueUsd] of week) {
  const fees = 10 * 90_000;
  out.push(
    [
      date,
      String(Number((Number(hashrateEhs) * 1e6).toPrecision(12))),
      '144',
      String(Number(revenueUsd) - fees),
      '10',
      '90000',
    ].join(','),
  );
}
for (const row of rows) {
  const cells = row.split(',');
  out.push(
    [
      cells[column.date],
      cells[column.mean_hash_rate_ths],
      cells[column.blocks],
      cells[column.total_issuance_usd],
      cells[column.fees_btc],
      cells[column.price_usd],
    ].join(','),
  );
}
process.stdout.write(`${out.join('\n')}\n`);
