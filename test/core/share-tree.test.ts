import { describe, expect, it } from 'vitest';
import { MAX_REGION_DEPTH } from '../../src/data/limits.js';
import type { Region } from '../../src/data/schemas.js';
import { indexData } from '../../src/core/regions/lookup.js';
import { yearPeriod } from '../../src/core/common/period.js';
import { shareLinks, shareTree } from '../../src/core/shares/share-tree.js';
import { share, tinyDataset } from './fixtures.js';

describe('shareLinks', () => {
  it('lists each child right after its parent, depth first, through a chain as deep as the limit allows', () => {
    const base = tinyDataset();
    const deep: Region[] = Array.from({ length: MAX_REGION_DEPTH - 3 }, (_, i) => ({
      id: `d${i}`,
      name: `D${i}`,
      kind: 'other',
      parent: i === 0 ? 'a1' : `d${i - 1}`,
    }));
    const data = tinyDataset({
      regions: [...base.regions, ...deep],
      shares: [...base.shares, ...deep.map((r) => share(r.id, '2020-01', 50))],
    });
    const { links } = shareLinks(indexData(data), yearPeriod(2020));
    expect(links.map((l) => l.id)).toEqual(['a', 'a1', ...deep.map((r) => r.id), 'b']);
    expect(links.map((l) => l.parent)).toEqual(['world', 'a', 'a1', ...deep.slice(0, -1).map((r) => r.id), 'world']);
  });
});

describe('shareTree', () => {
  it('builds the subtrees of 100,000 regions under the world in linear time', () => {
    const flat = Array.from({ length: 100_000 }, (_, i) => ({ id: `r${i}`, parent: 'world' }));
    const started = performance.now();
    const tree = shareTree('world', flat);
    expect(performance.now() - started).toBeLessThan(2000);
    expect(tree.subtrees[0]).toHaveLength(100_001);
    expect(tree.subtrees[5]).toEqual([5]);
    expect(tree.ancestors[5]).toEqual([0]);
  });

  it('gives each slot its subtree in slot order and its ancestors nearest first', () => {
    const tree = shareTree('w', [
      { id: 'a', parent: 'w' },
      { id: 'a1', parent: 'a' },
      { id: 'b', parent: 'w' },
      { id: 'a2', parent: 'a' },
      { id: 'a11', parent: 'a1' },
    ]);
    expect(tree.subtrees).toEqual([[0, 1, 2, 3, 4, 5], [1, 2, 4, 5], [2, 5], [3], [4], [5]]);
    expect(tree.ancestors).toEqual([[], [0], [1, 0], [0], [1, 0], [2, 1, 0]]);
  });
});
