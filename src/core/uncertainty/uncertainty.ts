import { SHARE_SPREAD_PCT_RANGE } from '../../data/ranges.js';
import { type ProgressCallback, reportEvery } from '../common/progress.js';
import { about, checkRange, checkSamples, checkSeed, checkUnitSpread } from '../common/validation.js';

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
  /**
   * ± fraction of its value of a share applied across a structural break (default 1: anywhere from none to twice
   * the share, the widest the share model gives).
   */
  breakSpread: number;
}

export const DEFAULT_UNCERTAINTY = {
  basisSpread: 0.2,
  shareSpreadPct: 1,
  intensitySpread: 0.1,
  breakSpread: 1,
} as const;

/** The settings of a Monte Carlo run. */
export function checkUncertainty(options: UncertaintyOptions): void {
  about('uncertainty.samples', () => checkSamples(options.samples));
  about('uncertainty.seed', () => checkSeed(options.seed));
  about('uncertainty.basisSpread', () => checkUnitSpread(options.basisSpread));
  about('uncertainty.shareSpreadPct', () => checkRange(options.shareSpreadPct, SHARE_SPREAD_PCT_RANGE));
  about('uncertainty.intensitySpread', () => checkUnitSpread(options.intensitySpread));
  about('uncertainty.breakSpread', () => checkUnitSpread(options.breakSpread));
}

export interface Percentiles {
  p5: number;
  p50: number;
  p95: number;
}

/** A small, fast, seedable generator (mulberry32): uniform numbers in [0, 1). */
export function randomGenerator(seed: number): () => number {
  return seekableGenerator(seed).random;
}

/** How far mulberry32's state moves at each draw. */
const MULBERRY32_STEP = 0x6d2b79f5;

/** mulberry32's output for a state: a uniform number in [0, 1). */
function mulberry32(state: number): number {
  let t = state;
  t = Math.imul(t ^ (t >>> 15), t | 1);
  t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
  return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
}

/** Uniform numbers in [0, 1) one at a time, or the next `count` of them into an array (the same numbers). */
export interface UniformSource {
  random: () => number;
  /** Writes the next `count` draws to target[0 … count − 1]. */
  fill: (target: Float64Array, count: number) => void;
}

/**
 * The generator of {@link randomGenerator}, with ways to make many draws into an array (a loop without a call a
 * draw), to pass over draws without making them (its state only counts draws, so passing over `count` of them is
 * one multiplication), and to start again from a seed.
 */
