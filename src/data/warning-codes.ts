/**
 * The catalogue of warnings: every code a warning can carry, the level it is at, and the short line a person sees
 * for it by default. A warning's level is read from its code here and nowhere else; docs/output.md lists the same
 * table (test/docs.test.ts holds the two together).
 *
 * - `changes-meaning`: the figure means something other than a published total for the period asked for (a
 *   projection, a partial or annualised year, a share from another period or from before a break, a secondhand
 *   or computed figure, a change of source between years, the user's own data merged in). Printed by default.
 * - `note`: everything else; counted by default, printed with --explain.
 */
export const WARNING_LEVELS = ['changes-meaning', 'note'] as const;
export type WarningLevel = (typeof WARNING_LEVELS)[number];

/** What a code says, for the catalogue. `carbon`: the warning is about the carbon figure only. */
interface WarningKind {
  level: WarningLevel;
  /** The short line a person sees by default (a changes-meaning warning) or in the list of notes' codes. */
  summary: string;
  carbon?: true;
}

export const WARNING_CATALOGUE = {
  // changes-meaning
  projection: { level: 'changes-meaning', summary: 'the network total is a projection, not a measurement' },
  'partial-year': { level: 'changes-meaning', summary: 'the total covers part of the year, annualised' },
  snapshot: { level: 'changes-meaning', summary: "the total is one day's rate, annualised" },
  'multi-year': { level: 'changes-meaning', summary: "the total is a yearly mean of a multi-year total's" },
  'computed-basis': { level: 'changes-meaning', summary: 'the total is computed here, not a published one' },
  'source-switch': { level: 'changes-meaning', summary: "the total's source changes between years" },
  'mixed-sources': { level: 'changes-meaning', summary: 'figures from sources that are not comparable are mixed' },
  'stale-share': { level: 'changes-meaning', summary: 'a share is carried from another period' },
  'pre-break-share': { level: 'changes-meaning', summary: 'a share is from before a break (a ban, a move)' },
  'interpolated-share': { level: 'changes-meaning', summary: 'a share is interpolated between records' },
  secondhand: { level: 'changes-meaning', summary: 'a figure is secondhand: a report of it, not its source' },
  'user-data': { level: 'changes-meaning', summary: 'your data directory is merged in (see --no-user-data)' },
  'region-skipped': { level: 'changes-meaning', summary: 'a region could not be estimated and is left out' },
  // notes
  'default-year': { level: 'note', summary: 'no year was given: the latest with a total is used' },
  'region-note': { level: 'note', summary: 'a region has a note in the data' },
  approximate: { level: 'note', summary: 'a figure is approximate' },
  'few-months': { level: 'note', summary: "a year's share rests on fewer than 12 months" },
  'zero-share': { level: 'note', summary: 'a share is 0%' },
  'dataset-share': { level: 'note', summary: 'a share comes from a sample dataset' },
  'dataset-fallback': { level: 'note', summary: 'the share dataset does not cover the chain' },
  'share-adjusted': { level: 'note', summary: 'shares are scaled so that they add up to 100%' },
  'share-remainder': { level: 'note', summary: "regions in a remainder are not counted apart" },
  'projection-available': { level: 'note', summary: 'a projection also covers the year' },
  'model-assumption': { level: 'note', summary: "an assumption of the network model's" },
  'model-one-machine': { level: 'note', summary: 'only one machine is eligible' },
  'model-approximate-date': { level: 'note', summary: 'a machine has an approximate release date' },
  'input-gap': { level: 'note', summary: 'the input skips days' },
  'no-eligible-machine': { level: 'note', summary: 'no machine is eligible on some days' },
  'carbon-borrowed': { level: 'note', summary: "another region's carbon intensity is used", carbon: true },
  'carbon-year': { level: 'note', summary: 'the carbon intensity is from another year', carbon: true },
  'carbon-basis': { level: 'note', summary: 'carbon intensities of another basis are used', carbon: true },
  'carbon-weighted': { level: 'note', summary: 'the carbon intensity is a share-weighted mean', carbon: true },
  'carbon-unplaced': { level: 'note', summary: 'some hashrate is counted at the world grid mean', carbon: true },
  'carbon-none': { level: 'note', summary: 'no carbon intensity is recorded', carbon: true },
} as const satisfies Record<string, WarningKind>;

export type WarningCode = keyof typeof WARNING_CATALOGUE;

/** Every code, in the catalogue's order (changes-meaning first). */
export const WARNING_CODES = Object.keys(WARNING_CATALOGUE) as [WarningCode, ...WarningCode[]];
