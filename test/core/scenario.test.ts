import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bottomUp, CBECI_OVERHEADS } from '../../src/core/network/bottom-up.js';
import { estimate } from '../../src/core/estimate.js';
import { indexData, regionChain } from '../../src/core/regions/lookup.js';
import { runScenario, type ScenarioInput } from '../../src/core/scenario/scenario.js';
import { shippedData } from '../helpers.js';

const data = await shippedData();
const index = indexData(data);
type Shares = Map<string, number>;
/** The world shares (0–100) before and after a scenario in 2021, as `scenario` computes them. */
function sharesOf(input: ScenarioInput): { before: Shares; after: Shares } {
  const result = runScenario(index, input, { year: 2021 });
  const worldPct = (twh: number) => (twh / result.scenario.basis.twh) * 100;
  return {
    before: new Map([
      ['world', worldPct(result.total.before.twh)],
      ...result.regions.map((r) => [r.id, r.sharePct.before] as const),
    ]),
    after: new Map([
      ['world', worldPct(result.total.after.twh)],
      ...result.regions.map((r) => [r.id, r.sharePct.after] as const),
    ]),
  };
}
const before2021 = sharesOf({ bans: [], redistribute: { kind: 'proportional' }, moves: [] }).before;
const applyScenario = (input: ScenarioInput) => sharesOf(input).after;
const regionIds = [...before2021.keys()].filter((id) => id !== 'world');
const childrenOf = (parent: string) =>
  data.regions.filter((r) => r.parent === parent && before2021.has(r.id)).map((r) => r.id);
const sum = (shares: Map<string, number>, ids: string[]) => ids.reduce((total, id) => total + (shares.get(id) ?? 0), 0);

