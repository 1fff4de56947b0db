import { describe, expect, it } from 'vitest';

// The package's library entry as built (package.json "exports" → dist/lib/index.js).
describe('the library entry', async () => {
  const entry: string = '../../dist/lib/index.js';
  const library = (await import(entry)) as typeof import('../../src/index.js');

  it('exports estimate and loadData, which work on the shipped data', async () => {
    const data = await library.loadData();
    const region = library.resolveRegion(library.indexData(data), 'Szechuan');
    const result = library.estimate(data, region.id, { year: 2024, series: 'jiang-2021', baseline: 'cia-2016' });
    expect(result.energy.twh).toBeCloseTo(29.659, 6);
    expect(result.comparison?.rank).toBe(63);
  });

  it('exports the error classes and renderers', () => {
    expect(new library.UsageError('x')).toBeInstanceOf(Error);
    expect(library.renderJson({ a: 0.1 + 0.2 })).toBe('{\n  "a": 0.3\n}\n');
  });
});
