import { describe, expect, it } from 'vitest';
import { loadData } from '../../src/data/load.js';
import { buildReport, nothingToChart, type ReportModel } from '../../src/core/report.js';
import { estimate } from '../../src/core/estimate.js';
import { indexData, regionChain } from '../../src/core/regions/lookup.js';

const data = await loadData();
const index = indexData(data);

/** Relative closeness for figures computed along two paths: 1e-12 of the larger. */
function expectClose(actual: number | null | undefined, expected: number, relative = 1e-12): void {
  expect(actual).not.toBeNull();
  expect(actual).not.toBeUndefined();
  expect(Math.abs((actual as number) - expected)).toBeLessThanOrEqual(relative * Math.max(1, Math.abs(expected)));
}

function networkYear(model: ReportModel, series: string, year: number) {
  const found = model.network.filter((n) => n.series === series && n.year === year);
  expect(found).toHaveLength(1);
  return found[0] as ReportModel['network'][number];
}

const REGIONS = ['sichuan', 'texas', 'china', 'united-states', 'kazakhstan', 'world'];

describe('buildReport: network years are what an estimate uses as its basis', () => {
  it('cbeci 2024, a part of a year, is the annualised basis of an estimate for 2024', () => {
    const model = buildReport(data, 'sichuan');
    const basis = estimate(data, 'world', { year: 2024, series: 'cbeci' }).basis;
    expect(basis.coverage).toBe('partial-year');
    const year = networkYear(model, 'cbeci', 2024);
    expect(year.coverage).toBe('partial-year');
    expectClose(year.twh, basis.twh);
    // and it is the published figure annualised, not the published figure
    expect(Math.abs(year.twh - basis.publishedTwh)).toBeGreaterThan(1);
  });

  it('every full-year value of every world series equals the basis of an estimate on that series and year', () => {
    const model = buildReport(data, 'texas');
    const full = model.network.filter((n) => n.coverage !== 'multi-year');
    expect(full.length).toBeGreaterThan(20);
    for (const n of full) {
      const basis = estimate(data, 'world', { year: n.year, series: n.series }).basis;
      expectClose(n.twh, basis.twh);
      if (basis.lowerTwh === null) expect(n.lowerTwh).toBeNull();
      else expectClose(n.lowerTwh, basis.lowerTwh);
      if (basis.upperTwh === null) expect(n.upperTwh).toBeNull();
      else expectClose(n.upperTwh, basis.upperTwh);
    }
  });

  it('a multi-year total is spread evenly over its years, each year the basis an estimate would use', () => {
    const model = buildReport(data, 'world');
    const unu = model.network.filter((n) => n.series === 'unu-2023');
    const published = data.networkEnergy.find((s) => s.id === 'unu-2023')?.values[0];
    expect(published?.toYear).toBe(2021);
    expect(unu.map((n) => n.year)).toEqual([2020, 2021]);
    for (const n of unu) {
      expect(n.coverage).toBe('multi-year');
      expectClose(n.twh, (published?.twh ?? NaN) / 2);
      expectClose(n.twh, estimate(data, 'world', { year: n.year, series: 'unu-2023' }).basis.twh);
    }
  });

  it("holds the series of the world and of the regions above (China's projection for Sichuan), each once a year", () => {
    const model = buildReport(data, 'sichuan');
    const expected = [
      ...data.networkEnergy.filter((s) => s.scope === 'world' || s.scope === 'china').map((s) => s.id),
      'bottom-up',
    ];
    expect(expected).toContain('jiang-2021');
    expect(model.network.filter((n) => n.computed).map((n) => n.series)).toEqual(expect.arrayContaining(['bottom-up']));
    expect(model.network.every((n) => n.computed === (n.series === 'bottom-up'))).toBe(true);
    expect(new Set(model.network.map((n) => n.series))).toEqual(new Set(expected));
    expect(model.network.find((n) => n.series === 'jiang-2021')?.scope).toEqual({ id: 'china', name: 'China' });
    const keys = model.network.map((n) => `${n.series} ${n.year}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("leaves out series of regions off the chain: Texas' report has no series of China's", () => {
    const model = buildReport(data, 'texas');
    const worldSeries = [...data.networkEnergy.filter((s) => s.scope === 'world').map((s) => s.id), 'bottom-up'];
    expect(new Set(model.network.map((n) => n.series))).toEqual(new Set(worldSeries));
  });
});

describe('buildReport: carbon rows', () => {
  for (const region of REGIONS) {
    it(`${region}: the region row is the estimate's carbon; hydro and coal are its energy at 24 and 820 g/kWh`, () => {
      const model = buildReport(data, region);
      const result = estimate(data, region, { carbonBracket: { low: 24, high: 820 } });
      expect(model.carbon.map((c) => c.grid)).toEqual(
        result.carbon ? ['all-hydro', 'region', 'all-coal'] : ['all-hydro', 'all-coal'],
      );
      const row = model.carbon.find((c) => c.grid === 'region');
      if (result.carbon) {
        expect(row?.gco2PerKwh).toBe(result.carbon.gco2PerKwh);
        expect(row?.mtco2).toBe(result.carbon.mtco2);
        expect(row?.lowerMtco2).toBe(result.carbon.lowerMtco2 ?? result.carbon.mtco2);
        expect(row?.upperMtco2).toBe(result.carbon.upperMtco2 ?? result.carbon.mtco2);
        expect(row?.source).toBe(result.carbon.source);
      }
      const { twh, lowerTwh, upperTwh } = result.energy;
      for (const [grid, gPerKwh] of [
        ['all-hydro', 24],
        ['all-coal', 820],
      ] as const) {
        const end = model.carbon.find((c) => c.grid === grid);
        expect(end?.gco2PerKwh).toBe(gPerKwh);
        // 1 TWh = 1e9 kWh and 1 Mt = 1e12 g, so Mt = TWh × g/kWh / 1000
        expectClose(end?.mtco2, (twh * gPerKwh) / 1000);
        expectClose(end?.lowerMtco2, ((lowerTwh ?? twh) * gPerKwh) / 1000);
        expectClose(end?.upperMtco2, ((upperTwh ?? twh) * gPerKwh) / 1000);
        expect(end?.source).toBeNull();
      }
      // the estimate's bracket runs from all-hydro at the lower bound to all-coal at the upper bound
      if (result.carbon) {
        expect(result.carbon.bracket).not.toBeNull();
        expectClose(model.carbon[0]?.lowerMtco2, result.carbon.bracket?.lowMtco2 ?? NaN);
        expectClose(model.carbon.at(-1)?.upperMtco2, result.carbon.bracket?.highMtco2 ?? NaN);
      }
    });
  }

  it('a --carbon-bracket moves the ends and leaves the region row alone', () => {
    const plain = buildReport(data, 'sichuan');
    const moved = buildReport(data, 'sichuan', { carbonBracket: { low: 10, high: 1000 } });
    const twh = moved.estimate.energy.twh;
    expectClose(moved.carbon[0]?.mtco2, (twh * 10) / 1000);
    expectClose(moved.carbon.at(-1)?.mtco2, (twh * 1000) / 1000);
    expect(moved.carbon.find((c) => c.grid === 'region')).toEqual(plain.carbon.find((c) => c.grid === 'region'));
  });
});

