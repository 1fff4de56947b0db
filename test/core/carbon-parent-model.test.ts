import { describe, expect, it } from 'vitest';
import { estimate } from '../../src/core/estimate.js';
import { loadData } from '../../src/data/load.js';

/**
 * A region without sub-regions is priced from the model built for its parent when that parent was estimated first
 * (`estimate --all` over many provinces of one country): the same carbon, to the last digit, as when it is
 * estimated alone.
 */
describe("carbon of a region priced from its parent's model", () => {
  it('is the same as when the region is estimated alone, for each province of China', async () => {
    const alone = await loadData();
    const afterParent = await loadData();
    estimate(afterParent, 'china', {});
    for (const id of ['xinjiang', 'sichuan', 'inner-mongolia', 'yunnan', 'beijing']) {
      expect(estimate(afterParent, id, {})).toEqual(estimate(alone, id, {}));
      expect(estimate(afterParent, id, { carbonBasis: 'direct' })).toEqual(
        estimate(alone, id, { carbonBasis: 'direct' }),
      );
    }
  });

  it('is the same for a region whose parent was estimated for another year', async () => {
    const alone = await loadData();
    const afterParent = await loadData();
    estimate(afterParent, 'united-states', { year: 2022 });
    for (const id of ['texas', 'georgia']) {
      expect(estimate(afterParent, id, { year: 2023 })).toEqual(estimate(alone, id, { year: 2023 }));
      expect(estimate(afterParent, id, { year: 2022 })).toEqual(estimate(alone, id, { year: 2022 }));
    }
  });
});
