import { checkUncertainty } from './validation.js';
import { type ProgressCallback, reportEvery } from './progress.js';

/** Settings of a Monte Carlo run. */
export interface UncertaintyOptions {
  samples: number;
  /** Seed of the pseudo-random generator; the same seed gives the same draws. */
  seed: number;
  /** ± fraction of the basis when it has no bounds (default 0.2). */
  basisSpread: number;
  /** ± percentage points of an approximate share without a stated precision (default 1). */
  shareSpreadPct: number;
  /** ± fraction of the carbon intensity (default 0.1). */
  intensitySpread: number;
  /** ± fraction of a share recorded before a structural break and applied after it (default 0.5). */
  breakSpread: number;
}

export const DEFAULT_UNCERTAINTY = {
  basisSpread: 0.2,
  shareSpreadPct: 1,
  intensitySpread: 0.1,
  breakSpread: 0.5,
} as const;

/**
 * How far a share link is drawn each side of its value, in percentage points: its stated precision; else, for an
 * approximate share, ± shareSpreadPct; else 0 (held fixed). A share recorded before a structural break and applied
 * after it is drawn at least ± breakSpread of its value, since the break may have moved it anywhere near there.
 */
export function linkSpreadPct(
  link: { pct: number; precisionPct: number | null; approximate: boolean; breaks: readonly unknown[] },
  options: Pick<UncertaintyOptions, 'shareSpreadPct' | 'breakSpread'>,
): number {
  const stated = link.precisionPct ?? (link.approximate ? options.shareSpreadPct : 0);
  return link.breaks.length > 0 ? Math.max(stated, link.pct * options.breakSpread) : stated;
}

export interface Percentiles {
  p5: number;
  p50: number;
  p95: number;
}

/** A small, fast, seedable generator (mulberry32): uniform numbers in [0, 1). */
export function randomGenerator(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

/** A draw from the triangular distribution on [low, high] with its mode at `mode`, by the inverse CDF. */
export function triangular(u: number, low: number, mode: number, high: number): number {
  if (high <= low) return mode;
  const split = (mode - low) / (high - low);
  return u < split
    ? low + Math.sqrt(u * (high - low) * (mode - low))
    : high - Math.sqrt((1 - u) * (high - low) * (high - mode));
}

/** Nearest-rank percentiles of a sample (sorted in place). */
export function percentiles(values: Float64Array): Percentiles {
  if (values.length === 0) return { p5: Number.NaN, p50: Number.NaN, p95: Number.NaN };
  const rank = (q: number) => Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1));
  const [low, middle, high] = [rank(0.05), rank(0.5), rank(0.95)];
  // Each selection leaves the smaller values before its rank and the larger after: the next searches one side.
  const p50 = selectRank(values, middle, 0, values.length - 1);
  const p5 = selectRank(values, low, 0, middle);
  const p95 = selectRank(values, high, middle, values.length - 1);
  return { p5, p50, p95 };
}

/**
 * The value of rank `k` (from 0) among values[left..right], as if they were sorted: Hoare's selection, which
 * reorders that range so that values[k] holds it, none before it larger and none after it smaller. Linear time
 * on average, where a sort of a large Monte Carlo would take longer than its sampling.
 */
export function selectRank(values: Float64Array, k: number, left: number, right: number): number {
  let lo = left;
  let hi = right;
  while (lo < hi) {
    const mid = lo + ((hi - lo) >> 1);
    const a = values[lo] as number;
    const b = values[mid] as number;
    const c = values[hi] as number;
    const pivot = a < b ? (b < c ? b : a < c ? c : a) : a < c ? a : b < c ? c : b;
    let i = lo;
    let j = hi;
    while (i <= j) {
      while ((values[i] as number) < pivot) i++;
      while ((values[j] as number) > pivot) j--;
      if (i <= j) {
        const t = values[i] as number;
        values[i] = values[j] as number;
        values[j] = t;
        i++;
        j--;
      }
    }
    if (k <= j) hi = j;
    else if (k >= i) lo = i;
    else break;
  }
  return values[k] as number;
}

export interface SimulationInput {
  basis: { twh: number; lowerTwh: number | null; upperTwh: number | null };
  /** Each link of the share chain: its share (0–100) and how far it is drawn each side, percentage points (0: fixed). */
  links: { pct: number; spreadPct: number }[];
  /** The carbon intensity, g CO2/kWh, or null when carbon is not estimated. */
  gco2PerKwh: number | null;
}

/**
 * Monte Carlo of a regional estimate: the basis from a triangular distribution on its bounds (or ± basisSpread),
 * each share link uniform within ± its precision (clipped to 0–100), the intensity uniform within ± intensitySpread.
 * @returns the 5th, 50th and 95th percentiles of energy (TWh) and carbon (Mt CO2).
 */
