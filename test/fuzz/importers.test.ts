import fc from 'fast-check';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'vitest';
import { importCbeciEnergy } from '../../src/import/cbeci-energy.js';
import { importCoinMetrics } from '../../src/import/coinmetrics.js';
import { importMiningMap } from '../../src/import/mining-map.js';
import { FIXTURES, shippedData } from '../helpers.js';
import { fuzzParameters, fuzzTimeoutMs, HOSTILE_TEXT } from './settings.js';
import { returnsOrRefuses } from './outcomes.js';

/**
 * The importers on random files: each real export (CBECI's daily electricity, its mining map, Coin Metrics' daily
 * data) cut short, with cells replaced by hostile or random text, lines dropped or repeated. An importer returns
 * records whose every number is finite, or throws a DataError or UsageError of plain text; nothing else.
 */
const data = await shippedData();
const sample = (name: string, lines: number) =>
  readFileSync(join(FIXTURES, 'import', name), 'utf8')
    .split('\n')
    .slice(0, lines);
const FILES = {
  energy: sample('cbeci_revised_daily_export_2010-07-18_2024-11-16.csv', 40),
  map: sample('cbeci_mining_countries_2019-09_2022-01.csv', 40),
  coinmetrics: sample('coinmetrics_btc_daily_hashrate_revenue_2010-07-18_2024-11-16.csv', 40),
};
const CELLS = [
  ...HOSTILE_TEXT,
  'NaN',
  '-1',
  '1e309',
  '1e40',
  '0',
  '',
  '2021-02-30',
  '0000-01-01',
  '"',
  '""',
  ',',
  '\n',
];
const cell = fc.oneof({ weight: 3, arbitrary: fc.constantFrom(...CELLS) }, { weight: 1, arbitrary: fc.string() });

/** A file's lines with random changes: cells replaced, lines dropped, repeated or swapped, the text cut short. */
const mutated = (lines: readonly string[]) =>
  fc
    .record({
      edits: fc.array(fc.tuple(fc.nat(lines.length - 1), fc.nat(6), cell), { maxLength: 6 }),
      drop: fc.array(fc.nat(lines.length - 1), { maxLength: 3 }),
      repeat: fc.option(fc.nat(lines.length - 1)),
      cut: fc.option(fc.nat(2_000)),
    })
    .map(({ edits, drop, repeat, cut }) => {
      const out = lines.map((line) => line.split(','));
      for (const [row, column, text] of edits) if (out[row]) out[row][column % out[row].length] = text;
      const kept = out.filter((_, i) => !drop.includes(i)).map((cells) => cells.join(','));
      if (repeat !== null && kept[repeat] !== undefined) kept.splice(repeat, 0, kept[repeat]);
      const text = kept.join('\n');
      return cut === null ? text : text.slice(0, cut);
    });

describe('the importers on random files', () => {
  it.each([
    ['cbeci-energy', FILES.energy, (text: string) => importCbeciEnergy(text, 'in.csv')],
    [
      'cbeci-mining-map',
      FILES.map,
      (text: string) => importMiningMap(text, 'in.csv', { source: 's', evidence: 'copy', regions: data.regions }),
    ],
    ['coinmetrics', FILES.coinmetrics, (text: string) => importCoinMetrics(text, 'in.csv', { skipIncomplete: true })],
  ] as const)(
    '%s returns finite records or refuses with a DataError or UsageError',
    (_, lines, run) => {
      fc.assert(
        fc.property(mutated(lines), (text) => returnsOrRefuses(() => run(text), JSON.stringify(text.slice(0, 300)))),
        fuzzParameters(150),
      );
    },
    fuzzTimeoutMs(20_000),
  );
});
