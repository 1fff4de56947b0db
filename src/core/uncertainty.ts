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
}

export const DEFAULT_UNCERTAINTY = { basisSpread: 0.2, shareSpreadPct: 1, intensitySpread: 0.1 } as const;

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
  values.sort();
  const at = (q: number) =>
    values[Math.min(values.length - 1, Math.max(0, Math.ceil(q * values.length) - 1))] ?? Number.NaN;
  return { p5: at(0.05), p50: at(0.5), p95: at(0.95) };
}

export interface SimulationInput {
  basis: { twh: number; lowerTwh: number | null; upperTwh: number | null };
  /** Each link of the share chain: its share (0–100) and its ± precision in percentage points (0 for exact). */
  links: { pct: number; precisionPct: number }[];
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
): { energy: Percentiles; carbon: Percentiles | null } {
  const random = randomGenerator(options.seed);
  const { twh } = input.basis;
  const low = input.basis.lowerTwh ?? twh * (1 - options.basisSpread);
  const high = input.basis.upperTwh ?? twh * (1 + options.basisSpread);
  const energy = new Float64Array(options.samples);
  const carbon = input.gco2PerKwh === null ? null : new Float64Array(options.samples);
  const intensity = input.gco2PerKwh ?? 0;
  for (let i = 0; i < options.samples; i++) {
    let fraction = 1;
    for (const link of input.links) {
      const pct = link.precisionPct > 0 ? link.pct + (2 * random() - 1) * link.precisionPct : link.pct;
      fraction *= Math.min(100, Math.max(0, pct)) / 100;
    }
    const sampleTwh = fraction * triangular(random(), low, twh, high);
    energy[i] = sampleTwh;
    if (carbon) carbon[i] = (sampleTwh * intensity * (1 + (2 * random() - 1) * options.intensitySpread)) / 1_000;
  }
  return { energy: percentiles(energy), carbon: carbon ? percentiles(carbon) : null };
}

/** A share of the world's hashrate (0–100) at an intensity; parts with the same key draw the same intensity error. */
export interface IntensityPart {
  sharePct: number;
  key: string;
  gco2PerKwh: number;
}

export interface FootprintPercentiles {
  twh: Percentiles;
  mtco2: Percentiles;
}

/**
 * Monte Carlo of a scenario's network totals: the world basis from a triangular distribution on its bounds
 * (or ± basisSpread) and each intensity record within ± intensitySpread, the same draws for before and after.
 */
export function simulateScenario(
  input: { basis: SimulationInput['basis']; before: IntensityPart[]; after: IntensityPart[] },
  options: UncertaintyOptions,
): { before: FootprintPercentiles; after: FootprintPercentiles; change: FootprintPercentiles } {
  const random = randomGenerator(options.seed);
  const { twh } = input.basis;
  const low = input.basis.lowerTwh ?? twh * (1 - options.basisSpread);
  const high = input.basis.upperTwh ?? twh * (1 + options.basisSpread);
  const keys = [...new Set([...input.before, ...input.after].map((p) => p.key))];
  const slot = new Map(keys.map((key, i) => [key, i]));
  const errors = new Float64Array(keys.length);
  const share = (parts: IntensityPart[]) => parts.reduce((sum, p) => sum + p.sharePct, 0) / 100;
  const shareBefore = share(input.before);
  const shareAfter = share(input.after);
  const n = options.samples;
  const columns = Array.from({ length: 6 }, () => new Float64Array(n));
  const [twhBefore, twhAfter, twhChange, mtBefore, mtAfter, mtChange] = columns as [
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
    Float64Array,
  ];
  const carbon = (parts: IntensityPart[], worldTwh: number) => {
    let mt = 0;
    for (const p of parts)
      mt += (p.sharePct / 100) * worldTwh * p.gco2PerKwh * (1 + (errors[slot.get(p.key) ?? 0] ?? 0));
    return mt / 1_000;
  };
  for (let i = 0; i < n; i++) {
    const worldTwh = triangular(random(), low, twh, high);
    for (let k = 0; k < errors.length; k++) errors[k] = (2 * random() - 1) * options.intensitySpread;
    twhBefore[i] = shareBefore * worldTwh;
    twhAfter[i] = shareAfter * worldTwh;
    twhChange[i] = (shareAfter - shareBefore) * worldTwh;
    mtBefore[i] = carbon(input.before, worldTwh);
    mtAfter[i] = carbon(input.after, worldTwh);
    mtChange[i] = (mtAfter[i] as number) - (mtBefore[i] as number);
  }
  return {
    before: { twh: percentiles(twhBefore), mtco2: percentiles(mtBefore) },
    after: { twh: percentiles(twhAfter), mtco2: percentiles(mtAfter) },
    change: { twh: percentiles(twhChange), mtco2: percentiles(mtChange) },
  };
}