describe('buildReport: neighbours', () => {
  for (const region of REGIONS) {
    it(`${region}: the region appears once, at its estimate's rank, rows by TWh descending`, () => {
      const model = buildReport(data, region);
      const result = estimate(data, region);
      expect(model.comparison).not.toBeNull();
      const rows = model.comparison?.rows ?? [];
      const self = rows.filter((r) => r.self);
      expect(self).toHaveLength(1);
      expect(self[0]?.rank).toBe(result.comparison?.rank);
      expect(self[0]?.twh).toBe(result.energy.twh);
      expect(self[0]?.country).toBe(result.region.name);
      expect(model.comparison?.baseline).toBe(result.comparison?.baseline);
      for (let i = 1; i < rows.length; i += 1) {
        expect((rows[i - 1] as (typeof rows)[number]).twh).toBeGreaterThanOrEqual(
          (rows[i] as (typeof rows)[number]).twh,
        );
        expect((rows[i] as (typeof rows)[number]).rank).toBe((rows[i - 1] as (typeof rows)[number]).rank + 1);
      }
      expect(rows.length).toBeLessThanOrEqual(13);
    });
  }

  it('follows --baseline', () => {
    const other = data.baselines[1];
    expect(other).toBeDefined();
    const model = buildReport(data, 'texas', { baseline: other?.id });
    expect(model.comparison?.baseline).toBe(other?.id);
    expect(model.comparison?.rows.find((r) => r.self)?.rank).toBe(
      estimate(data, 'texas', { baseline: other?.id }).comparison?.rank,
    );
  });
});

describe('buildReport: the share history follows the estimate', () => {
  it("breaks a line only at events naming its link's region or parent: China's ban does not cut Texas in the US", () => {
    const model = buildReport(data, 'texas');
    const texas = model.shares.filter((s) => s.region === 'texas');
    const us = model.shares.filter((s) => s.region === 'united-states');
    expect(texas.length).toBeGreaterThan(1);
    expect(new Set(texas.map((s) => s.segment))).toEqual(new Set([0]));
    // the US in the world: China's ban (which names the world) splits it into before and after June 2021; June's
    // own share is before it, as the share model counts it (China was 34.25% of the world in June, 0% in July)
    expect(us.filter((s) => s.month <= '2021-06').every((s) => s.segment === 0)).toBe(true);
    expect(us.filter((s) => s.month > '2021-06').every((s) => s.segment >= 1)).toBe(true);
    expect(us.some((s) => s.month === '2021-06')).toBe(true);
  });

  it('with --share-dataset, draws the shares the estimate uses: the dataset where it has one, else the default', () => {
    const options = { year: 2024, shareDataset: 'cdmir-survey-2024' };
    const model = buildReport(data, 'texas', options);
    const result = estimate(data, 'texas', options);
    for (const link of result.share.links) {
      const drawn = model.shares.filter((s) => s.region === link.region);
      expect(link.months).toHaveLength(1);
      const point = drawn.find((s) => s.month === link.months[0]);
      expect(Math.abs((point?.pct ?? NaN) - link.pct)).toBeLessThanOrEqual(1e-9 * link.pct);
    }
    const us = model.shares.filter((s) => s.region === 'united-states');
    expect(us.map((s) => s.month)).toEqual(['2024-12']);
    expect(model.shares.filter((s) => s.region === 'texas').length).toBeGreaterThan(1);
  });
});

