import { EVIDENCE, type Evidence } from '../../data/vocabulary.js';

/** The weakest of some grades (primary, then copy, computed and secondhand); `primary` for none. */
export function weakestEvidence(grades: Iterable<Evidence>): Evidence {
  let weakest = 0;
  for (const grade of grades) weakest = Math.max(weakest, EVIDENCE.indexOf(grade));
  return EVIDENCE[weakest] as Evidence;
}
