import type { Region } from '../data/schemas.js';
import { UsageError } from '../errors.js';
import { chooseIntensity } from './carbon.js';
import { type DataIndex, regionChain } from './lookup.js';
import { describeDistance, type Period } from './period.js';
import { chooseShare } from './shares.js';
import {
  type ChangePercentiles,
  type FootprintDraw,
  type SimulationInput,
  simulateChanges,
  type UncertaintyOptions,
} from './uncertainty.js';
import { mtco2FromTwh } from './units.js';

/** Where a banned region's hashrate goes: to its siblings in proportion, out of the network, or to one region. */
export type Redistribution = { kind: 'proportional' } | { kind: 'none' } | { kind: 'region'; region: string };

export interface Move {
  from: string;
  to: string;
  /** Percentage of the `from` region's hashrate that moves, 0–100. */
  pct: number;
}

export interface ScenarioInput {
  bans: string[];
  redistribute: Redistribution;
  moves: Move[];
}

/** Each region's share of the world's hashrate, 0–100, keyed by region id; the world itself is 100 before any change. */
export type WorldShares = Map<string, number>;

/** One link of the share tree: a region's share of its parent in a period, and the precision its records state. */
export interface ShareLink {
  id: string;
  parent: string;
  /** Share of the parent's hashrate, 0–100 (year mean or nearest month). */
  pct: number;
  /** ± percentage points stated by the records, or null when they state none. */
  precisionPct: number | null;
  approximate: boolean;
}

/** The share links of every region whose chain has share data, for a period, parents before children. */
export function shareLinks(index: DataIndex, period: Period): { links: ShareLink[]; warnings: string[] } {
  const links: ShareLink[] = [];
  const warnings: string[] = [];
  const visit = (parent: Region) => {
    for (const child of index.children.get(parent.id) ?? []) {
      const records = index.sharesByRegion.get(child.id);
      if (!records || records.length === 0) continue;
      const choice = chooseShare(records, period);
      if (choice.distanceMonths !== 0) {
        warnings.push(
          `${child.id}: share from ${choice.months[0]}, ${describeDistance(choice.distanceMonths, period)}.`,
        );
      }
      const stated = choice.records.flatMap((r) => (r.precisionPct === undefined ? [] : [r.precisionPct]));
      links.push({
        id: child.id,
        parent: parent.id,
        pct: choice.pct,
        precisionPct: stated.length > 0 ? Math.max(...stated) : null,
        approximate: choice.approximate,
      });
      visit(child);
    }
  };
  const world = index.data.regions.find((r) => r.parent === null);
  if (world) visit(world);
  return { links, warnings };
}

/** World shares from share links: each region's share of its parent times its parent's world share (the world 100). */
export function sharesFromLinks(worldId: string, links: readonly ShareLink[], pcts?: Float64Array): WorldShares {
  const shares: WorldShares = new Map([[worldId, 100]]);
  links.forEach((link, i) => {
    shares.set(link.id, ((shares.get(link.parent) ?? 0) * (pcts ? (pcts[i] as number) : link.pct)) / 100);
  });
  return shares;
}

/**
 * The world shares of every region whose chain has share data, for a period: each region's share of its parent
 * (year mean or nearest month) times its parent's world share.
 */
export function worldShares(index: DataIndex, period: Period): { shares: WorldShares; warnings: string[] } {
  const world = index.data.regions.find((r) => r.parent === null);
  if (!world) return { shares: new Map(), warnings: [] };
  const { links, warnings } = shareLinks(index, period);
  return { shares: sharesFromLinks(world.id, links), warnings };
}

function descendants(index: DataIndex, regionId: string): string[] {
  const out: string[] = [];
  for (const child of index.children.get(regionId) ?? []) {
    out.push(child.id, ...descendants(index, child.id));
  }
  return out;
}

/** Multiplies a region's world share and all its descendants' by `factor`. */
function scaleSubtree(index: DataIndex, shares: WorldShares, regionId: string, factor: number): void {
  for (const id of [regionId, ...descendants(index, regionId)]) {
    const value = shares.get(id);
    if (value !== undefined) shares.set(id, value * factor);
  }
}

/** Takes `amount` (world-share points) out of a region: its subtree shrinks in proportion and its ancestors lose it. */
function removeFrom(index: DataIndex, shares: WorldShares, regionId: string, amount: number): void {
  const current = shares.get(regionId) ?? 0;
  scaleSubtree(index, shares, regionId, current > 0 ? (current - amount) / current : 0);
  for (const ancestor of regionChain(index, regionId).slice(1)) {
    shares.set(ancestor.id, (shares.get(ancestor.id) ?? 0) - amount);
  }
}

