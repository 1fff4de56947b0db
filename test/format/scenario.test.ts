import { describe, expect, it } from 'vitest';
import type { ScenarioResult } from '../../src/core/scenario/scenario.js';
import { createColors } from '../../src/format/terminal/color.js';
import { renderScenario } from '../../src/format/text/scenario.js';
import { displayWidth, stripAnsi } from '../../src/format/terminal/width.js';

const footprint = (twh: number, mtco2: number) => ({ twh, mtco2 });

/** China banned with its hashrate spread over the rest: 40 of 100 TWh leave China, the network total stays 100. */
const banChina: ScenarioResult = {
  scenario: {
    year: 2021,
    month: null,
    basis: { series: 'test-series', twh: 100, source: 'hand-built', evidence: 'primary', coverage: 'year', factor: 1 },
    carbonBasis: 'life-cycle',
    bans: ['china'],
    redistribute: 'proportional',
    moves: [],
  },
  caveats: [],
  regions: [
    {
      id: 'china',
      sharePct: { before: 40, after: 0 },
      before: footprint(40, 24),
      after: footprint(0, 0),
      change: footprint(-40, -24),
    },
    {
      id: 'united-states',
      sharePct: { before: 35, after: 58.33333 },
      before: footprint(35, 14),
      after: footprint(58.33333, 23.33333),
      change: footprint(23.33333, 9.33333),
    },
  ],
  total: { before: footprint(100, 50), after: footprint(100, 42.5), change: footprint(0, -7.5) },
  uncertainty: null,
  warnings: [],
};

const plain = await createColors(false);
const linesOf = (text: string) => text.split('\n');
/** The table row whose first cell is `id`. */
const rowOf = (text: string, id: string) => linesOf(text).find((l) => stripAnsi(l).startsWith(`│ ${id} `));

describe('renderScenario', () => {
  for (const width of [80, 50]) {
    it(`fits ${width} columns`, () => {
      const text = renderScenario(banChina, plain, width);
      for (const line of linesOf(text)) expect(displayWidth(line)).toBeLessThanOrEqual(width);
    });
  }

  it('states the scenario and its world basis in the title', () => {
    const text = renderScenario(banChina, plain, 80);
    const title = linesOf(text).slice(0, 3).join(' ').replace(/\s+/g, ' ');
    expect(title).toContain('Scenario: ban china (redistribute: proportional); 2021');
    expect(title).toContain('world basis 100 TWh (series test-series)');
  });

  it('shows each region and the network with its share before → after, and signs a gain with +', () => {
    const text = renderScenario(banChina, plain, 80);
    const china = rowOf(text, 'china');
    const us = rowOf(text, 'united-states');
    const network = rowOf(text, 'network');
    expect(china).toContain('40 → 0');
    expect(china).toContain('-40');
    // Four significant digits for reading.
    expect(us).toContain('35 → 58.33');
    expect(us).toContain('+23.33');
    expect(us).not.toContain('58.333');
    expect(us).toContain('+9.333');
    // The network's share after is its energy after over before: 100 / 100.
    expect(network).toContain('100 → 100');
    expect(network).toContain('-7.5');
  });

  it('leaves out the "before" columns and says so when every column does not fit', () => {
    const narrow = renderScenario(banChina, plain, 80);
    expect(narrow).not.toContain('TWh before');
    expect(narrow).toContain('TWh after');
    expect(narrow.replace(/\s+/g, ' ')).toContain('Before = after − change; --json has both.');
    const wide = renderScenario(banChina, plain, 200);
    expect(wide).toContain('TWh before');
    expect(wide).toContain('Mt CO2 before');
    expect(wide).not.toContain('Before = after − change');
  });

  it('puts the network row in bold when colour is on, and nothing else changes', async () => {
    const colored = renderScenario(banChina, await createColors(true), 80);
    expect(rowOf(colored, 'network')).toContain('\u001b[1m');
    expect(rowOf(colored, 'united-states')).not.toContain('\u001b[1m');
    expect(stripAnsi(colored)).toBe(renderScenario(banChina, plain, 80));
  });

  it('describes moves and a month, and lists the Monte Carlo intervals when there are some', () => {
    const interval = (p5: number, p95: number) => ({ p5, p50: (p5 + p95) / 2, p95 });
    const band = { twh: interval(1, 2), mtco2: interval(3, 4) };
    const result: ScenarioResult = {
      ...banChina,
      scenario: {
        ...banChina.scenario,
        bans: [],
        month: '2021-04',
        moves: [{ from: 'china', to: 'united-states', pct: 50 }],
      },
      uncertainty: {
        settings: {
          samples: 1000,
          seed: 7,
          basisSpread: 0.2,
          shareSpreadPct: 1,
          intensitySpread: 0.1,
          breakSpread: 0.5,
        },
        total: { before: band, after: band, change: band },
        regions: [{ id: 'china', before: band, after: band, change: band }],
      },
    };
    for (const width of [80, 50]) {
      const text = renderScenario(result, plain, width);
      for (const line of linesOf(text)) expect(displayWidth(line)).toBeLessThanOrEqual(width);
      const flat = text.replace(/\s+/g, ' ');
      expect(flat).toContain('move 50% of china to united-states');
      expect(flat).not.toContain('redistribute');
      expect(flat).toContain('2021-04 shares on the 2021 total');
      expect(flat).toContain('90% intervals (1000 samples, seed 7):');
      expect(flat).toContain('china: TWh before 1 to 2, after 1 to 2; Mt CO2 change 3 to 4');
    }
    const names = new Map([
      ['china', 'China'],
      ['united-states', 'United States'],
    ]);
    const named = renderScenario(result, plain, 200, names);
    expect(named).toContain('move 50% of China to United States');
    expect(named).toContain('  China: TWh before 1 to 2');
    expect(named).toMatch(/│ China +│/);
    expect(named).not.toMatch(/│ china +│/);
  });
});
