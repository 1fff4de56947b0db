import fc from 'fast-check';
import { shareSpreadPct } from '../../src/core/shares/share-model.js';
import { describe, expect, it } from 'vitest';
import { applyPlan, fillCarbonWeights, scenarioKernel, slotRecords } from '../../src/core/scenario/scenario-kernel.js';
import type { ScenarioPlan } from '../../src/core/scenario/scenario-plan.js';
import { simulateScenarioShares } from '../../src/core/scenario/scenario-simulation.js';
import type { CarbonLayout, LayoutRecord } from '../../src/core/carbon/layout.js';
import {
  fillOwnShares,
  fillShares,
  linkShares,
  type ShareLink,
  shareTree,
  treeArrays,
} from '../../src/core/shares/share-tree.js';
import { DEFAULT_UNCERTAINTY, type FootprintDraw, simulateChanges } from '../../src/core/uncertainty/uncertainty.js';

/** A random case: a tree (each region's parent an earlier slot), shares, a plan on it and a carbon layout. */
const caseArbitrary = fc
  .record({
    parents: fc.array(fc.nat(), { minLength: 1, maxLength: 14 }),
    pcts: fc.array(fc.double({ min: 0, max: 100, noNaN: true }), { minLength: 14, maxLength: 14 }),
    banPicks: fc.uniqueArray(fc.nat(), { maxLength: 3 }),
    redistribution: fc.constantFrom('proportional', 'none', 'region'),
    target: fc.nat(),
    movePicks: fc.array(
      fc.record({ from: fc.nat(), to: fc.nat(), pct: fc.double({ min: 0, max: 100, noNaN: true }) }),
      {
        maxLength: 3,
      },
    ),
    recordPicks: fc.array(fc.integer({ min: -1, max: 4 }), { minLength: 15, maxLength: 15 }),
    gco2: fc.array(fc.double({ min: 0, max: 1200, noNaN: true }), { minLength: 5, maxLength: 5 }),
  })
  .map(({ parents, pcts, banPicks, redistribution, target, movePicks, recordPicks, gco2 }) => {
    const links = parents.map((pick, i) => ({
      id: `r${i + 1}`,
      parent: pick % (i + 1) === 0 ? 'w' : `r${pick % (i + 1)}`,
      pct: pcts[i] as number,
      precisionPct: i % 3 === 0 ? null : 2,
      approximate: i % 2 === 0,
      breaks: i % 5 === 0 ? ['b'] : [],
      distanceMonths: 0,
      obtained: 'recorded' as const,
      secondhand: false,
    })) satisfies ShareLink[];
    const tree = shareTree('w', links);
    const size = tree.ids.length;
    const inside = (outer: number, inner: number) => (tree.subtrees[outer] ?? []).includes(inner);
    const banned = [...new Set(banPicks.map((pick) => 1 + (pick % (size - 1))))];
    const bannedInside = (slot: number) => banned.some((b) => inside(b, slot));
    const targetSlot = 1 + (target % (size - 1));
    const plan: ScenarioPlan = {
      bans: banned.map((slot) => ({
        slot,
        siblings: (tree.children[tree.ancestors[slot]?.[0] ?? 0] ?? []).filter(
          (s) => s !== slot && !banned.includes(s),
        ),
      })),
      redistribute:
        redistribution === 'region' && !bannedInside(targetSlot)
          ? { kind: 'region', slot: targetSlot }
          : { kind: redistribution === 'none' ? 'none' : 'proportional' },
      moves: movePicks
        .map((m) => ({ from: 1 + (m.from % (size - 1)), to: 1 + (m.to % (size - 1)), pct: m.pct }))
        .filter((m) => !inside(m.from, m.to) && !inside(m.to, m.from)),
    };
    const records = gco2.map(
      (g, k) => ({ key: `k${k}`, region: `r${k}`, gco2PerKwh: g, basis: 'life-cycle' }) as LayoutRecord,
    );
    const layout: CarbonLayout = {
      records,
      recordOf: Int32Array.from(tree.ids, (_, slot) => recordPicks[slot] as number),
    };
    return { links, tree, plan, layout };
  });

/** A link of a hand-made tree: `pct` of its parent's hashrate. */
const link = (id: string, parent: string, pct: number): ShareLink => ({
  id,
  parent,
  pct,
  precisionPct: null,
  approximate: false,
  breaks: [],
  distanceMonths: 0,
  obtained: 'recorded',
  secondhand: false,
});

/**
 * w: a 50 (a1 40 % of it, a2 60 %), b 30, c 10, and 10 of its own; slots w 0, a 1, a1 2, a2 3, b 4, c 5.
 * Intensities: w 100 g, a 500 g (a1 and a2 count at a's), b 800 g, c none.
 */
