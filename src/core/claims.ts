import { checkSeeds } from '../data/seed-check.js';
import { describeObtained } from './shares/share-model.js';
import type { Dataset } from '../data/dataset.js';
import { UsageError } from '../errors.js';
import { estimate } from './estimate.js';
import type { Baseline, HashrateShare, Region } from '../data/schemas.js';
import type { Check, Seed } from '../data/seed-schema.js';
import { rankAmong } from './compare.js';
import { type DataIndex, indexData } from './regions/lookup.js';
import { monthIndex } from './common/period.js';
import { normaliseName } from '../text.js';
import { roundSignificant } from './common/units.js';

export type Verdict = 'reproduced' | 'contradicted' | 'not checkable';

export interface ClaimResult {
  document: string;
  id: string;
  claim: string;
  /** What the data gives, in words, with the month or list it rests on. */
  figure: string;
  verdict: Verdict;
  note: string | null;
}

const pct = (value: number) => `${roundSignificant(value, 4)}%`;

function shareAt(index: DataIndex, region: string, month: string): HashrateShare | undefined {
  return index.sharesByRegion.get(region)?.find((s) => s.month === month);
}

function nameOf(index: DataIndex, id: string): string {
  return index.regions.get(id)?.name ?? id;
}

function figureTwh(
  index: DataIndex,
  figure: Extract<Check, { type: 'figure-above' }>['figure'],
): { twh: number; label: string } | string {
  if ('twh' in figure) return { twh: figure.twh, label: `${figure.twh} TWh` };
  const value = index.series.get(figure.series)?.values.find((v) => v.year === figure.year);
  if (!value) return `series ${figure.series} has no value for ${figure.year}`;
  return { twh: value.twh, label: `${value.twh} TWh (${figure.series}, ${figure.year})` };
}

function countryValue(baseline: Baseline, name: string) {
  return baseline.values.find((v) => normaliseName(v.country) === normaliseName(name));
}

type Outcome = { figure: string; verdict: Verdict };

const twh = (value: number) => `${roundSignificant(value, 4)} TWh`;

/**
 * A projection against what was measured for the same region and year, the measurement made as `estimate` makes
 * it by default (a measured total, never a projection, and the region's measured shares).
 */
function projectionAgainstMeasurement(
  index: DataIndex,
  check: Extract<Check, { type: 'projection-vs-measured' }>,
): Outcome {
  const projected = index.series.get(check.series)?.values.find((v) => v.year === check.year);
  if (!projected) return { figure: `series ${check.series} has no value for ${check.year}`, verdict: 'not checkable' };
  let measured;
  try {
    measured = estimate(index.data, check.region, { year: check.year });
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    return { figure: `no measurement for ${check.year}: ${error.message}`, verdict: 'not checkable' };
  }
  const region = nameOf(index, check.region);
  const links = measured.share.links
    .map(
      (l) =>
        `${pct(l.pct)} of ${nameOf(index, l.of)} ${l.obtained === 'recorded' ? 'in ' : ''}${describeObtained(l)} (${l.sources.join(', ')}, ${l.evidence})`,
    )
    .join(' × ');
  const basis = measured.basis;
  const coverage =
    basis.coverage === 'partial-year'
      ? `, ${basis.days} days annualised`
      : basis.coverage === 'year'
        ? ''
        : `, ${basis.coverage}`;
  const others = basis.alternatives
    .filter((a) => a.kind === 'estimate' && a.coverage !== 'snapshot')
    .map((a) => (measured.share.pct / 100) * a.twh);
  const range =
    others.length > 0
      ? `; the other totals for ${check.year} give ${twh(Math.min(...others))}${others.length > 1 ? ` to ${twh(Math.max(...others))}` : ''}`
      : '';
  const ratio = projected.twh / measured.energy.twh;
  const difference = projected.twh - measured.energy.twh;
  return {
    figure: `${region} ${check.year} projected at ${twh(projected.twh)} (${check.series}); estimated from the data at ${twh(measured.energy.twh)} = ${twh(basis.twh)} (${basis.series} ${check.year}, ${basis.evidence}${coverage}) × ${links}${range}. The projection is ${roundSignificant(ratio, 3)} times that estimate, ${twh(Math.abs(difference))} ${difference >= 0 ? 'too high' : 'too low'}`,
    verdict: Math.abs(ratio - 1) <= check.toleranceRatio ? 'reproduced' : 'contradicted',
  };
}

