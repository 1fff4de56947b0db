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

  it("exports the warnings' catalogue, whose level each estimate's warning carries", async () => {
    const data = await library.loadData();
    const result = library.estimate(data, 'sichuan', { year: 2024, series: 'jiang-2021' });
    // The projection named with --series is a warning that changes what the figure means.
    expect(result.warnings).toContainEqual(expect.objectContaining({ level: 'changes-meaning', code: 'projection' }));
    for (const w of result.warnings) expect(w.level).toBe(library.WARNING_CATALOGUE[w.code].level);
    expect(library.WARNING_CODES).toContain('stale-share');
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

  it("finds the user's data directory as the command does, and merges it only when asked", async () => {
    const { mkdtempSync, mkdirSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const home = mkdtempSync(join(tmpdir(), 'mining-energy-library-'));
    expect(library.userDataDir({ XDG_DATA_HOME: home })).toBe(join(home, 'mining-energy'));
    expect(library.userDataDir({ HOME: '/home/me' })).toBe('/home/me/.local/share/mining-energy');
    expect(library.userDataDisabled({ MINING_ENERGY_NO_USER_DATA: '1' })).toBe(true);
    const dir = library.userDataDir({ XDG_DATA_HOME: home });
    mkdirSync(dir);
    writeFileSync(join(dir, 'sources.json'), '[{"id":"my-note","title":"A source of my own","evidence":"primary"}]\n');
    expect((await library.loadData()).sources.some((s) => s.id === 'my-note')).toBe(false);
    expect((await library.loadData({ userDir: dir })).sources.some((s) => s.id === 'my-note')).toBe(true);
  });
});
