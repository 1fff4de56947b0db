import { describe, expect, it } from 'vitest';
import { beginEstimateAll } from '../../src/core/estimate-set.js';
import { estimateAll } from '../../src/index.js';
import { shippedData } from '../helpers.js';

const data = await shippedData();
const WORLDS = data.regions.filter((region) => region.parent === null).length;
const SETTINGS = { samples: 50, seed: 7, basisSpread: 0.2, shareSpreadPct: 1, intensitySpread: 0.1, breakSpread: 1 };

/** Counts the Monte Carlo runs finished: each estimate of a region with `uncertainty` is one, told at its end. */
function runCounter() {
  let runs = 0;
  return {
    onProgress: (done: number, total: number) => {
      if (done === total) runs++;
    },
    runs: () => runs,
  };
}

describe('estimate --all estimates each region once', () => {
  it('estimates the worlds when begun, and each other region as its record is read', () => {
    const counter = runCounter();
    const run = beginEstimateAll(data, { year: 2021, uncertainty: SETTINGS, onProgress: counter.onProgress });
    expect(run.worldsEstimated).toBe(true);
    expect(counter.runs()).toBe(WORLDS);
    const records = [...run.records()];
    const estimates = records.filter((record) => record.record === 'estimate').length;
    expect(estimates).toBeGreaterThan(WORLDS);
    // One run an estimate, the world's included: the world is not estimated again for its record.
    expect(counter.runs()).toBe(estimates);
    // Read again (a CSV written in two passes), the records are made again but for the worlds'.
    expect([...run.records()]).toEqual(records);
    expect(counter.runs()).toBe(2 * estimates - WORLDS);
  });

  it('gives the records estimateAll gives, in its order', () => {
    const options = { month: '2021-04', uncertainty: SETTINGS };
    expect(JSON.stringify([...beginEstimateAll(data, options).records()])).toBe(
      JSON.stringify([...estimateAll(data, options)]),
    );
  });

  it('says when a world cannot be estimated, before any other region is', () => {
    const counter = runCounter();
    const run = beginEstimateAll(data, { year: 1995, uncertainty: SETTINGS, onProgress: counter.onProgress });
    expect(run.worldsEstimated).toBe(false);
    expect(counter.runs()).toBe(0);
  });
});
