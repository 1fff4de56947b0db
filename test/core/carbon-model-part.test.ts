import { describe, expect, it } from 'vitest';
import { intensityMix } from '../../src/core/carbon/carbon.js';
import { indexData } from '../../src/core/regions/lookup.js';
import { monthPeriod, yearPeriod } from '../../src/core/common/period.js';
import { shareLinks } from '../../src/core/shares/share-tree.js';
import { loadData } from '../../src/data/load.js';
import { SHIPPED_DATA } from '../helpers.js';

const PERIODS = [yearPeriod(2019), yearPeriod(2021), yearPeriod(2024), monthPeriod('2021-04')];

describe('pricing one region on the part of the share tree it rests on', () => {
  it('gives every region the intensity, parts and links the whole tree gives', async () => {
    // Each load is a new index: the first prices every region on its own part, the second on the whole tree
    // (built when the world is priced first, and kept).
    const partial = indexData(await loadData({ dataDir: SHIPPED_DATA, defaultData: false }));
    const whole = indexData(await loadData({ dataDir: SHIPPED_DATA, defaultData: false }));
    let priced = 0;
    for (const period of PERIODS) {
      for (const basis of ['life-cycle', 'direct'] as const) {
        const world = whole.data.regions.find((r) => r.parent === null)?.id as string;
        intensityMix(whole, world, period, basis);
        for (const region of whole.data.regions) {
          const expected = intensityMix(whole, region.id, period, basis);
          expect(intensityMix(partial, region.id, period, basis)).toEqual(expected);
          if (expected) priced += 1;
        }
      }
    }
    expect(priced).toBeGreaterThan(50);
  });

  it('walks only the chain and the subtree of the region asked for, in the whole walk order', async () => {
    const index = indexData(await loadData({ dataDir: SHIPPED_DATA, defaultData: false }));
    const period = yearPeriod(2021);
    const all = shareLinks(index, period).links;
    const part = shareLinks(index, period, 'china').links;
    expect(part.map((l) => l.id)).toEqual(all.filter((l) => l.id === 'china' || l.parent === 'china').map((l) => l.id));
    expect(part.length).toBeGreaterThan(2);
    expect(shareLinks(index, period, 'sichuan').links.map((l) => l.id)).toEqual(['china', 'sichuan']);
  });
});
