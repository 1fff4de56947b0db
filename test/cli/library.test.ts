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

  it('exports the importers, which read a file the way data import does', async () => {
    const energy = library.importCbeciEnergy(
      'Timestamp,"power MAX, GW","power MIN, GW","power GUESS, GW"\n1704067200,2,0.5,1\n',
      'export.csv',
    );
    expect(energy.values[0]).toMatchObject({ year: 2024, twh: 0.024, coverage: 'partial-year', days: 1 });
    expect(
      library.renderNetworkInputs(
        library.importCoinMetrics('time,HashRate,RevUSD\n2024-01-01,5e8,3e7\n', 'btc.csv').rows,
      ),
    ).toBe('date,hashrateEhs,revenueUsd\n2024-01-01,500,30000000\n');
    expect(library.IMPORT_KINDS).toEqual(['cbeci-energy', 'cbeci-mining-map', 'coinmetrics']);
    expect(typeof library.importData).toBe('function');
  });
});
