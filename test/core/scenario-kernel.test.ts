import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  applyScenario,
  fillCarbonWeights,
  fillOwnShares,
  fillShares,
  scenarioKernel,
  slotRecords,
} from '../../src/core/scenario-kernel.js';
import { applyPlan, type ScenarioPlan } from '../../src/core/scenario-plan.js';
import { simulateScenarioShares } from '../../src/core/scenario-simulation.js';
import {
  type CarbonLayout,
  carbonWeights,
  fillFromLinks,
  type LayoutRecord,
  type ShareLink,
  shareTree,
  type ShareTree,
} from '../../src/core/share-tree.js';
import { DEFAULT_UNCERTAINTY, type FootprintDraw, simulateChanges, linkSpreadPct } from '../../src/core/uncertainty.js';

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

/** The bits of each number: equal arrays of these are equal to the last bit, zeros' signs included. */
const bitsOf = (values: ArrayLike<number>) =>
  Array.from(values, (v) => (Number.isNaN(v) ? 'NaN' : Object.is(v, -0) ? '-0' : v));

function referenceShares(tree: ShareTree, links: readonly ShareLink[], plan: ScenarioPlan) {
  const before = new Float64Array(tree.ids.length);
  fillFromLinks(
    tree,
    links,
    links.map((l) => l.pct),
    before,
  );
  const after = Float64Array.from(before);
  applyPlan(tree, after, plan);
  return { before, after };
}

describe('the scenario kernel against the plain share-tree arithmetic', () => {
  it('gives the same shares, plan applied and carbon weights to the last bit, on any tree and plan', () => {
    fc.assert(
      fc.property(caseArbitrary, ({ links, tree, plan, layout }) => {
        const kernel = scenarioKernel(tree, plan, layout);
        const size = tree.ids.length;
        const expected = referenceShares(tree, links, plan);
        const before = new Float64Array(size);
        fillShares(
          kernel,
          Float64Array.from(links, (l) => l.pct),
          before,
        );
        expect(bitsOf(before)).toEqual(bitsOf(expected.before));
        const after = Float64Array.from(before);
        applyScenario(kernel, after);
        expect(bitsOf(after)).toEqual(bitsOf(expected.after));
        const records = layout.records.length;
        for (const [values, reference] of [
          [before, expected.before],
          [after, expected.after],
        ] as const) {
          const own = new Float64Array(size);
          fillOwnShares(kernel, values, own);
          for (let slot = 0; slot < size; slot++) {
            const weights = new Float64Array(records + 3).fill(Number.NaN);
            fillCarbonWeights(kernel, own, slot, slotRecords(kernel, slot), weights, 3);
            const listed = new Set(slotRecords(kernel, slot));
            const got = Array.from(weights.subarray(3), (w, k) => (listed.has(k) ? w : 0));
            const want = carbonWeights(tree, layout, reference, slot, new Float64Array(records));
            expect(bitsOf(got)).toEqual(bitsOf(want));
          }
        }
      }),
      { numRuns: 300 },
    );
  });

  it('gives the Monte Carlo of simulateChanges with the plain arithmetic drawn sample by sample, exactly', () => {
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
            const spread = linkSpreadPct(l, settings);
            return spread > 0 ? Math.min(100, Math.max(0, l.pct + (2 * random() - 1) * spread)) : l.pct;
          });
          const before = new Float64Array(tree.ids.length);
          fillFromLinks(tree, links, pcts, before);
          const after = Float64Array.from(before);
          applyPlan(tree, after, plan);
          return slots.flatMap((slot) =>
            [before, after].map((values) => ({
              sharePct: values[slot] as number,
              carbonWeights: carbonWeights(tree, layout, values, slot, new Float64Array(records)),
            })),
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
