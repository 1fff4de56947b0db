import { describe, expect, it } from 'vitest';
import type { NetworkResult } from '../../src/core/network/network.js';
import type { SeriesResult } from '../../src/core/network/network-series.js';
import { createColors } from '../../src/format/terminal/color.js';
import { renderModelTable, renderSeriesTable } from '../../src/format/text/network.js';
import { displayWidth, stripAnsi } from '../../src/format/terminal/width.js';

const machine = (model: string, jPerTh: number, approximate: boolean) => ({
  model,
  released: '2022-01-01',
  jPerTh,
  weight: 1,
  source: 'hand-built',
  evidence: 'primary' as const,
  approximate,
});

const bottomUp: NetworkResult = {
  method: 'bottom-up',
  inputs: { hashrateEhs: 600, thresholdJPerTh: 55, revenueUsdPerDay: null, date: '2024-06-01' },
  energy: { twh: 123.456, lowerTwh: 80.1234, upperTwh: 200.9876 },
  power: { gw: 14.0934, lowerGw: 9.1466, upperGw: 22.9438 },
  thresholdJPerTh: 55,
  eligible: [machine('S19', 34.5, false), machine('M30', 38, true)],
  warnings: [],
};

const topDown: NetworkResult = {
  method: 'top-down',
  inputs: { revenueUsdPerYear: 1e10, electricityShare: 0.6, priceUsdPerKwh: 0.05 },
  energy: { twh: 120, lowerTwh: null, upperTwh: null },
  power: { gw: 13.7, lowerGw: null, upperGw: null },
  thresholdJPerTh: null,
  eligible: [],
  warnings: [],
};

const plain = await createColors(false);
const linesOf = (text: string) => text.split('\n');
const rowOf = (text: string, first: string) => linesOf(text).find((l) => stripAnsi(l).startsWith(`│ ${first} `));
const expectFits = (text: string, width: number) => {
  for (const line of linesOf(text)) expect(displayWidth(line)).toBeLessThanOrEqual(width);
};

describe('renderModelTable', () => {
  for (const width of [80, 50]) {
    it(`fits ${width} columns, bottom-up and top-down`, () => {
      expectFits(renderModelTable(bottomUp, plain, width), width);
      expectFits(renderModelTable(topDown, plain, width), width);
    });
  }

  it('gives the best guess and both bounds in TWh a year and GW, rounded to four significant digits', () => {
    const text = renderModelTable(bottomUp, plain, 80);
    expect(rowOf(text, 'Best guess')).toMatch(/123\.5 .*14\.09 /);
    expect(rowOf(text, 'Lower bound')).toMatch(/80\.12 .*9\.147 /);
    expect(rowOf(text, 'Upper bound')).toMatch(/201 .*22\.94 /);
  });

  it('names the inputs given, not those left null, and the eligible machines with ≈ on approximate ones', () => {
    const text = renderModelTable(bottomUp, plain, 80);
    const flat = text.replace(/\s+/g, ' ');
    expect(flat).toContain('Network, bottom-up (hashrateEhs=600, thresholdJPerTh=55, date=2024-06-01)');
    expect(flat).not.toContain('revenueUsdPerDay');
    expect(flat).toContain('Threshold: 55 J/TH; 2 eligible machines');
    expect(rowOf(text, 'S19')).toMatch(/2022-01-01 .*34\.5 .*primary/);
    expect(rowOf(text, 'M30 ≈')).toBeDefined();
    expect(rowOf(text, 'S19 ≈')).toBeUndefined();
  });

  it('says "machine" for one', () => {
    const one = renderModelTable({ ...bottomUp, eligible: [machine('S19', 34.5, false)] }, plain, 80);
    expect(one).toContain('1 eligible machine\n');
  });

  it('has no bounds and no machine list without them (top-down)', () => {
    const text = renderModelTable(topDown, plain, 80);
    expect(rowOf(text, 'Best guess')).toMatch(/120 .*13\.7 /);
    expect(text).not.toContain('Lower bound');
    expect(text).not.toContain('Threshold');
    expect(text).not.toContain('Model');
  });

  it('puts the title in bold when colour is on and changes nothing else', async () => {
    const colored = renderModelTable(bottomUp, await createColors(true), 80);
    expect(colored.startsWith('\u001b[1mNetwork, bottom-up')).toBe(true);
    expect(stripAnsi(colored)).toBe(renderModelTable(bottomUp, plain, 80));
  });
});

const day = (date: string, twh: number | null, windowDays = 14): SeriesResult => ({
  date,
  hashrateEhs: 612.345,
  rawThresholdJPerTh: 30,
  thresholdJPerTh: 29.87654,
  thresholdWindowDays: windowDays,
  averageWindowDays: 1,
  eligible: twh === null ? 0 : 12,
  energy: { twh, lowerTwh: twh === null ? null : twh * 0.8, upperTwh: twh === null ? null : twh * 1.5 },
  power: { gw: null, lowerGw: null, upperGw: null },
});

describe('renderSeriesTable', () => {
  const days = [day('2024-11-01', 150), day('2024-11-03', null, 13)];

  for (const width of [80, 50]) {
    it(`fits ${width} columns, with and without the Days column`, () => {
      expectFits(renderSeriesTable(days, true, width), width);
      expectFits(renderSeriesTable(days, false, width), width);
    });
  }

  it('gives one row a day, rounded, with empty cells where no machine is eligible', () => {
    const text = renderSeriesTable(days, false, 80);
    expect(rowOf(text, '2024-11-01')).toMatch(/612\.3 .*29\.88 .*12 .*150 .*120 .*225 /);
    const empty = rowOf(text, '2024-11-03') ?? '';
    expect(empty).toMatch(/ 0 │ +│ +│ +│$/);
  });

  it('shows the days in the threshold window only across a gap', () => {
    expect(renderSeriesTable(days, false, 80)).not.toContain('Days');
    const withGaps = renderSeriesTable(days, true, 80);
    expect(withGaps).toContain('Days');
    expect(rowOf(withGaps, '2024-11-03')).toMatch(/29\.88 │ +13 │/);
  });
});