export function simulateEstimate(
  input: SimulationInput,
  options: UncertaintyOptions,
  onProgress?: ProgressCallback,
): { energy: Percentiles; carbon: Percentiles | null } {
  checkUncertainty(options);
  const random = randomGenerator(options.seed);
  const progress = reportEvery(onProgress, options.samples);
  const { twh } = input.basis;
  const low = input.basis.lowerTwh ?? twh * (1 - options.basisSpread);
  const high = input.basis.upperTwh ?? twh * (1 + options.basisSpread);
  const energy = new Float64Array(options.samples);
  const carbon = input.gco2PerKwh === null ? null : new Float64Array(options.samples);
  const intensity = input.gco2PerKwh ?? 0;
  for (let i = 0; i < options.samples; i++) {
    let fraction = 1;
    for (const link of input.links) {
      const pct = link.spreadPct > 0 ? link.pct + (2 * random() - 1) * link.spreadPct : link.pct;
      fraction *= Math.min(100, Math.max(0, pct)) / 100;
    }
    const sampleTwh = fraction * triangular(random(), low, twh, high);
    energy[i] = sampleTwh;
    if (carbon) carbon[i] = (sampleTwh * intensity * (1 + (2 * random() - 1) * options.intensitySpread)) / 1_000;
    progress(i + 1);
  }
  return { energy: percentiles(energy), carbon: carbon ? percentiles(carbon) : null };
}

export interface FootprintPercentiles {
  twh: Percentiles;
  mtco2: Percentiles;
}

/** One footprint of a sample: a share of the world's hashrate (0–100) and its carbon weights. */
export interface FootprintDraw {
  sharePct: number;
  /** For each intensity record: the world-share points counted at it × its g CO2/kWh. */
  carbonWeights: ArrayLike<number>;
}

export interface ChangePercentiles {
  before: FootprintPercentiles;
  after: FootprintPercentiles;
  change: FootprintPercentiles;
}

/**
 * Monte Carlo of footprints before and after a change, all on one world basis and one set of intensity errors
 * per sample: the basis from a triangular distribution on its bounds (or ± basisSpread), the footprints from
 * `draw` (which may draw shares of its own), then each of the `records` intensity records within
 * ± intensitySpread. Mt CO2 = Σ weight × (1 + error) × world TWh / 100 / 1,000.
 * @param draw the footprints of one sample, in pairs: before and after of the first, then of the second, …;
 *   read before the next draw, so they may be refilled in place.
 * @returns the percentiles of each pair: before, after and their change.
 */
export function simulateChanges(
  basis: SimulationInput['basis'],
  records: number,
  draw: (random: () => number) => readonly FootprintDraw[],
  options: UncertaintyOptions,
  onProgress?: ProgressCallback,
): ChangePercentiles[] {
  checkUncertainty(options);
  const random = randomGenerator(options.seed);
  const progress = reportEvery(onProgress, options.samples);
  const { twh } = basis;
  const low = basis.lowerTwh ?? twh * (1 - options.basisSpread);
  const high = basis.upperTwh ?? twh * (1 + options.basisSpread);
  const n = options.samples;
  const errors = new Float64Array(records);
  let columns: Float64Array[] = [];
  const mtco2 = (weights: ArrayLike<number>, worldTwh: number) => {
    let sum = 0;
    for (let k = 0; k < records; k++) sum += (weights[k] as number) * (1 + (errors[k] as number));
    return (sum * worldTwh) / 1e5;
  };
  for (let i = 0; i < n; i++) {
    const worldTwh = triangular(random(), low, twh, high);
    const footprints = draw(random);
    if (i === 0) columns = Array.from({ length: footprints.length * 3 }, () => new Float64Array(n));
    for (let k = 0; k < records; k++) errors[k] = (2 * random() - 1) * options.intensitySpread;
    for (let f = 0; f + 1 < footprints.length; f += 2) {
      const before = footprints[f] as FootprintDraw;
      const after = footprints[f + 1] as FootprintDraw;
      const column = (offset: number) => columns[f * 3 + offset] as Float64Array;
      const twhBefore = (before.sharePct / 100) * worldTwh;
      const twhAfter = (after.sharePct / 100) * worldTwh;
      const mtBefore = mtco2(before.carbonWeights, worldTwh);
      const mtAfter = mtco2(after.carbonWeights, worldTwh);
      column(0)[i] = twhBefore;
      column(1)[i] = twhAfter;
      column(2)[i] = twhAfter - twhBefore;
      column(3)[i] = mtBefore;
      column(4)[i] = mtAfter;
      column(5)[i] = mtAfter - mtBefore;
    }
    progress(i + 1);
  }
  const pairs: ChangePercentiles[] = [];
  for (let c = 0; c + 5 < columns.length; c += 6) {
    const at = (offset: number) => percentiles(columns[c + offset] as Float64Array);
    pairs.push({
      before: { twh: at(0), mtco2: at(3) },
      after: { twh: at(1), mtco2: at(4) },
      change: { twh: at(2), mtco2: at(5) },
    });
  }
  return pairs;
}