describe('scenario on the shipped data', () => {
  it("reproduces the 2021 migration: banning China in the 2021 shares gives the US, Kazakhstan and Russia within 1.5 points of August 2021's", () => {
    const after = applyScenario({
      bans: ['china'],
      redistribute: { kind: 'proportional' },
      moves: [],
    });
    const observed = { 'united-states': 35.4, kazakhstan: 18.1, russia: 11.23 };
    for (const [region, pct] of Object.entries(observed)) {
      expect(Math.abs((after.get(region) ?? 0) - pct)).toBeLessThanOrEqual(1.5);
    }
    expect(after.get('china')).toBe(0);
    expect(after.get('sichuan')).toBe(0);
  });

  it('keeps the total under proportional redistribution and shrinks it by the banned share under none', () => {
    const proportional = runScenario(
      index,
      { bans: ['china'], redistribute: { kind: 'proportional' }, moves: [] },
      { year: 2021 },
    );
    expect(proportional.total.change.twh).toBe(0);
    expect(proportional.total.after.twh).toBeCloseTo(89, 2);
    const none = runScenario(index, { bans: ['china'], redistribute: { kind: 'none' }, moves: [] }, { year: 2021 });
    expect(none.total.after.twh).toBeCloseTo(89.0022 * (1 - (before2021.get('china') ?? 0) / 100), 9);
    expect(none.regions.find((r) => r.id === 'united-states')?.change.twh).toBe(0);
  });

  it('sends a banned region to a named one, and a move from hydro to coal raises carbon without changing energy', () => {
    const toXinjiang = runScenario(
      index,
      { bans: ['sichuan'], redistribute: { kind: 'region', region: 'xinjiang' }, moves: [] },
      { year: 2021 },
    );
    const sichuan = toXinjiang.regions.find((r) => r.id === 'sichuan');
    const xinjiang = toXinjiang.regions.find((r) => r.id === 'xinjiang');
    expect(xinjiang?.change.twh).toBeCloseTo(sichuan?.before.twh ?? Number.NaN, 9);
    expect(toXinjiang.total.change.twh).toBe(0);
    expect(toXinjiang.total.change.mtco2).toBeGreaterThan(0);
    expect(toXinjiang.regions.find((r) => r.id === 'china')?.change.twh).toBe(0);
  });

  it('moves a percentage of one region to another, the destination keeping its internal distribution', () => {
    const result = runScenario(
      index,
      { bans: [], redistribute: { kind: 'proportional' }, moves: [{ from: 'china', to: 'united-states', pct: 50 }] },
      { year: 2021 },
    );
    const china = result.regions.find((r) => r.id === 'china');
    const texas = result.regions.find((r) => r.id === 'texas');
    expect(china?.sharePct.after).toBeCloseTo((china?.sharePct.before ?? 0) / 2, 9);
    const us = result.regions.find((r) => r.id === 'united-states');
    const growth = (us?.sharePct.after ?? 0) / (us?.sharePct.before ?? 1);
    expect((texas?.sharePct.after ?? 0) / (texas?.sharePct.before ?? 1)).toBeCloseTo(growth, 9);
  });

  it.each([
    [{ bans: ['world'], redistribute: { kind: 'proportional' as const }, moves: [] }, /whole network/],
    [{ bans: ['nowhere'], redistribute: { kind: 'proportional' as const }, moves: [] }, /Unknown region "nowhere"/],
    [
      { bans: ['china'], redistribute: { kind: 'region' as const, region: 'sichuan' }, moves: [] },
      /inside the banned china/,
    ],
    [
      { bans: [], redistribute: { kind: 'proportional' as const }, moves: [{ from: 'china', to: 'sichuan', pct: 10 }] },
      /one region contains the other/,
    ],
  ])('refuses %j', (input, message) => {
    expect(() => runScenario(index, input, { year: 2021 })).toThrow(message);
  });

  it('needs a world total for the year, chosen as estimate chooses it (the projection for China is no world total)', () => {
    const ban = { bans: ['china'], redistribute: { kind: 'proportional' as const }, moves: [] };
    expect(() => runScenario(index, ban, { year: 2030 })).toThrow(
      /No network total \(published, computed here or read on one day\) covers 2030 for World/,
    );
    expect(() => runScenario(index, ban, { year: 2024, series: 'jiang-2021' })).toThrow(/not a world series/);
    const partial = runScenario(index, ban, { year: 2024 });
    expect(partial.scenario.basis).toMatchObject({ series: 'cbeci', coverage: 'partial-year', evidence: 'computed' });
    expect(partial.scenario.basis.twh).toBeCloseTo((136.6227 * 366) / 321, 9);
    expect(partial.warnings.map((w) => w.message).join('\n')).toMatch(/covers 321 days of 2024/);
    expect(partial.caveats).toEqual([
      'partial-year',
      'secondhand',
      'pre-break-share',
      'stale-share',
      'interpolated-share',
      'approximate',
    ]);
    const direct = runScenario(
      index,
      { bans: ['sichuan'], redistribute: { kind: 'region', region: 'xinjiang' }, moves: [] },
      { year: 2021, carbonBasis: 'direct' },
    );
    // The provinces have life-cycle intensities only: each keeps its own, on that basis, and the move still costs.
    expect(direct.total.change.mtco2).toBeGreaterThan(0);
    expect(direct.caveats).toContain('carbon-basis');
    expect(direct.warnings.map((w) => w.message).join('\n')).toMatch(
      /Carbon mixes bases: xinjiang, sichuan, .* counted at their own on the other basis/,
    );
  });
});