/** Adds `amount` to a region: its subtree grows in proportion (its internal distribution kept) and its ancestors gain it. */
function addTo(index: DataIndex, shares: WorldShares, regionId: string, amount: number): void {
  const current = shares.get(regionId) ?? 0;
  if (current > 0) scaleSubtree(index, shares, regionId, (current + amount) / current);
  else shares.set(regionId, amount);
  for (const ancestor of regionChain(index, regionId).slice(1)) {
    shares.set(ancestor.id, (shares.get(ancestor.id) ?? 0) + amount);
  }
}

function requireRegion(index: DataIndex, shares: WorldShares, regionId: string, role: string): Region {
  const region = index.regions.get(regionId);
  if (!region) throw new UsageError(`Unknown region "${regionId}" in ${role}.`);
  if (region.parent === null) throw new UsageError(`${role} cannot name the whole network (${region.id}).`);
  if (!shares.has(regionId)) throw new UsageError(`${region.name} has no share data, so ${role} cannot use it.`);
  return region;
}

function contains(index: DataIndex, ancestorId: string, regionId: string): boolean {
  return regionChain(index, regionId).some((r) => r.id === ancestorId);
}

/**
 * Applies bans and moves to world shares, in that order, and returns the new shares.
 * Proportional redistribution gives a banned region's share to its recorded siblings in proportion to theirs,
 * so that its parent keeps its total; `none` takes it out of the network; a region receives all of it.
 */
export function applyScenario(index: DataIndex, before: WorldShares, input: ScenarioInput): WorldShares {
  const shares: WorldShares = new Map(before);
  for (const banned of input.bans) {
    const region = requireRegion(index, shares, banned, '--ban');
    const amount = shares.get(banned) ?? 0;
    removeFrom(index, shares, banned, amount);
    const { redistribute } = input;
    switch (redistribute.kind) {
      case 'proportional': {
        const siblings = (index.children.get(region.parent ?? '') ?? []).filter(
          (r) => r.id !== banned && shares.has(r.id) && !input.bans.includes(r.id),
        );
        const siblingTotal = siblings.reduce((sum, r) => sum + (shares.get(r.id) ?? 0), 0);
        for (const sibling of siblings) {
          addTo(
            index,
            shares,
            sibling.id,
            siblingTotal > 0 ? (amount * (shares.get(sibling.id) ?? 0)) / siblingTotal : 0,
          );
        }
        if (siblingTotal <= 0) {
          for (const ancestor of regionChain(index, banned).slice(1)) {
            shares.set(ancestor.id, (shares.get(ancestor.id) ?? 0) + amount);
          }
        }
        break;
      }
      case 'none':
        break;
      case 'region': {
        requireRegion(index, shares, redistribute.region, '--redistribute');
        if (contains(index, banned, redistribute.region)) {
          throw new UsageError(`--redistribute ${redistribute.region} is inside the banned ${banned}.`);
        }
        addTo(index, shares, redistribute.region, amount);
        break;
      }
      default:
        return redistribute satisfies never;
    }
  }
  for (const move of input.moves) {
    requireRegion(index, shares, move.from, '--move');
    requireRegion(index, shares, move.to, '--move');
    if (contains(index, move.from, move.to) || contains(index, move.to, move.from)) {
      throw new UsageError(`--move ${move.from}:${move.to}: one region contains the other.`);
    }
    const amount = ((shares.get(move.from) ?? 0) * move.pct) / 100;
    removeFrom(index, shares, move.from, amount);
    addTo(index, shares, move.to, amount);
  }
  return shares;
}

/** One part of a region's carbon: a share of the world's hashrate (0–100) at one intensity record. */
export interface CarbonPart {
  sharePct: number;
  /** Which intensity record (region and year), so that parts using the same one vary together. */
  key: string;
  gco2PerKwh: number;
}

/** The intensity each region's own hashrate is counted at in a year (its own or its nearest ancestor's), remembered. */
export type IntensityOf = (regionId: string) => { key: string; gco2PerKwh: number } | null;

export function intensityOf(index: DataIndex, year: number): IntensityOf {
  const known = new Map<string, { key: string; gco2PerKwh: number } | null>();
  return (regionId) => {
    if (!known.has(regionId)) {
      const record = chooseIntensity(index, regionChain(index, regionId), year);
      known.set(regionId, record ? { key: `${record.region} ${record.year}`, gco2PerKwh: record.gco2PerKwh } : null);
    }
    return known.get(regionId) ?? null;
  };
}

