import { describe, expect, it } from 'vitest';
import { indexData } from '../../src/core/regions/lookup.js';
import { monthPeriod, yearPeriod } from '../../src/core/common/period.js';
import { shareLinks } from '../../src/core/shares/share-tree.js';
import { chooseLink, partitionOf } from '../../src/core/shares/shares.js';
import { shippedData } from '../helpers.js';
import { share, tinyDataset, trusted } from './fixtures.js';

/**
 * A division is kept for the whole run (`estimate --all` reads it once a child), so it keeps only each child's share
 * and what the share tree needs: the child's link, its warnings and its adjustment are made when read.
 */
describe('a division keeps no child link, and gives the same links when read', async () => {
  const index = indexData(await shippedData());
  const world = index.regions.get('world');
  if (!world) throw new Error('no world');

  it('makes each child link anew when read, equal to chooseLink', () => {
    const partition = partitionOf(index, world, yearPeriod(2024));
    for (const entry of partition.links) {
      const chosen = chooseLink(index, entry.child, world, yearPeriod(2024));
      if (!chosen.ok) throw new Error(`${entry.child.id} has no link`);
      expect(entry.link).toEqual(chosen.link);
      expect(entry.link).not.toBe(entry.link);
      expect(entry.precisionPct).toBe(chosen.link.precisionPct);
      expect(entry.approximate).toBe(chosen.link.choice.approximate);
      expect(entry.distanceMonths).toBe(chosen.link.choice.distanceMonths);
      expect(entry.secondhand).toBe(chosen.link.secondhand);
      expect(entry.breakIds).toEqual(chosen.link.breaks.map((b) => b.event.id));
    }
    expect(partition.linkWarnings).toEqual(partition.links.flatMap((l) => l.link.warnings));
    expect(partition.linkWarnings.length).toBeGreaterThan(0);
  });

  it("gives the share tree its own copy of a link's breaks", () => {
    const first = shareLinks(index, yearPeriod(2024)).links;
    for (const link of first) link.breaks.push('changed');
    const second = shareLinks(index, yearPeriod(2024)).links;
    expect(second.every((link) => !link.breaks.includes('changed'))).toBe(true);
  });

  it('writes an adjustment that is both a cut of the remainder and a scaling, from the shares before each', () => {
    // The world's parts in June 2020: Aland 80, a remainder of 5 and Bland 45 (from other months) make 130%.
    // (Over 100% in the year's means too, which loadData refuses: taken as checked, for the arithmetic.)
    const data = trusted(
      tinyDataset({
        regions: [...tinyDataset().regions, { id: 'rest', name: 'Rest', kind: 'other', parent: 'world' }],
        shares: [share('a', '2020-06', 80), share('rest', '2020-06', 10), share('b', '2020-02', 45)],
      }),
    );
    const tiny = indexData(data);
    const partition = partitionOf(tiny, tiny.regions.get('world') as never, monthPeriod('2020-06'));
    // 135%: the remainder gives up 10 of its 10 points, then 125% is scaled by 0.8.
    const rest = partition.links.find((l) => l.child.id === 'rest');
    expect(rest?.pct).toBe(0);
    expect(rest?.adjustment).toMatch(
      /^Rest's share of World is reduced from 10% to 0%: .* add up to 135%, and the remainder holds regions that other months name\.$/,
    );
    const aland = partition.links.find((l) => l.child.id === 'a');
    expect(aland?.adjustment).toMatch(
      /^Aland's share of World is scaled by 0\.8, from 80% to 64%: .*add up to 135%, more than the remainder can give up\.$/,
    );
    expect(aland?.pct).toBeCloseTo(64, 9);
  });
});
