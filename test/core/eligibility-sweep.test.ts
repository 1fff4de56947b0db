import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bottomUp, CBECI_OVERHEADS, LIFETIME_DAYS, type Weighting } from '../../src/core/network/bottom-up.js';
import { EligibilitySweep } from '../../src/core/network/eligibility-sweep.js';
import type { Hardware } from '../../src/data/schemas.js';
import { fuzzParameters } from '../fuzz/settings.js';

const FIRST_MS = Date.UTC(2008, 0, 1);
const isoDay = (offset: number) => new Date(FIRST_MS + offset * 86_400_000).toISOString().slice(0, 10);

/** Efficiencies from a short list, so that ties between machines and with the threshold are common. */
const jPerThArb = fc.oneof(
  fc.constantFrom(10, 20, 30, 0.1, 0.2, 0.30000000000000004),
  fc.double({ min: 1, max: 1e5, noNaN: true }),
);

const hardwareArb = fc.array(
  fc
    .record({ releasedOffset: fc.integer({ min: 0, max: 4_000 }), jPerTh: jPerThArb })
    .map(({ releasedOffset, jPerTh }): Hardware => ({
      model: `m${releasedOffset}-${jPerTh}`,
      released: isoDay(releasedOffset),
      jPerTh,
      source: 'test',
      evidence: 'primary',
    })),
  { maxLength: 40 },
);

/** Ascending days, with gaps, spanning more than a machine's lifetime; each with a threshold. */
const daysArb = fc.uniqueArray(fc.integer({ min: 0, max: 6_000 }), { minLength: 1, maxLength: 300 }).chain((offsets) =>
  fc.tuple(
    fc.constant([...offsets].sort((a, b) => a - b)),
    fc.array(fc.oneof(jPerThArb, fc.constant(Number.POSITIVE_INFINITY)), {
      minLength: offsets.length,
      maxLength: offsets.length,
    }),
  ),
);

/** What the one-day model, scanning the whole list, finds on a day. */
function scanned(hardware: readonly Hardware[], date: string, thresholdJPerTh: number, weighting: Weighting) {
  const outcome = bottomUp({ hashrateThs: 1, thresholdJPerTh, date, hardware, weighting, overheads: CBECI_OVERHEADS });
  return outcome.ok ? { count: outcome.result.eligible.length, ...outcome.result.efficiency } : { count: 0 };
}

function swept(sweep: EligibilitySweep, date: string, thresholdJPerTh: number) {
  const { count, lowerJPerTh, bestJPerTh, upperJPerTh } = sweep.summarise(date, thresholdJPerTh);
  return count === 0 ? { count } : { count, lowerJPerTh, bestJPerTh, upperJPerTh };
}

describe('the eligibility sweep', () => {
  it.each<Weighting>(['mean', 'age'])(
    'finds the same eligible machines and the same bounds, to the bit, as scanning the list each day (%s)',
    (weighting) => {
      fc.assert(
        fc.property(hardwareArb, daysArb, (hardware, [offsets, thresholds]) => {
          const sweep = new EligibilitySweep(hardware, weighting);
          offsets.forEach((offset, i) => {
            const date = isoDay(offset);
            const threshold = thresholds[i] as number;
            expect(swept(sweep, date, threshold)).toStrictEqual(scanned(hardware, date, threshold, weighting));
          });
        }),
        fuzzParameters(200),
      );
    },
  );

  it('gives the same answers when the dates go back, by starting again', () => {
    fc.assert(
      fc.property(hardwareArb, fc.array(fc.integer({ min: 0, max: 6_000 }), { maxLength: 50 }), (hardware, offsets) => {
        const sweep = new EligibilitySweep(hardware, 'mean');
        for (const offset of offsets) {
          expect(swept(sweep, isoDay(offset), 1e9)).toStrictEqual(scanned(hardware, isoDay(offset), 1e9, 'mean'));
        }
      }),
      fuzzParameters(100),
    );
  });

  it('counts a machine from the day after its release to the last day before its lifetime ends', () => {
    const hardware: Hardware[] = [
      { model: 'a', released: '2020-01-01', jPerTh: 50, source: 'test', evidence: 'primary' },
    ];
    const sweep = new EligibilitySweep(hardware, 'mean');
    const releasedOffset = (Date.UTC(2020, 0, 1) - FIRST_MS) / 86_400_000;
    const counts = [0, 1, LIFETIME_DAYS - 1, LIFETIME_DAYS].map(
      (after) => sweep.summarise(isoDay(releasedOffset + after), 100).count,
    );
    expect(counts).toEqual([0, 1, 1, 0]);
  });
});
