import { describe, expect, it } from 'vitest';
import { checkClaims, type Verdict } from '../../src/core/claims.js';
import type { Seed } from '../../src/data/seed-schema.js';
import { loadSeeds } from '../../src/data/seeds.js';
import { shippedData } from '../helpers.js';
import { share, tinyDataset, trusted } from './fixtures.js';

// Each claim's verdict on the shipped data. A data change that flips one must fail here.
const EXPECTED: Record<string, Verdict> = {
  'reuters-2021-sichuan/sichuan-share-april-2021': 'not checkable',
  'reuters-2021-sichuan/sichuan-second-province': 'reproduced',
  'reuters-2021-sichuan/china-over-half-april-2021': 'contradicted',
  'reuters-2021-sichuan/china-over-half-february-2021': 'reproduced',
  'reuters-2021-sichuan/china-over-half-2025': 'contradicted',
  'reuters-2021-sichuan/china-peak-2024': 'reproduced',
  'reuters-2021-sichuan/china-peak-2024-measured': 'contradicted',
  'reuters-2021-sichuan/peak-above-italy-saudi-cia-2016': 'reproduced',
  'reuters-2021-sichuan/peak-above-italy-saudi-ember-2016': 'contradicted',
  'reuters-2021-sichuan/shift-to-north-america-central-asia': 'reproduced',
  'beijing-2023-clause18/mining-moved-to-us': 'reproduced',
  'beijing-2023-clause18/beijing-purge': 'not checkable',
  'beijing-2023-clause18/eia-survey': 'not checkable',
};

describe('the seed claims against the shipped data', async () => {
  const results = checkClaims(await shippedData(), await loadSeeds());

  it('covers exactly the expected claims', () => {
    expect(results.map((r) => `${r.document}/${r.id}`).sort()).toEqual(Object.keys(EXPECTED).sort());
  });

  it.each(Object.entries(EXPECTED))('%s is %s', (key, verdict) => {
    expect(results.find((r) => `${r.document}/${r.id}` === key)?.verdict).toBe(verdict);
  });

  const figure = (id: string) => results.find((r) => r.id === id)?.figure ?? '';

  it('says the Sichuan figure is circular and gives the independent evidence', () => {
    expect(figure('sichuan-share-april-2021')).toMatch(/only because this document reported it/);
    expect(figure('sichuan-share-april-2021')).toMatch(/9\.66% in 2020-04 \(cbeci-provinces-2020\)/);
  });

  it('reports the month behind each "over half" verdict', () => {
    expect(figure('china-over-half-april-2021')).toBe('46.04% in 2021-04 (cbeci-mining-map)');
    expect(figure('china-over-half-february-2021')).toBe('51.58% in 2021-02 (cbeci-mining-map)');
  });

  it("checks 'over half' against every month recorded in 2025", () => {
    expect(figure('china-over-half-2025')).toBe(
      '0 of the 3 months recorded in 2025 above 50%: 13.73% in 2025-05 (hashrateindex-heatmap-2025-05, secondhand); 13.84% in 2025-07 (hashrateindex-heatmap-2025-07, secondhand); 14% in 2025-10 (hashrateindex-2025-10, secondhand)',
    );
  });

  it('sets the 2024 projection against the 2024 estimate from the data and says by how much it is off', () => {
    // Measured: CBECI's 136.6227 TWh over 321 days of 2024, × 366/321, × China's share interpolated between
    // January 2022 (21.11%) and May 2025 (13.727%) at the middle of 2024, 29.5 of the 40 months: 15.665% = 24.4 TWh.
    const sharePct = 21.11 + (13.727 - 21.11) * (29.5 / 40);
    const measured = (136.6227 * 366 * sharePct) / 321 / 100;
    expect(measured).toBeCloseTo(24.4, 1);
    const text = figure('china-peak-2024-measured');
    expect(text).toContain(
      'China 2024 projected at 296.6 TWh (jiang-2021); estimated from the data at 24.4 TWh = 155.8 TWh (cbeci 2024, computed, 321 days annualised) × 15.67% of World interpolated between 2022-01 and 2025-05',
    );
    expect(text).toContain(`The projection is ${Number((296.59 / measured).toPrecision(3))} times that estimate`);
    expect(text).toContain(`${Number((296.59 - measured).toPrecision(4))} TWh too high`);
    expect(text).toMatch(/other totals for 2024 give 21\.62 TWh/); // CDMIR's 138 TWh × 15.665%
  });

  it('gives the 12th rank on the CIA list and the Ember figures that contradict the claim', () => {
    expect(figure('peak-above-italy-saudi-cia-2016')).toMatch(
      /Italy 293\.5, Saudi Arabia 296\.2 on cia-2016.*rank 12 of 215/,
    );
    expect(figure('peak-above-italy-saudi-ember-2016')).toMatch(/Italy 324\.23, Saudi Arabia 345\.5 on ember-2016/);
  });
});