describe('scenario --uncertainty with the shares drawn', () => {
  const input = { bans: ['sichuan'], redistribute: { kind: 'region' as const, region: 'xinjiang' }, moves: [] };
  const settings = { samples: 4000, seed: 11, basisSpread: 0, shareSpreadPct: 0, intensitySpread: 0, breakSpread: 0 };

  // UNU's two-year total has no bounds, so on it the basis is exact.
  const exact = { year: 2021, series: 'unu-2023' };

  it('collapses to the plain result when nothing may vary (a basis without bounds, every spread 0)', () => {
    const result = runScenario(index, input, { ...exact, uncertainty: settings });
    const u = result.uncertainty;
    expect(u?.regions.map((r) => r.id)).toEqual(['sichuan', 'xinjiang']);
    for (const r of u?.regions ?? []) {
      const plain = result.regions.find((p) => p.id === r.id);
      for (const q of ['p5', 'p50', 'p95'] as const) {
        expect(r.after.twh[q]).toBeCloseTo(plain?.after.twh ?? Number.NaN, 9);
        expect(r.change.mtco2[q]).toBeCloseTo(plain?.change.mtco2 ?? Number.NaN, 9);
      }
    }
    expect(u?.total.change.mtco2.p50).toBeCloseTo(result.total.change.mtco2, 9);
  });

  it("spreads an approximate share by ± --share-spread points: Sichuan's 10% of China", () => {
    const result = runScenario(index, input, { ...exact, uncertainty: { ...settings, shareSpreadPct: 1 } });
    const sichuan = result.uncertainty?.regions[0];
    const china = result.regions.find((r) => r.id === 'china');
    const chinaTwh = china?.before.twh ?? Number.NaN;
    // Sichuan is 10% ± 1 of China, uniform: its 5th and 95th percentiles near 9.1% and 10.9% of China's energy.
    expect(sichuan?.before.twh.p5 ?? Number.NaN).toBeCloseTo(0.091 * chinaTwh, 1);
    expect(sichuan?.before.twh.p95 ?? Number.NaN).toBeCloseTo(0.109 * chinaTwh, 1);
  });

  it('widens a share recorded before a ban and applied after it by ± --break-spread of its value', () => {
    // Sichuan's 10% of China is from April 2021, before China's ban of June 2021: applied to 2021 it is drawn
    // within 10 ± 5 (break spread 0.5), wider than its approximate ± 1 point.
    const result = runScenario(index, input, {
      ...exact,
      uncertainty: { ...settings, shareSpreadPct: 1, breakSpread: 0.5 },
    });
    const sichuan = result.uncertainty?.regions[0];
    const chinaTwh = result.regions.find((r) => r.id === 'china')?.before.twh ?? Number.NaN;
    expect(sichuan?.before.twh.p5 ?? Number.NaN).toBeCloseTo(0.055 * chinaTwh, 1);
    expect(sichuan?.before.twh.p95 ?? Number.NaN).toBeCloseTo(0.145 * chinaTwh, 1);
  });

  it('keeps the total in every sample under proportional redistribution, whatever the shares drawn', () => {
    const result = runScenario(
      index,
      { bans: ['china'], redistribute: { kind: 'proportional' }, moves: [] },
      { year: 2021, uncertainty: { ...settings, shareSpreadPct: 5 } },
    );
    const change = result.uncertainty?.total.change.twh;
    for (const q of ['p5', 'p50', 'p95'] as const) expect(Math.abs(change?.[q] ?? Number.NaN)).toBeLessThan(1e-9);
  });
});

describe('scenario invariants (property tests)', () => {
  const region = fc.constantFrom(...regionIds);

  it("keeps each parent's children summing to what they summed before, after any proportional ban", () => {
    fc.assert(
      fc.property(fc.uniqueArray(region, { minLength: 1, maxLength: 3 }), (bans) => {
        const after = applyScenario({ bans, redistribute: { kind: 'proportional' }, moves: [] });
        const inside = (id: string, ancestor: string) => regionChain(index, id).some((r) => r.id === ancestor);
        for (const parent of ['world', 'china', 'united-states']) {
          if (bans.some((banned) => inside(parent, banned))) continue;
          const kids = childrenOf(parent);
          if (kids.every((kid) => bans.some((banned) => inside(kid, banned)))) continue;
          const parentGrowth = (after.get(parent) ?? 0) / (before2021.get(parent) ?? 1);
          expect(sum(after, kids)).toBeCloseTo(sum(before2021, kids) * parentGrowth, 6);
        }
        expect(after.get('world')).toBeCloseTo(100, 9);
      }),
    );
  });

  it('never gives a negative share, and moves keep the total', () => {
    fc.assert(
      fc.property(region, region, fc.double({ min: 0.1, max: 100, noNaN: true }), (from, to, pct) => {
        const nested = (a: string, b: string) => {
          for (let r = index.regions.get(b); r; r = r.parent ? index.regions.get(r.parent) : undefined)
            if (r.id === a) return true;
          return false;
        };
        fc.pre(!nested(from, to) && !nested(to, from));
        const after = applyScenario({
          bans: [],
          redistribute: { kind: 'none' },
          moves: [{ from, to, pct }],
        });
        for (const value of after.values()) expect(value).toBeGreaterThanOrEqual(-1e-9);
        expect(after.get('world')).toBeCloseTo(100, 9);
      }),
    );
  });

  it('keeps lower ≤ best ≤ upper and energy ≥ 0 in the bottom-up model', () => {
    const machine = fc.record({
      model: fc.string({ minLength: 1, maxLength: 8 }),
      released: fc.constantFrom('2019-01-01', '2020-06-15', '2021-03-01', '2022-09-30'),
      jPerTh: fc.double({ min: 5, max: 200, noNaN: true }),
      source: fc.constant('test'),
      evidence: fc.constant('primary' as const),
    });
    fc.assert(
      fc.property(
        fc.array(machine, { minLength: 1, maxLength: 12 }),
        fc.double({ min: 1, max: 1000, noNaN: true }),
        fc.double({ min: 1, max: 300, noNaN: true }),
        fc.constantFrom('age' as const, 'mean' as const),
        (hardware, hashrateEhs, threshold, weighting) => {
          const outcome = bottomUp({
            hashrateThs: hashrateEhs * 1e6,
            thresholdJPerTh: threshold,
            date: '2023-01-01',
            hardware,
            weighting,
            overheads: CBECI_OVERHEADS,
          });
          if (!outcome.ok) return;
          const { twh, lowerTwh, upperTwh } = outcome.result.energy;
          expect(lowerTwh).toBeGreaterThanOrEqual(0);
          expect(lowerTwh).toBeLessThanOrEqual(twh * (1 + 1e-12));
          expect(twh).toBeLessThanOrEqual(upperTwh * (1 + 1e-12));
        },
      ),
    );
  });
});

