import { describe, expect, it } from 'vitest';
import { checkClaims, DataError, loadSeeds } from '../../src/index.js';
import { shippedData } from '../helpers.js';

describe('checkClaims with seeds built by hand', () => {
  it('takes seeds that loadSeeds returned, and a sound copy of one built by hand', async () => {
    const data = await shippedData();
    const seeds = await loadSeeds();
    const results = checkClaims(data, seeds);
    expect(results.length).toBeGreaterThan(0);
    // The same claims, rebuilt as plain objects, give the same verdicts.
    const copied = JSON.parse(JSON.stringify(seeds)) as typeof seeds;
    expect(checkClaims(data, copied).map((r) => r.verdict)).toEqual(results.map((r) => r.verdict));
  });

  it.each([
    ['not a list', 'seeds', /seeds → must be a list of seed documents/],
    ['a seed that is null', [null], /seeds\[0\] → must be a seed document/],
    ['no claims', [{ document: { id: 'a' }, claims: [] }], /seeds\[0\] → claims: must list claims/],
    [
      'an unknown check',
      [{ document: { id: 'a' }, claims: [{ id: 'c', claim: 'x', check: { type: 'bogus' } }] }],
      /seeds\[0\]\.claims\[0\] → check\.type: must be one of share, share-rank/,
    ],
    [
      'a share with a percentage of 150',
      [
        {
          document: { id: 'a' },
          claims: [
            {
              id: 'c',
              claim: 'x',
              check: { type: 'share', region: 'sichuan', month: '2021-04', expectedPct: 150, tolerancePct: 1 },
            },
          ],
        },
      ],
      /check\.expectedPct: is missing or not a pct/,
    ],
    [
      'a month as a number',
      [
        {
          document: { id: 'a' },
          claims: [{ id: 'c', claim: 'x', check: { type: 'share-rank', region: 'sichuan', month: 202104, rank: 1 } }],
        },
      ],
      /check\.month: is missing or not a month/,
    ],
  ])('refuses %s with a DataError naming the place, not a TypeError', async (_, seeds, message) => {
    const data = await shippedData();
    const run = () => checkClaims(data, seeds as never);
    expect(run).toThrow(DataError);
    expect(run).toThrow(message);
  });
});