function evaluate(index: DataIndex, seed: Seed, check: Check): Outcome {
  switch (check.type) {
    case 'share': {
      const record = shareAt(index, check.region, check.month);
      const of = nameOf(index, index.regions.get(check.region)?.parent ?? '');
      if (!record)
        return {
          figure: `no share of ${nameOf(index, check.region)} is recorded for ${check.month}`,
          verdict: 'not checkable',
        };
      let figure = `${pct(record.sharePct)} of ${of} in ${check.month} (${record.source})`;
      const independent = check.independent && shareAt(index, check.independent.region, check.independent.month);
      if (independent) {
        figure += `; independent evidence: ${pct(independent.sharePct)} in ${independent.month} (${independent.source})`;
      }
      if (record.source === seed.document.source) {
        return {
          figure: `${figure}. The data holds this figure only because this document reported it, so it cannot confirm it`,
          verdict: 'not checkable',
        };
      }
      return {
        figure,
        verdict: Math.abs(record.sharePct - check.expectedPct) <= check.tolerancePct ? 'reproduced' : 'contradicted',
      };
    }
    case 'share-rank': {
      const region = index.regions.get(check.region);
      const siblings = index.data.regions.filter((r: Region) => r.parent === region?.parent);
      const ranked = siblings
        .flatMap((r) => {
          const s = shareAt(index, r.id, check.month);
          return s ? [{ id: r.id, pct: s.sharePct }] : [];
        })
        .sort((a, b) => b.pct - a.pct);
      const position = ranked.findIndex((r) => r.id === check.region) + 1;
      if (position === 0 || ranked.length < check.rank) {
        return {
          figure: `only ${ranked.length} of ${nameOf(index, region?.parent ?? '')}'s regions have a share for ${check.month}`,
          verdict: 'not checkable',
        };
      }
      const list = ranked.map((r) => `${nameOf(index, r.id)} ${pct(r.pct)}`).join(', ');
      return {
        figure: `rank ${position} of ${ranked.length} recorded in ${check.month}: ${list}`,
        verdict: position === check.rank ? 'reproduced' : 'contradicted',
      };
    }
    case 'share-above': {
      const own = [...(index.sharesByRegion.get(check.region) ?? [])].sort(
        (a, b) => monthIndex(a.month) - monthIndex(b.month),
      );
      const pairs = own
        .filter((s) => s.month >= check.from && (check.to === undefined || s.month <= check.to))
        .flatMap((s) => {
          const other = shareAt(index, check.other, s.month);
          return other ? [{ month: s.month, own: s.sharePct, other: other.sharePct }] : [];
        });
      if (pairs.length === 0)
        return { figure: `no month from ${check.from} has both shares`, verdict: 'not checkable' };
      const above = pairs.filter((p) => p.own > p.other);
      const smallest = [...pairs].sort((a, b) => a.own - a.other - (b.own - b.other))[0] as (typeof pairs)[number];
      return {
        figure: `${nameOf(index, check.region)} above ${nameOf(index, check.other)} in ${above.length} of ${pairs.length} months from ${pairs[0]?.month} to ${pairs.at(-1)?.month}; closest: ${smallest.month}, ${pct(smallest.own)} against ${pct(smallest.other)}`,
        verdict: above.length === pairs.length ? 'reproduced' : 'contradicted',
      };
    }
    case 'share-threshold': {
      const { month, year } = check;
      const records =
        month !== undefined
          ? [shareAt(index, check.region, month)].filter((r) => r !== undefined)
          : [...(index.sharesByRegion.get(check.region) ?? [])]
              .filter((r) => r.month.startsWith(`${year}-`))
              .sort((a, b) => monthIndex(a.month) - monthIndex(b.month));
      if (records.length === 0)
        return {
          figure: `no share of ${nameOf(index, check.region)} is recorded for ${month ?? year}`,
          verdict: 'not checkable',
        };
      const listed = records.map(
        (r) => `${pct(r.sharePct)} in ${r.month} (${r.source}${r.evidence === 'secondhand' ? ', secondhand' : ''})`,
      );
      const above = records.filter((r) => r.sharePct > check.abovePct).length;
      return {
        figure:
          records.length === 1
            ? (listed[0] as string)
            : `${above} of the ${records.length} months recorded in ${year} above ${check.abovePct}%: ${listed.join('; ')}`,
        verdict: above === records.length ? 'reproduced' : 'contradicted',
      };
    }
    case 'projection-vs-measured':
      return projectionAgainstMeasurement(index, check);
    case 'shares-rise': {
      const total = (month: string) => {
        const shares = check.regions.map((r) => shareAt(index, r, month));
        return shares.every((s) => s !== undefined)
          ? shares.reduce((sum, s) => sum + (s?.sharePct ?? 0), 0)
          : undefined;
      };
      const before = total(check.from);
      const after = total(check.to);
      if (before === undefined || after === undefined)
        return { figure: 'a share is missing for one of the months', verdict: 'not checkable' };
      return {
        figure: `${check.regions.map((r) => nameOf(index, r)).join(' + ')}: ${pct(before)} in ${check.from}, ${pct(after)} in ${check.to}`,
        verdict: after > before ? 'reproduced' : 'contradicted',
      };
    }
    case 'series-value': {
      const value = index.series.get(check.series)?.values.find((v) => v.year === check.year);
      if (!value) return { figure: `series ${check.series} has no value for ${check.year}`, verdict: 'not checkable' };
      return {
        figure: `${value.twh} TWh in ${check.year} (${check.series})${value.mtco2 !== undefined ? `, ${value.mtco2} Mt CO2` : ''}`,
        verdict: Math.abs(value.twh - check.expectedTwh) <= check.toleranceTwh ? 'reproduced' : 'contradicted',
      };
    }
    case 'figure-above': {
      const baseline = index.baselines.get(check.baseline);
      const figure = figureTwh(index, check.figure);
      if (!baseline) return { figure: `no baseline ${check.baseline}`, verdict: 'not checkable' };
      if (typeof figure === 'string') return { figure, verdict: 'not checkable' };
      const countries = check.countries.map((name) => ({ name, value: countryValue(baseline, name) }));
      const missing = countries.filter((c) => !c.value).map((c) => c.name);
      if (missing.length > 0)
        return { figure: `${baseline.id} has no row for ${missing.join(', ')}`, verdict: 'not checkable' };
      const ranking = rankAmong(baseline, figure.twh);
      const against = countries.map((c) => `${c.name} ${c.value?.twh}`).join(', ');
      return {
        figure: `${figure.label} against ${against} on ${baseline.id} (${baseline.measure}, ${baseline.year}): rank ${ranking.rank} of ${ranking.count}`,
        verdict: countries.every((c) => (c.value?.twh ?? Number.POSITIVE_INFINITY) < figure.twh)
          ? 'reproduced'
          : 'contradicted',
      };
    }
    case 'none':
      return { figure: check.reason, verdict: 'not checkable' };
    default:
      return check satisfies never;
  }
}

/** Checks every claim of every seed document against the data. */
export function checkClaims(data: Dataset, seeds: readonly Seed[]): ClaimResult[] {
  checkSeeds(seeds);
  const index = indexData(data);
  return seeds.flatMap((seed) =>
    seed.claims.map((claim) => ({
      document: seed.document.id,
      id: claim.id,
      claim: claim.claim,
      ...evaluate(index, seed, claim.check),
      note: claim.note ?? null,
    })),
  );
}