const links = [link('a', 'w', 50), link('a1', 'a', 40), link('a2', 'a', 60), link('b', 'w', 30), link('c', 'w', 10)];
const tree = shareTree('w', links);
const layout: CarbonLayout = {
  records: [100, 500, 800].map(
    (g, k) => ({ key: `k${k}`, region: `r${k}`, gco2PerKwh: g, basis: 'life-cycle' }) as LayoutRecord,
  ),
  recordOf: Int32Array.from([0, 1, 1, 1, 2, -1]),
};

/** A plan that bans `banned` (siblings: the parent's other children not banned too) and makes `moves`. */
function plan(
  banned: string[],
  redistribute: ScenarioPlan['redistribute'],
  moves: ScenarioPlan['moves'] = [],
): ScenarioPlan {
  const slots = banned.map((id) => tree.slots.get(id) as number);
  return {
    bans: slots.map((slot) => ({
      slot,
      siblings: (tree.children[tree.ancestors[slot]?.[0] ?? 0] ?? []).filter((s) => !slots.includes(s)),
    })),
    redistribute,
    moves,
  };
}

/** The world shares (slots w, a, a1, a2, b, c) after a plan on the hand-made tree. */
function sharesAfter(p: ScenarioPlan): number[] {
  const values = linkShares(tree, links);
  applyPlan(tree, values, p);
  return Array.from(values);
}

function expectClose(got: ArrayLike<number>, want: readonly number[]): void {
  expect(got.length).toBe(want.length);
  want.forEach((w, i) => expect(Math.abs((got[i] as number) - w), `slot ${i}`).toBeLessThanOrEqual(1e-12));
}

describe('the share arithmetic on a hand-made tree', () => {
  it('gives world shares as each link’s share of its parent’s', () => {
    expectClose(linkShares(tree, links), [100, 50, 20, 30, 30, 10]);
  });

  it('hands a banned region’s hashrate to its siblings in proportion to their shares', () => {
    // a's 50 to b and c, 30 : 10: b 30 + 37.5, c 10 + 12.5; a's sub-regions go with it.
    expectClose(sharesAfter(plan(['a'], { kind: 'proportional' })), [100, 0, 0, 0, 67.5, 22.5]);
    // a1's 20 to a2, its only sibling: a keeps its 50.
    expectClose(sharesAfter(plan(['a1'], { kind: 'proportional' })), [100, 50, 0, 50, 30, 10]);
  });

  it('gives a banned region’s hashrate to its siblings not banned themselves', () => {
    // a's 50 and b's 30 all to c.
    expectClose(sharesAfter(plan(['a', 'b'], { kind: 'proportional' })), [100, 0, 0, 0, 0, 90]);
  });

  it('leaves it with the parent when the siblings have none', () => {
    const only = [link('x', 'w', 40)];
    const onlyTree = shareTree('w', only);
    const values = linkShares(onlyTree, only);
    applyPlan(onlyTree, values, {
      bans: [{ slot: 1, siblings: [] }],
      redistribute: { kind: 'proportional' },
      moves: [],
    });
    expectClose(values, [100, 0]);
  });

  it('takes it out of the network, or gives it all to one region', () => {
    expectClose(sharesAfter(plan(['b'], { kind: 'none' })), [70, 50, 20, 30, 0, 10]);
    // To a: its sub-regions grow in proportion, 20 : 30.
    expectClose(sharesAfter(plan(['b'], { kind: 'region', slot: 1 })), [100, 80, 32, 48, 0, 10]);
  });

  it('moves a percentage of a region’s hashrate, its sub-regions in proportion', () => {
    const half = plan([], { kind: 'proportional' }, [{ from: 1, to: 4, pct: 50 }]);
    expectClose(sharesAfter(half), [100, 25, 10, 15, 55, 10]);
    // a2 to a1, inside a: a keeps its 50.
    expectClose(sharesAfter(plan([], { kind: 'none' }, [{ from: 3, to: 2, pct: 100 }])), [100, 50, 50, 0, 30, 10]);
  });

  it('applies moves together, as percentages of the shares before the scenario', () => {
    // 60% and 40% of a's 50 (30 and 20) to b and c: a and its sub-regions end empty; b 30 + 30, c 10 + 20.
    const emptied = plan([], { kind: 'proportional' }, [
      { from: 1, to: 4, pct: 60 },
      { from: 1, to: 5, pct: 40 },
    ]);
    expectClose(sharesAfter(emptied), [100, 0, 0, 0, 60, 30]);
    // Both ways at once: a gives 50 and gets 50% of b's 30 (15), ending at 15 (a1 6, a2 9); b 30 + 50 − 15 = 65.
    const swap = plan([], { kind: 'proportional' }, [
      { from: 1, to: 4, pct: 100 },
      { from: 4, to: 1, pct: 50 },
    ]);
    expectClose(sharesAfter(swap), [100, 15, 6, 9, 65, 10]);
    // b banned, its 30 to a and c, 50 : 10 (a 75: a1 30, a2 45; c 15); then 50% of c's 10 before the ban (5) to
    // a1: c 10, a1 35, a 80.
    const afterBan = plan(['b'], { kind: 'proportional' }, [{ from: 5, to: 2, pct: 50 }]);
    expectClose(sharesAfter(afterBan), [100, 80, 35, 45, 0, 10]);
  });

  it('counts each region’s own hashrate at its intensity, its sub-regions at theirs', () => {
    const kernel = scenarioKernel(tree, plan([], { kind: 'none' }), layout);
    const values = linkShares(tree, links);
    const own = new Float64Array(values.length);
    fillOwnShares(kernel, values, own);
    // w has 10 of its own, a none (a1 and a2 fill it).
    expectClose(own, [10, 0, 20, 30, 30, 10]);
    const weightsOf = (slot: number) => {
      const weights = new Float64Array(3);
      fillCarbonWeights(kernel, own, slot, slotRecords(kernel, slot), weights, 0);
      return weights;
    };
    // w: its 10 at 100 g, a's 50 at 500 g, b's 30 at 800 g; c's 10 counted nowhere.
    expectClose(weightsOf(0), [10 * 100, 50 * 500, 30 * 800]);
    expectClose(weightsOf(1), [0, 50 * 500, 0]);
    expect(Array.from(slotRecords(kernel, 1))).toEqual([1]);
    expectClose(weightsOf(5), [0, 0, 0]);
  });

  it('counts a region’s sub-regions as none of its own when float noise is all that is left', () => {
    const noisy = [link('p', 'w', 30), link('q', 'p', 33.3), link('r', 'p', 33.3), link('s', 'p', 33.4)];
    const noisyTree = shareTree('w', noisy);
    const values = linkShares(noisyTree, noisy);
    // 30 less 9.99, 9.99 and 10.02 leaves about 4e-15 in floats.
    expect(
      (values[1] as number) - (values[2] as number) - (values[3] as number) - (values[4] as number),
    ).toBeGreaterThan(0);
    const own = new Float64Array(values.length);
    fillOwnShares(treeArrays(noisyTree), values, own);
    expect(own[1]).toBe(0);
  });
});

