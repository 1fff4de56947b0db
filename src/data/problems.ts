import { DataError } from '../errors.js';
import { formatCount } from '../text.js';
/** How many problems a message lists before it says how many more there are. */
export const MAX_LISTED_PROBLEMS = 20;

/** At most {@link MAX_LISTED_PROBLEMS} problems, then "… and N more"; `count` when more were found than kept. */
export function listedProblems(problems: readonly string[], count = problems.length): string[] {
  const listed = problems.slice(0, MAX_LISTED_PROBLEMS);
  if (count > MAX_LISTED_PROBLEMS) listed.push(`… and ${formatCount(count - MAX_LISTED_PROBLEMS)} more`);
  return listed;
}

/**
 * Appends every item of `items` to `target`, one at a time: `push(...items)` passes each item as an argument,
 * which exhausts the call stack once a list read from input runs into the hundreds of thousands.
 */
export function appendAll<T>(target: T[], items: readonly T[]): void {
  for (const item of items) target.push(item);
}

/**
 * Refuses what has problems, if any: a DataError whose headline is "<subject> has a problem" (or "has N problems",
 * then `after`), listing them as {@link listedProblems} does.
 * @param verb `has`, or `have` for a plural subject
 */
export function refuseProblems(
  subject: string,
  problems: readonly string[],
  { verb = 'has', after = '' }: { verb?: 'has' | 'have'; after?: string } = {},
): void {
  if (problems.length === 0) return;
  const count = problems.length === 1 ? 'a problem' : `${problems.length} problems`;
  throw new DataError(`${subject} ${verb} ${count}${after}:`, listedProblems(problems));
}