/** A region's hashrate split into parts by the intensity each part is counted at (see {@link subtreeMtco2}). */
export function carbonParts(
  index: DataIndex,
  shares: WorldShares,
  regionId: string,
  intensity: IntensityOf,
  parts: CarbonPart[] = [],
): CarbonPart[] {
  let rest = shares.get(regionId) ?? 0;
  for (const child of index.children.get(regionId) ?? []) {
    const childShare = shares.get(child.id);
    if (childShare === undefined) continue;
    carbonParts(index, shares, child.id, intensity, parts);
    rest -= childShare;
  }
  const own = intensity(regionId);
  if (own && rest > 0) parts.push({ sharePct: rest, key: own.key, gco2PerKwh: own.gco2PerKwh });
  return parts;
}

/**
 * Carbon of a region's mining, Mt CO2: its recorded sub-regions at their own intensities and the rest of it at its
 * own (or its nearest ancestor's), so that moving hashrate between provinces changes carbon.
 */
export function subtreeMtco2(
  index: DataIndex,
  shares: WorldShares,
  regionId: string,
  worldTwh: number,
  intensity: IntensityOf,
): number {
  return carbonParts(index, shares, regionId, intensity).reduce(
    (sum, part) => sum + mtco2FromTwh((part.sharePct / 100) * worldTwh, part.gco2PerKwh),
    0,
  );
}

export interface ScenarioOptions {
  year?: number;
  month?: string;
  /** Run a Monte Carlo of the network totals. */
  uncertainty?: UncertaintyOptions;
  /** A world network-energy series (default: the first that covers the year). */
  series?: string;
}

export interface Footprint {
  twh: number;
  mtco2: number;
}

/** The `scenario --json` document. */
export interface ScenarioResult {
  scenario: {
    year: number;
    month: string | null;
    basis: { series: string; twh: number; source: string };
    bans: string[];
    redistribute: string;
    moves: Move[];
  };
  regions: {
    id: string;
    sharePct: { before: number; after: number };
    before: Footprint;
    after: Footprint;
    change: Footprint;
  }[];
  total: { before: Footprint; after: Footprint; change: Footprint };
  /**
   * With a Monte Carlo: its settings, the percentiles of the network totals and of each region the scenario
   * names (banned, receiving, moved from or to); else null.
   */
  uncertainty: {
    settings: UncertaintyOptions;
    total: ChangePercentiles;
    regions: ({ id: string } & ChangePercentiles)[];
  } | null;
  warnings: string[];
}

/**
 * What a ban or a move does to each region's electricity and carbon, on a world network total.
 * @throws UsageError for an unknown region, a region without share data, or a year no world series covers.
 */