function seekableGenerator(seed: number): UniformSource & {
  skip: (count: number) => void;
  restart: (seed: number) => void;
} {
  let state = seed >>> 0;
  return {
    random: () => {
      state = (state + MULBERRY32_STEP) >>> 0;
      return mulberry32(state);
    },
    fill: (target, count) => {
      let next = state;
      for (let k = 0; k < count; k++) {
        next = (next + MULBERRY32_STEP) >>> 0;
        target[k] = mulberry32(next);
      }
      state = next;
    },
    skip: (count) => {
      state = (state + Math.imul(count, MULBERRY32_STEP)) >>> 0;
    },
    restart: (start) => {
      state = start >>> 0;
    },
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

/** Nearest-rank percentiles of a sample, which is reordered in place. */
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
 * The value of rank `k` (from 0) among values[left..right], as if they were sorted: Hoare's selection with a
 * median-of-three pivot, which reorders that range so that values[k] holds it, none before it larger and none
 * after it smaller. Linear time on average, where a sort of a large Monte Carlo would take longer than its
 * sampling; a range that has not shrunk fast enough (an adversarial order) is sorted instead, so that the worst
 * case stays O(n log n).
 */
export function selectRank(values: Float64Array, k: number, left: number, right: number): number {
  let lo = left;
  let hi = right;
  let partitionsLeft = 2 * Math.ceil(Math.log2(right - left + 2)) + 8;
  while (lo < hi) {
    if (partitionsLeft-- === 0) {
      values.subarray(lo, hi + 1).sort();
      break;
    }
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

/** The 5% and 95% points of the triangular distribution on [low, high] with its mode at `mode`. */
function triangularInterval(low: number, mode: number, high: number): { p5: number; p95: number } {
  return { p5: triangular(0.05, low, mode, high), p95: triangular(0.95, low, mode, high) };
}

/**
 * The bounds of an estimate: an interval meant to hold 90% of what the inputs allow (a 5th to a 95th percentile),
 * worked out in closed form by one rule, which the Monte Carlo ({@link simulateEstimate}) agrees with.
 *
 * Each factor of the product (the basis, each share link) is taken on its own, as the Monte Carlo draws it: the
 * basis from the triangular distribution on its bounds with its mode at its value, a share uniformly within
 * ± its spread (clipped to 0–100). Each factor's 5% and 95% points give its ratios to its value, r5 ≤ 1 ≤ r95; the
 * ratios' logarithms add up in quadrature on each side:
 *
 *   lower = value × exp(−√Σ ln(r5)²),   upper = value × exp(+√Σ ln(r95)²)
 *
 * (a share whose 5% point is 0 counts as r5 = 0.001 there). One factor alone gives exactly its own 5% and 95%
 * points; for several, the rule is within 15% of the Monte Carlo's percentiles (test/core/bounds.test.ts), furthest
 * where a share across a break meets a wide basis, as the logarithm of a share drawn near zero has a long tail;
 * with two shares across breaks, up to 20% (17% low at the top).
 *
 * A basis without bounds adds nothing (the Monte Carlo, by assumption, draws it within ± basisSpread; the bounds
 * make no such assumption), and with no factor uncertain there are no bounds: null.
 */
export function intervalOf(input: Pick<SimulationInput, 'basis' | 'links'>): {
  lowerTwh: number;
  upperTwh: number;
} | null {
  const { twh, lowerTwh, upperTwh } = input.basis;
  const ratios: { r5: number; r95: number }[] = [];
  if (lowerTwh !== null && upperTwh !== null && twh > 0 && upperTwh > lowerTwh) {
    const { p5, p95 } = triangularInterval(lowerTwh, twh, upperTwh);
    ratios.push({ r5: p5 / twh, r95: p95 / twh });
  }
  let value = twh;
  for (const link of input.links) {
    value *= link.pct / 100;
    if (link.spreadPct <= 0 || link.pct <= 0) continue;
    const p5 = Math.max(0, link.pct - UNIFORM_90 * link.spreadPct);
    const p95 = Math.min(100, link.pct + UNIFORM_90 * link.spreadPct);
    ratios.push({ r5: p5 / link.pct, r95: p95 / link.pct });
  }
  if (ratios.length === 0) return lowerTwh === null || upperTwh === null ? null : { lowerTwh: value, upperTwh: value };
  const low = Math.sqrt(ratios.reduce((sum, r) => sum + Math.log(Math.max(r.r5, MIN_RATIO)) ** 2, 0));
  const high = Math.sqrt(ratios.reduce((sum, r) => sum + Math.log(r.r95) ** 2, 0));
  return { lowerTwh: value * Math.exp(-low), upperTwh: value * Math.exp(high) };
}

/** The 5% and 95% points of a uniform draw within ± h are ± 0.9 h. */
const UNIFORM_90 = 0.9;
/** The least ratio of a 5% point to its value that the rule takes the logarithm of. */
const MIN_RATIO = 0.001;

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
 * The samples of one quantity. It holds a single number until two samples differ, so that a footprint that
 * cannot vary (a banned region's after, say) takes no memory in a large run.
 */
interface SampleColumn {
  first: number;
  values: Float64Array | null;
}

/** Sample buffers of one length, handed back once their percentiles are taken and handed out again. */
type BufferPool = Float64Array[];

function takeBuffer(pool: BufferPool, n: number): Float64Array {
  return pool.pop() ?? new Float64Array(n);
}

function emptyColumn(): SampleColumn {
  return { first: 0, values: null };
}

/** Object.is for numbers, written out so that the engine compares them without boxing either. */
function sameValue(a: number, b: number): boolean {
  return a === b ? a !== 0 || 1 / a === 1 / b : a !== a && b !== b;
}

/** Records sample `i` of `n`; the samples before `i` must have been recorded. */
function recordSample(column: SampleColumn, i: number, n: number, value: number, pool: BufferPool): void {
  if (column.values) column.values[i] = value;
  else if (i === 0) column.first = value;
  else if (!Object.is(value, column.first)) {
    column.values = takeBuffer(pool, n);
    column.values.fill(column.first, 0, i);
    column.values[i] = value;
  }
}

function sampleAt(column: SampleColumn, i: number): number {
  return column.values ? (column.values[i] as number) : column.first;
}

/** The percentiles of a column's samples; its buffer goes back to the pool. */
function columnPercentiles(column: SampleColumn, pool: BufferPool): Percentiles {
  const { values, first } = column;
  if (!values) return { p5: first, p50: first, p95: first };
  pool.push(values);
  return percentiles(values);
}

/** The percentiles of after − before, sample by sample, worked out in a buffer of the pool. */
function changePercentiles(before: SampleColumn, after: SampleColumn, n: number, pool: BufferPool): Percentiles {
  const change = takeBuffer(pool, n);
  const afterValues = after.values;
  const beforeValues = before.values;
  if (afterValues && beforeValues)
    for (let i = 0; i < n; i++) change[i] = (afterValues[i] as number) - (beforeValues[i] as number);
  else for (let i = 0; i < n; i++) change[i] = sampleAt(after, i) - sampleAt(before, i);
  pool.push(change);
  return percentiles(change);
}

interface FootprintChange {
  before: Percentiles;
  after: Percentiles;
  change: Percentiles;
}

/** Before, after and change percentiles of each pair of columns; the changes first, while the samples line up. */
function pairPercentiles(
  pairs: readonly [SampleColumn, SampleColumn][],
  n: number,
  pool: BufferPool,
): FootprintChange[] {
  return pairs.map(([before, after]) => {
    const change = changePercentiles(before, after, n, pool);
    return { before: columnPercentiles(before, pool), after: columnPercentiles(after, pool), change };
  });
}

/**
 * The footprints of one sample as typed arrays, filled in place: footprint f's share of the world's hashrate
 * (0–100) at sharePcts[f] and its weight of intensity record k (the world-share points counted at it × its
 * g CO2/kWh) at carbonWeights[f × records + k]. Only the records footprint f lists (recordItems[recordStart[f]]
 * up to recordItems[recordStart[f + 1]], ascending) may have a weight; the others are 0 and are passed over.
 */
export interface FootprintBlock {
  sharePcts: Float64Array;
  carbonWeights: Float64Array;
  recordStart: Int32Array;
  recordItems: Int32Array;
}

/** Mt CO2 of footprint f: Σ weight × (1 + error) × world TWh / 100 / 1,000, the factors being 1 + error. */
function footprintMtco2(block: FootprintBlock, f: number, records: number, factors: Float64Array, worldTwh: number) {
  const { carbonWeights, recordStart, recordItems } = block;
  const offset = f * records;
  let sum = 0;
  for (let j = recordStart[f] as number, end = recordStart[f + 1] as number; j < end; j++) {
    const k = recordItems[j] as number;
    sum += (carbonWeights[offset + k] as number) * (factors[k] as number);
  }
  return (sum * worldTwh) / 1e5;
}

/**
 * Monte Carlo of footprints before and after a change, all on one world basis and one set of intensity errors
 * per sample: the basis from a triangular distribution on its bounds (or ± basisSpread), the footprints from
 * `draw` (which may draw shares of its own), then each of the `records` intensity records within
 * ± intensitySpread. Mt CO2 = Σ weight × (1 + error) × world TWh / 100 / 1,000.
 *
 * The samples are drawn twice from the same seed, the same draws each time: first for energy, then for carbon.
 * Only one quantity's samples are held at once, which keeps a million-sample scenario within modest memory.
 * @param draw the footprints of one sample, in pairs: before and after of the first, then of the second, …;
 *   read before the next draw, so they may be refilled in place. It must depend only on the numbers it draws;
 *   when `carbon` is false, the carbon weights are not read and need not be filled.
 * @returns the percentiles of each pair: before, after and their change.
 */
export function simulateChanges(
  basis: SimulationInput['basis'],
  records: number,
  draw: (random: () => number, carbon: boolean) => readonly FootprintDraw[],
  options: UncertaintyOptions,
  onProgress?: ProgressCallback,
): ChangePercentiles[] {
  let block: FootprintBlock | undefined;
  const drawBlock = (uniforms: UniformSource, carbon: boolean): FootprintBlock => {
    const footprints = draw(uniforms.random, carbon);
    const count = footprints.length & ~1;
    block ??= {
      sharePcts: new Float64Array(count),
      carbonWeights: new Float64Array(count * records),
      recordStart: Int32Array.from({ length: count + 1 }, (_, f) => f * records),
      recordItems: Int32Array.from({ length: count * records }, (_, j) => j % records),
    };
    for (let f = 0; f < count; f++) {
      const footprint = footprints[f] as FootprintDraw;
      block.sharePcts[f] = footprint.sharePct;
      if (carbon)
        for (let k = 0; k < records; k++) block.carbonWeights[f * records + k] = footprint.carbonWeights[k] as number;
    }
    return block;
  };
  return simulateFootprintChanges(basis, records, drawBlock, options, onProgress);
}

/**
 * {@link simulateChanges} with the footprints of a sample as a {@link FootprintBlock}, which `draw` refills in
 * place and returns (the same arrays each time, an even number of footprints): the same samples and percentiles,
 * without an object a footprint.
 */
export function simulateFootprintChanges(
  basis: SimulationInput['basis'],
  records: number,
  draw: (uniforms: UniformSource, carbon: boolean) => FootprintBlock,
  options: UncertaintyOptions,
  onProgress?: ProgressCallback,
): ChangePercentiles[] {
  checkUncertainty(options);
  const n = options.samples;
  const progress = reportEvery(onProgress, 2 * n);
  const { twh } = basis;
  const low = basis.lowerTwh ?? twh * (1 - options.basisSpread);
  const high = basis.upperTwh ?? twh * (1 + options.basisSpread);
  const factors = new Float64Array(records);
  const uniforms = new Float64Array(Math.max(1, records));
  const pool: BufferPool = [];
  const generator = seekableGenerator(options.seed);
  const { intensitySpread } = options;
  const samplePairs = (carbon: boolean): FootprintChange[] => {
    generator.restart(options.seed);
    // Before and after of the first pair, then of the second, …: as `draw` gives the footprints.
    let columns: SampleColumn[] = [];
    for (let i = 0; i < n; i++) {
      generator.fill(uniforms, 1);
      const worldTwh = triangular(uniforms[0] as number, low, twh, high);
      const block = draw(generator, carbon);
      if (i === 0) columns = Array.from({ length: block.sharePcts.length & ~1 }, emptyColumn);
      // Energy does not depend on the intensity errors: they are passed over, the draws after them kept in step.
      if (carbon) {
        generator.fill(uniforms, records);
        for (let k = 0; k < records; k++) factors[k] = 1 + (2 * (uniforms[k] as number) - 1) * intensitySpread;
      } else generator.skip(records);
      const { sharePcts } = block;
      for (let f = 0; f < columns.length; f++) {
        const value = carbon
          ? footprintMtco2(block, f, records, factors, worldTwh)
          : ((sharePcts[f] as number) / 100) * worldTwh;
        // Most samples go to a buffer; the call (which boxes the number) is for a column's first sample and the
        // one that makes it vary.
        const column = columns[f] as SampleColumn;
        const { values } = column;
        if (values !== null) values[i] = value;
        else if (i === 0 || !sameValue(value, column.first)) recordSample(column, i, n, value, pool);
      }
      progress((carbon ? n : 0) + i + 1);
    }
    const pairs = Array.from(
      { length: columns.length >> 1 },
      (_, p) => [columns[2 * p], columns[2 * p + 1]] as [SampleColumn, SampleColumn],
    );
    return pairPercentiles(pairs, n, pool);
  };
  const energy = samplePairs(false);
  const carbon = samplePairs(true);
  return energy.map((twhPair, p) => {
    const mtco2Pair = carbon[p] as FootprintChange;
    return {
      before: { twh: twhPair.before, mtco2: mtco2Pair.before },
      after: { twh: twhPair.after, mtco2: mtco2Pair.after },
      change: { twh: twhPair.change, mtco2: mtco2Pair.change },
    };
  });
}