describe('buildReport: sources and breaks', () => {
  const known = new Set(data.sources.map((s) => s.id));

  for (const region of REGIONS) {
    it(`${region}: sources hold every id cited and only ids of sources.json, once each`, () => {
      const model = buildReport(data, region);
      const listed = model.sources.map((s) => s.id);
      expect(new Set(listed).size).toBe(listed.length);
      for (const id of listed) expect(known.has(id)).toBe(true);
      const cited = new Set([
        ...model.shares.map((s) => s.source),
        ...model.breaks.map((b) => b.source),
        ...model.network.map((n) => n.source),
        ...model.estimate.sources.map((s) => s.id),
        ...model.carbon.flatMap((c) => (c.source === null ? [] : [c.source])),
      ]);
      const baseline = model.comparison ? index.baselines.get(model.comparison.baseline) : undefined;
      if (baseline) cited.add(baseline.source);
      for (const id of cited) {
        if (known.has(id)) expect(listed).toContain(id);
      }
      // every figure the page draws rests on a listed source (a weighted intensity cites its weights instead)
      for (const id of [...model.shares, ...model.breaks, ...model.network].map((x) => x.source)) {
        expect(listed).toContain(id);
      }
    });

    it(`${region}: each break names the links whose region or parent it names, oldest first`, () => {
      const model = buildReport(data, region);
      const links = regionChain(index, region).filter((r) => r.parent !== null);
      const expected = data.events
        .filter((e) => links.some((r) => e.regions.includes(r.id) || e.regions.includes(r.parent as string)))
        .map((e) => e.id);
      expect(new Set(model.breaks.map((b) => b.id))).toEqual(new Set(expected));
      for (const mark of model.breaks) {
        const event = data.events.find((e) => e.id === mark.id);
        const named = links.filter((r) => event?.regions.includes(r.id) || event?.regions.includes(r.parent as string));
        expect(new Set(mark.links)).toEqual(
          new Set(model.shares.filter((s) => named.some((r) => r.id === s.region)).map((s) => s.link)),
        );
      }
      const months = model.breaks.map((b) => b.month);
      expect(months).toEqual([...months].sort());
    });
  }

  it('kazakhstan gets its own event and china-ban (which names the world); texas does not get beijing-clause18', () => {
    expect(buildReport(data, 'kazakhstan').breaks.map((b) => b.id)).toEqual([
      'china-ban-2021',
      'kazakhstan-power-2022',
    ]);
    expect(buildReport(data, 'texas').breaks.map((b) => b.id)).not.toContain('beijing-clause18');
    expect(buildReport(data, 'sichuan').breaks.map((b) => b.id)).toEqual(['china-ban-2021']);
  });

  it("shares are the chain's recorded shares, each of its own parent", () => {
    const model = buildReport(data, 'sichuan');
    expect(new Set(model.shares.map((s) => s.link))).toEqual(new Set(['Sichuan in China', 'China in World']));
    for (const s of model.shares) {
      expect(index.regions.get(s.region)?.parent).toBe(s.of);
      expect(Number.isFinite(s.pct)).toBe(true);
    }
    expect(model.chain.map((r) => r.id)).toEqual(['sichuan', 'china']);
    expect(model.world.id).toBe('world');
  });
});

describe('nothingToChart', () => {
  it('says why a chart has nothing to draw, and nothing for a chart that has', () => {
    const model = buildReport(data, 'sichuan');
    for (const kind of ['shares', 'network', 'neighbours', 'carbon'] as const) {
      expect(nothingToChart(model, kind)).toBeUndefined();
    }
    expect(nothingToChart(buildReport(data, 'world'), 'shares')).toBe(
      'World has no recorded share of a larger region: it has no share history to chart.',
    );
    expect(nothingToChart({ ...model, comparison: null }, 'neighbours')).toMatch(
      /^The data has no country list to compare Sichuan with/,
    );
    expect(nothingToChart({ ...model, network: [] }, 'network')).toMatch(/no network-energy series for Sichuan/);
  });
});
