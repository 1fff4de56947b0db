import type { NamedParameter } from '../../errors.js';

/**
 * The parameters the core's checks name in their messages, by the library's names: each a property path of the
 * options as the library's types spell it (`[]` stands for an index into a list). The command line writes its own
 * flag for each (src/cli/parameter-flags.ts has one for every name here, or does not compile).
 */
export const PARAMETERS = [
  // Estimates and scenarios: the period and the choices.
  'year',
  'month',
  'series',
  'shareDataset',
  'carbonBasis',
  'carbonBracket',
  'strictBreaks',
  // estimateYears' range of years.
  'years.from',
  'years.to',
  // The Monte Carlo settings (EstimateOptions.uncertainty, ScenarioOptions.uncertainty).
  'uncertainty.samples',
  'uncertainty.seed',
  'uncertainty.basisSpread',
  'uncertainty.shareSpreadPct',
  'uncertainty.intensitySpread',
  'uncertainty.breakSpread',
  // A scenario's input.
  'bans',
  'moves',
  'moves[]',
  'moves[].pct',
  'redistribute.kind',
  'redistribute.region',
  // The network models (BottomUpOptions, TopDownOptions, SeriesOptions) and shareSeries' months.
  'hashrateEhs',
  'thresholdJPerTh',
  'revenueUsdPerDay',
  'revenueUsdPerYear',
  'electricityShare',
  'priceUsdPerKwh',
  'date',
  'overheads',
  'weighting',
  'hardware',
  'smoothDays',
  'averageDays',
  'from',
  'to',
] as const;

export type Parameter = (typeof PARAMETERS)[number];

/**
 * A parameter as a message names it: `index` fills the `[]` of a list's element, `value` is written after the
 * name, `flagValue` after the command line's flag instead of `value`.
 */
export function named(
  parameter: Parameter,
  more: { index?: number; value?: string; flagValue?: string } = {},
): NamedParameter {
  const { index, value, flagValue } = more;
  return {
    parameter: index === undefined ? parameter : parameter.replace('[]', `[${index}]`),
    ...(value === undefined ? {} : { value }),
    ...(flagValue === undefined ? {} : { flagValue }),
  };
}