export function runScenario(index: DataIndex, input: ScenarioInput, options: ScenarioOptions): ScenarioResult {
  const world = index.data.regions.find((r) => r.parent === null);
  if (!world) throw new UsageError('The data has no world region.');
  const worldSeries = index.data.networkEnergy.filter((s) => s.scope === world.id);
  const candidates = options.series === undefined ? worldSeries : worldSeries.filter((s) => s.id === options.series);
  if (options.series !== undefined && candidates.length === 0) {
    throw new UsageError(
      `Series "${options.series}" is not a world series; scenarios need one (${worldSeries.map((s) => s.id).join(', ')}).`,
    );
  }
  const measured = candidates.filter((s) => s.kind === 'estimate');
  const year =
    options.year ??
    (options.month
      ? Number(options.month.slice(0, 4))
      : Math.max(...(measured.length > 0 ? measured : candidates).flatMap((s) => s.values.map((v) => v.year))));
  const found = candidates.flatMap((series) =>
    series.values.filter((v) => v.year === year).map((value) => ({ series, value })),
  )[0];
  if (!found) {
    const years = candidates.map((s) => `${s.values.map((v) => v.year).join(', ')} (${s.id})`).join('; ');
    throw new UsageError(
      `No world network-energy series covers ${year}; scenarios need one. Years available: ${years}.`,
    );
  }
  const period: Period = options.month ? { kind: 'month', year, month: options.month } : { kind: 'year', year };
  const { links, warnings } = shareLinks(index, period);
  const before = sharesFromLinks(world.id, links);
  const after = applyScenario(index, before, input);
  const intensity = intensityOf(index, year);
  const worldTwh = found.value.twh;
  const footprint = (shares: WorldShares, id: string): Footprint => ({
    twh: ((shares.get(id) ?? 0) / 100) * worldTwh,
    mtco2: subtreeMtco2(index, shares, id, worldTwh, intensity),
  });
  // Differences smaller than float noise on the larger value are reported as no change.
  const difference = (a: number, b: number) =>
    Math.abs(b - a) <= 1e-9 * Math.max(Math.abs(a), Math.abs(b)) ? 0 : b - a;
  const change = (a: Footprint, b: Footprint): Footprint => ({
    twh: difference(a.twh, b.twh),
    mtco2: difference(a.mtco2, b.mtco2),
  });
  const regions = index.data.regions
    .filter((r) => r.parent !== null && before.has(r.id))
    .map((r) => {
      const b = footprint(before, r.id);
      const a = footprint(after, r.id);
      return {
        id: r.id,
        sharePct: { before: before.get(r.id) ?? 0, after: after.get(r.id) ?? 0 },
        before: b,
        after: a,
        change: change(b, a),
      };
    });
  const totalBefore = footprint(before, world.id);
  const totalAfter = footprint(after, world.id);
  const { redistribute } = input;
  return {
    scenario: {
      year,
      month: options.month ?? null,
      basis: { series: found.series.id, twh: worldTwh, source: found.series.source },
      bans: input.bans,
      redistribute: redistribute.kind === 'region' ? redistribute.region : redistribute.kind,
      moves: input.moves,
    },
    regions,
    total: { before: totalBefore, after: totalAfter, change: change(totalBefore, totalAfter) },
    uncertainty: options.uncertainty
      ? {
          settings: options.uncertainty,
          ...simulateScenarioShares(index, input, {
            worldId: world.id,
            links,
            basis: { twh: worldTwh, lowerTwh: found.value.lowerTwh ?? null, upperTwh: found.value.upperTwh ?? null },
            intensity,
            settings: options.uncertainty,
          }),
        }
      : null,
    warnings,
  };
}

/** The regions a scenario names, in the order it names them: banned, receiving, moved from and to. */
function namedRegions(input: ScenarioInput): string[] {
  const receiving = input.redistribute.kind === 'region' ? [input.redistribute.region] : [];
  return [...new Set([...input.bans, ...receiving, ...input.moves.flatMap((m) => [m.from, m.to])])];
}

/**
 * Monte Carlo of a scenario: each sample draws every share link within ± its precision (the records' stated
 * precision, else ± shareSpreadPct for an approximate share; exact shares held fixed), applies the scenario to
 * those shares, and draws the basis and intensities as {@link simulateChanges} does.
 */
function simulateScenarioShares(
  index: DataIndex,
  input: ScenarioInput,
  context: {
    worldId: string;
    links: readonly ShareLink[];
    basis: SimulationInput['basis'];
    intensity: IntensityOf;
    settings: UncertaintyOptions;
  },
): { total: ChangePercentiles; regions: ({ id: string } & ChangePercentiles)[] } {
  const { links, settings } = context;
  const spreads = links.map((l) => l.precisionPct ?? (l.approximate ? settings.shareSpreadPct : 0));
  const pcts = new Float64Array(links.length);
  const tracked = [context.worldId, ...namedRegions(input)];
  const fixedBefore = sharesFromLinks(context.worldId, links);
  const fixedAfter = applyScenario(index, fixedBefore, input);
  const varies = spreads.some((spread) => spread > 0);
  const draw = (random: () => number): FootprintDraw[] => {
    let before = fixedBefore;
    let after = fixedAfter;
    if (varies) {
      links.forEach((link, i) => {
        const spread = spreads[i] as number;
        pcts[i] = spread > 0 ? Math.min(100, Math.max(0, link.pct + (2 * random() - 1) * spread)) : link.pct;
      });
      before = sharesFromLinks(context.worldId, links, pcts);
      after = applyScenario(index, before, input);
    }
    return tracked.flatMap((id) => [
      { sharePct: before.get(id) ?? 0, parts: carbonParts(index, before, id, context.intensity) },
      { sharePct: after.get(id) ?? 0, parts: carbonParts(index, after, id, context.intensity) },
    ]);
  };
  const [total, ...regions] = simulateChanges(context.basis, draw, settings);
  return {
    total: total as ChangePercentiles,
    regions: regions.map((r, i) => ({ id: tracked[i + 1] as string, ...r })),
  };
}
