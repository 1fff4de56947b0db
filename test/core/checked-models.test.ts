import { describe, expect, it } from 'vitest';
import {
  annualFactor,
  bottomUp,
  DataError,
  gwFromTwhPerYear,
  mtco2FromTwh,
  thresholdJPerTh,
  topDownTwh,
  UsageError,
} from '../../src/index.js';

const machine = {
  model: 'Test S1',
  released: '2020-01-01',
  jPerTh: 30,
  source: 'test',
  evidence: 'primary' as const,
};
const day = {
  hashrateThs: 100e6,
  thresholdJPerTh: 50,
  date: '2021-06-01',
  hardware: [machine],
  weighting: 'mean' as const,
  overheads: { lower: 1.01, best: 1.1, upper: 1.2 },
};

describe("the library's small model functions", () => {
  it('compute as before from sound arguments (hand-computed)', () => {
    // 8.766 TWh a year is 1 GW; 10 TWh at 450 g/kWh is 4.5 Mt
    expect(gwFromTwhPerYear(8.766)).toBeCloseTo(1, 12);
    expect(mtco2FromTwh(10, 450)).toBeCloseTo(4.5, 12);
    // 60% of 10 billion USD at 0.05 USD/kWh: 6e9 / 0.05 = 1.2e11 kWh = 120 TWh
    expect(topDownTwh(10e9, 0.6, 0.05)).toBeCloseTo(120, 9);
    // 40 million USD over 500 EH/s (5e8 TH/s) for 86,400 s, at 0.05 USD/kWh (1.3889e-8 USD/J):
    // 40e6 / (5e8 × 86400) / (0.05 / 3.6e6) = 66.67 J/TH
    expect(thresholdJPerTh(40e6, 5e8, 0.05)).toBeCloseTo(40e6 / (5e8 * 86_400) / (0.05 / 3.6e6), 9);
    // 100 EH/s (1e8 TH/s) at 30 J/TH with an overhead of 1.1: 3e9 W × 1.1 = 3.3 GW
    const result = bottomUp(day);
    expect(result.ok && result.result.power.gw).toBeCloseTo(3.3, 9);
    // 321 days of a leap year, annualised: 366 / 321
    expect(annualFactor({ year: 2024, twh: 1, coverage: 'partial-year', days: 321 } as never, 2024)).toBeCloseTo(
      366 / 321,
      12,
    );
  });

  it.each([
    ['gwFromTwhPerYear(NaN)', () => gwFromTwhPerYear(Number.NaN), /^twh: expected/],
    ['gwFromTwhPerYear(-1)', () => gwFromTwhPerYear(-1), /^twh: expected/],
    ['mtco2FromTwh(1, Infinity)', () => mtco2FromTwh(1, Number.POSITIVE_INFINITY), /^gco2PerKwh: expected/],
    ['topDownTwh with a share of 2', () => topDownTwh(1e9, 2, 0.05), /^electricityShare: expected/],
    ['thresholdJPerTh over no hash rate', () => thresholdJPerTh(1e6, 0, 0.05), /^hashrateThs: expected/],
    ['thresholdJPerTh with NaN revenue', () => thresholdJPerTh(Number.NaN, 1e8, 0.05), /^revenueUsdPerDay: /],
    ['bottomUp with a NaN threshold', () => bottomUp({ ...day, thresholdJPerTh: Number.NaN }), /^thresholdJPerTh: /],
    ['bottomUp with weighting bogus', () => bottomUp({ ...day, weighting: 'bogus' as never }), /^weighting: /],
    [
      'annualFactor of 0 days',
      () => annualFactor({ year: 2024, twh: 1, coverage: 'partial-year', days: 0 } as never, 2024),
      /^value\.days: /,
    ],
    ['annualFactor in year 0', () => annualFactor({ year: 2024, twh: 1 } as never, 0), /^year: expected/],
  ])('%s is refused with a UsageError', (_, run, message) => {
    expect(run).toThrow(UsageError);
    expect(run).toThrow(message);
  });

  it('refuses a machine of −10 J/TH in bottomUp as a data problem', () => {
    expect(() => bottomUp({ ...day, hardware: [{ ...machine, jPerTh: -10 }] })).toThrow(DataError);
  });
});

describe('renderEstimatesCsv', () => {
  it('refuses what is not a list of estimate records, rather than writing empty rows or a TypeError', async () => {
    const { renderEstimatesCsv } = await import('../../src/index.js');
    expect(() => renderEstimatesCsv([{}] as never)).toThrow(/item 0 is not one/);
    expect(() => renderEstimatesCsv('x' as never)).toThrow(UsageError);
  });
});