describe('one carbon model', () => {
  const nothing = { bans: [], redistribute: { kind: 'proportional' }, moves: [] } as const;
  const years = Array.from({ length: 12 }, (_, i) => 2014 + i);
  const scenarios = years.flatMap((year) => {
    try {
      return [runScenario(index, { ...nothing, bans: [], moves: [] }, { year })];
    } catch {
      return [];
    }
  });

  it('covers the years the shipped world series measure', () => {
    expect(scenarios.map((s) => s.scenario.year)).toEqual(expect.arrayContaining([2019, 2020, 2021, 2022, 2023, 2024]));
  });

  it("gives every country and the world the same carbon in estimate as in scenario's before, every year", () => {
    let compared = 0;
    for (const result of scenarios) {
      const { year } = result.scenario;
      const rows = [
        { id: 'world', before: result.total.before },
        ...result.regions.filter((r) => index.regions.get(r.id)?.kind === 'country'),
      ];
      for (const row of rows) {
        const e = estimate(data, row.id, { year, series: result.scenario.basis.series });
        // Relative 1e-12: the two multiply the same factors in a different order.
        expect(e.energy.twh).toBeCloseTo(row.before.twh, 9);
        expect(Math.abs((e.carbon?.mtco2 ?? Number.NaN) - row.before.mtco2)).toBeLessThanOrEqual(
          1e-12 * Math.max(1, row.before.mtco2),
        );
        compared++;
      }
    }
    expect(compared).toBeGreaterThan(50);
  });
});