describe('the scenario Monte Carlo', () => {
  it('gives the Monte Carlo of simulateChanges with fresh shares, plan and carbon weights each sample, exactly', () => {
    const settings = { samples: 400, seed: 5, ...DEFAULT_UNCERTAINTY };
    const basis = { twh: 100, lowerTwh: 60, upperTwh: 170 };
    fc.assert(
      fc.property(caseArbitrary, ({ links, tree, plan, layout }) => {
        const named = tree.ids.slice(1, 4);
        const slots = [0, ...named.map((id) => tree.slots.get(id) ?? 0)];
        const records = layout.records.length;
        // The straightforward Monte Carlo: new arrays each sample, the shares drawn in link order.
        const draw = (random: () => number): FootprintDraw[] => {
          const pcts = links.map((l) => {
            const spread = shareSpreadPct(l, settings);
            return spread > 0 ? Math.min(100, Math.max(0, l.pct + (2 * random() - 1) * spread)) : l.pct;
          });
          const before = new Float64Array(tree.ids.length);
          fillShares(treeArrays(tree), Float64Array.from(pcts), before);
          const after = Float64Array.from(before);
          applyPlan(tree, after, plan);
          const kernel = scenarioKernel(tree, plan, layout);
          return slots.flatMap((slot) =>
            [before, after].map((values) => {
              const own = new Float64Array(tree.ids.length);
              fillOwnShares(kernel, values, own);
              const carbonWeights = new Float64Array(records);
              fillCarbonWeights(kernel, own, slot, slotRecords(kernel, slot), carbonWeights, 0);
              return { sharePct: values[slot] as number, carbonWeights };
            }),
          );
        };
        const [total, ...regions] = simulateChanges(basis, records, draw, settings);
        const fast = simulateScenarioShares({ tree, links, plan, layout }, named, basis, settings);
        expect(fast.total).toEqual(total);
        expect(fast.regions).toEqual(regions.map((r, i) => ({ id: named[i], ...r })));
      }),
      { numRuns: 60 },
    );
  });
});
