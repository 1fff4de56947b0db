import { type Caveat, CAVEATS, type Coverage, type Evidence } from '../../data/vocabulary.js';

export { type Caveat, CAVEATS };

/** The facts the caveat codes are read from. */
export interface CaveatFacts {
  regionNote: boolean;
  /** `computed`: the basis is a series computed here (the bottom-up model), not a published total. */
  basis: { projection: boolean; coverage: Coverage; approximate: boolean; computed: boolean };
  /** Whether the basis or any share rests on secondhand figures (see {@link restsOnSecondhand}). */
  secondhand: boolean;
  links: readonly {
    breaks: readonly unknown[];
    distanceMonths: number;
    approximate: boolean;
    dataset: string | null;
    /** How the share was obtained for the period, when the share model says. */
    obtained?: 'recorded' | 'interpolated' | 'carried';
  }[];
  carbonOffBasis: boolean;
}

/** The caveat codes that apply, in the order of {@link CAVEATS}. */
export function caveatsOf(facts: CaveatFacts): Caveat[] {
  const { basis, links } = facts;
  const present = new Set<Caveat>();
  if (facts.regionNote) present.add('region-note');
  if (basis.projection) present.add('projection');
  if (basis.coverage !== 'year') present.add(basis.coverage);
  if (basis.computed) present.add('computed-basis');
  if (facts.secondhand) present.add('secondhand');
  if (links.some((l) => l.breaks.length > 0)) present.add('pre-break-share');
  // A share interpolated between records is not a stale one: each says what it is, as the warnings do.
  if (links.some((l) => (l.obtained === undefined ? l.distanceMonths !== 0 : l.obtained === 'carried'))) {
    present.add('stale-share');
  }
  if (links.some((l) => l.obtained === 'interpolated')) present.add('interpolated-share');
  if (basis.approximate || links.some((l) => l.approximate)) present.add('approximate');
  if (links.some((l) => l.dataset !== null)) present.add('dataset-share');
  if (facts.carbonOffBasis) present.add('carbon-basis');
  return CAVEATS.filter((c) => present.has(c));
}

/** Whether a figure rests on secondhand evidence: graded so, or worked out from a secondhand source. */
export function restsOnSecondhand(evidence: Evidence, sourceEvidence: Evidence | undefined): boolean {
  return evidence === 'secondhand' || (evidence === 'computed' && sourceEvidence === 'secondhand');
}