describe('runScenario checks its input as the command line does, naming the input by its fields', () => {
  it.each([
    [
      { bans: [], redistribute: { kind: 'proportional' }, moves: [{ from: 'sichuan', to: 'xinjiang', pct: 150 }] },
      /^moves\[0\]\.pct: expected a percentage above 0 and at most 100, not 150\.$/,
    ],
    [
      { bans: [], redistribute: { kind: 'proportional' }, moves: [{ from: 'sichuan', to: 'xinjiang', pct: -50 }] },
      /not -50/,
    ],
    [
      {
        bans: [],
        redistribute: { kind: 'proportional' },
        moves: [{ from: 'sichuan', to: 'xinjiang', pct: Number.NaN }],
      },
      /not NaN/,
    ],
    [
      { bans: ['china'], redistribute: { kind: 'bogus' }, moves: [] },
      /^redistribute\.kind: expected proportional, none or a region, not "bogus"\.$/,
    ],
    [
      {
        bans: [],
        redistribute: { kind: 'proportional' },
        moves: [
          { from: 'sichuan', to: 'xinjiang', pct: 60 },
          { from: 'sichuan', to: 'yunnan', pct: 50 },
        ],
      },
      /60% \+ 50% of sichuan's hashrate move out, more than the 100% it has/,
    ],
    [
      {
        bans: ['china'],
        redistribute: { kind: 'proportional' },
        moves: [{ from: 'china', to: 'united-states', pct: 50 }],
      },
      /^moves\[0\]: china is banned; a move cannot take hashrate into or out of a banned region\.$/,
    ],
    [
      {
        bans: ['sichuan'],
        redistribute: { kind: 'proportional' },
        moves: [{ from: 'xinjiang', to: 'sichuan', pct: 50 }],
      },
      /sichuan is banned/,
    ],
    [
      { bans: ['china'], redistribute: { kind: 'none' }, moves: [{ from: 'sichuan', to: 'texas', pct: 50 }] },
      /sichuan is inside the banned china/,
    ],
    [
      { bans: ['sichuan'], redistribute: { kind: 'none' }, moves: [{ from: 'china', to: 'texas', pct: 50 }] },
      /china contains the banned sichuan/,
    ],
    [
      {
        bans: [],
        redistribute: { kind: 'proportional' },
        moves: [
          { from: 'china', to: 'united-states', pct: 10 },
          { from: 'sichuan', to: 'texas', pct: 10 },
        ],
      },
      /china and sichuan lie one inside the other/,
    ],
    [
      { bans: [], redistribute: { kind: 'proportional' }, moves: [{ from: 'sichuan', to: 'sichuan', pct: 10 }] },
      /cannot move hashrate to itself/,
    ],
  ])('refuses %j', (input, message) => {
    expect(() => runScenario(index, input as unknown as ScenarioInput, { year: 2021 })).toThrow(message);
  });
});

describe('moves, applied together on the shares before the scenario', () => {
  const sichuan = before2021.get('sichuan') ?? 0;
  const xinjiang = before2021.get('xinjiang') ?? 0;
  const yunnan = before2021.get('yunnan') ?? 0;
  const china = before2021.get('china') ?? 0;

  it('empties Sichuan with 60% and 40% out of it, each destination getting its part of what Sichuan had', () => {
    const after = applyScenario({
      bans: [],
      redistribute: { kind: 'proportional' },
      moves: [
        { from: 'sichuan', to: 'xinjiang', pct: 60 },
        { from: 'sichuan', to: 'yunnan', pct: 40 },
      ],
    });
    expect(after.get('sichuan')).toBe(0);
    expect(Math.abs((after.get('xinjiang') ?? 0) - (xinjiang + 0.6 * sichuan))).toBeLessThanOrEqual(1e-9);
    expect(Math.abs((after.get('yunnan') ?? 0) - (yunnan + 0.4 * sichuan))).toBeLessThanOrEqual(1e-9);
    // All three are in China: China keeps its share.
    expect(Math.abs((after.get('china') ?? 0) - china)).toBeLessThanOrEqual(1e-9);
  });

  it('gives the same result whatever the order of the moves', () => {
    const moves = [
      { from: 'sichuan', to: 'xinjiang', pct: 30 },
      { from: 'xinjiang', to: 'yunnan', pct: 50 },
      { from: 'yunnan', to: 'sichuan', pct: 100 },
    ];
    const forward = applyScenario({ bans: [], redistribute: { kind: 'proportional' }, moves });
    const backward = applyScenario({ bans: [], redistribute: { kind: 'proportional' }, moves: [...moves].reverse() });
    // By hand: Sichuan − 0.3 s + y; Xinjiang + 0.3 s − 0.5 x; Yunnan + 0.5 x − y.
    const want = {
      sichuan: 0.7 * sichuan + yunnan,
      xinjiang: xinjiang + 0.3 * sichuan - 0.5 * xinjiang,
      yunnan: 0.5 * xinjiang,
    };
    for (const [id, pct] of Object.entries(want)) {
      expect(Math.abs((forward.get(id) ?? 0) - pct), id).toBeLessThanOrEqual(1e-9);
      expect(Math.abs((backward.get(id) ?? 0) - pct), id).toBeLessThanOrEqual(1e-9);
    }
  });
});
