import { type Caveat, CAVEATS, type Coverage, type Evidence } from '../../data/vocabulary.js';

export { type Caveat, CAVEATS };

/** The facts the caveat codes are read from. */
export interface CaveatFacts {
  regionNote: boolean;
  basis: { projection: boolean; coverage: Coverage; approximate: boolean };
  /** Whether the basis or any share rests on secondhand figures (see {@link restsOnSecondhand}). */
  secondhand: boolean;
  links: readonly {
    breaks: readonly unknown[];
    distanceMonths: number;
    approximate: boolean;
    dataset: string | null;
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
  if (facts.secondhand) present.add('secondhand');
  if (links.some((l) => l.breaks.length > 0)) present.add('pre-break-share');
  if (links.some((l) => l.distanceMonths !== 0)) present.add('stale-share');
  if (basis.approximate || links.some((l) => l.approximate)) present.add('approximate');
  if (links.some((l) => l.dataset !== null)) present.add('dataset-share');
  if (facts.carbonOffBasis) present.add('carbon-basis');
  return CAVEATS.filter((c) => present.has(c));
}

/** Whether a figure rests on secondhand evidence: graded so, or worked out from a secondhand source. */
export function restsOnSecondhand(evidence: Evidence, sourceEvidence: Evidence | undefined): boolean {
  return evidence === 'secondhand' || (evidence === 'computed' && sourceEvidence === 'secondhand');
}