describe('claim checks on a small dataset', () => {
  const seed = (check: Seed['claims'][number]['check'], source = 'doc'): Seed => ({
    document: { id: 'doc', title: 'A document', published: '2021', source },
    claims: [{ id: 'c', claim: 'a claim', check }],
  });
  const verdict = (check: Seed['claims'][number]['check'], data = tinyDataset()) =>
    checkClaims(data, [seed(check)])[0]?.verdict;

  it.each([
    [{ type: 'share', region: 'a', month: '2020-01', expectedPct: 41, tolerancePct: 1 }, 'reproduced'],
    [{ type: 'share', region: 'a', month: '2020-01', expectedPct: 45, tolerancePct: 1 }, 'contradicted'],
    [{ type: 'share', region: 'a', month: '2030-01', expectedPct: 45, tolerancePct: 1 }, 'not checkable'],
    [{ type: 'share-rank', region: 'b', month: '2020-01', rank: 1 }, 'reproduced'],
    [{ type: 'share-rank', region: 'a', month: '2020-01', rank: 1 }, 'contradicted'],
    [{ type: 'share-above', region: 'a', other: 'b', from: '2020-02' }, 'reproduced'],
    [{ type: 'share-above', region: 'a', other: 'b', from: '2020-01' }, 'contradicted'],
    [{ type: 'share-threshold', region: 'a', month: '2020-02', abovePct: 50 }, 'reproduced'],
    [{ type: 'share-threshold', region: 'a', month: '2020-02', abovePct: 60 }, 'contradicted'],
    [{ type: 'shares-rise', regions: ['a'], from: '2020-01', to: '2020-02' }, 'reproduced'],
    [{ type: 'shares-rise', regions: ['b'], from: '2020-01', to: '2020-02' }, 'contradicted'],
    [{ type: 'series-value', series: 'proj', year: 2024, expectedTwh: 401, toleranceTwh: 1 }, 'reproduced'],
    [{ type: 'figure-above', figure: { twh: 31 }, baseline: 'list', countries: ['Bland', 'Cland'] }, 'reproduced'],
    [
      { type: 'figure-above', figure: { series: 'proj', year: 2024 }, baseline: 'list', countries: ['Aland'] },
      'contradicted',
    ],
    [{ type: 'figure-above', figure: { twh: 31 }, baseline: 'list', countries: ['Nowhere'] }, 'not checkable'],
    [{ type: 'share-threshold', region: 'a', year: 2020, abovePct: 30 }, 'reproduced'],
    [{ type: 'share-threshold', region: 'a', year: 2020, abovePct: 50 }, 'contradicted'],
    [{ type: 'share-threshold', region: 'a', year: 2019, abovePct: 50 }, 'not checkable'],
    // Aland 2020 measured: 50% of the world's 100 TWh = 50 TWh.
    [{ type: 'projection-vs-measured', series: 'net', year: 2020, region: 'a', toleranceRatio: 1.1 }, 'reproduced'],
    [{ type: 'projection-vs-measured', series: 'net', year: 2020, region: 'a', toleranceRatio: 0.5 }, 'contradicted'],
    [{ type: 'projection-vs-measured', series: 'proj', year: 2024, region: 'a', toleranceRatio: 1 }, 'not checkable'],
    [{ type: 'none', reason: 'no data' }, 'not checkable'],
  ] as const)('%j → %s', (check, expected) => {
    expect(verdict(check as Seed['claims'][number]['check'])).toBe(expected);
  });

  it('will not confirm a share whose only record comes from the claiming document', () => {
    // The claiming document's own record (its source no source record of the data): taken as checked.
    const data = trusted(tinyDataset({ shares: [share('a', '2020-01', 40, { source: 'doc' })] }));
    expect(verdict({ type: 'share', region: 'a', month: '2020-01', expectedPct: 40, tolerancePct: 1 }, data)).toBe(
      'not checkable',
    );
  });
});
