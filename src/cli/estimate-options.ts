import { type Command, Option, type OptionValues } from '@commander-js/extra-typings';
import { CARBON_BRACKET_GCO2_PER_KWH } from '../core/carbon/carbon.js';
import { CARBON_BASES } from '../data/vocabulary.js';
import type { EstimateOptions } from '../core/estimate.js';
import { type NoOptions, type OptionsDeclaredBy, parseBracket, parseMonth, parseYear } from './options.js';
import { messageForFlags } from './parameter-flags.js';

/** The options that say which estimate of a region is wanted: period, basis, shares, carbon and comparison. */
export type EstimateChoiceOptions = OptionsDeclaredBy<typeof addEstimateChoiceOptions<[], NoOptions, NoOptions>>;

/** Declares the options of {@link EstimateChoiceOptions}, the same for every command that estimates a region. */
export function addEstimateChoiceOptions<
  Args extends unknown[],
  Opts extends OptionValues,
  Globals extends OptionValues,
>(command: Command<Args, Opts, Globals>) {
  return command
    .addOption(
      new Option(
        '--year <yyyy>',
        'calendar year (default: the latest year with a network total, published or computed here)',
      ).argParser(parseYear),
    )
    .addOption(
      new Option(
        '--month <yyyy-mm>',
        "that month's shares × its year's network total: TWh a year at the month's distribution, not the month's own energy",
      ).argParser(parseMonth),
    )
    .option(
      '--series <id>',
      'network-energy series to use as the basis (see `datasets`); the only way to use a projection',
    )
    .option('--share-dataset <id>', 'prefer this share dataset where it has a share (e.g. cdmir-survey-2024)')
    .addOption(
      new Option('--carbon-basis <basis>', 'carbon intensities counted life-cycle (default) or direct').choices(
        CARBON_BASES,
      ),
    )
    .option('--baseline <id>', "country electricity list to compare with (default: the latest year's)")
    .addOption(
      new Option(
        '--carbon-bracket [low,high]',
        'add the carbon range between an all-hydro and an all-coal grid, g/kWh (default 24,820)',
      ).argParser(parseBracket),
    )
    .option(
      '--strict-breaks',
      'refuse an estimate whose share is applied across a structural break (a ban), rather than give its wide range',
    );
}

/** The estimate options the command line asked for (only those given), and its wording of errors. */
export function estimateChoicesFrom(options: EstimateChoiceOptions): EstimateOptions {
  return {
    ...(options.carbonBracket === undefined
      ? {}
      : { carbonBracket: options.carbonBracket === true ? CARBON_BRACKET_GCO2_PER_KWH : options.carbonBracket }),
    ...(options.year === undefined ? {} : { year: options.year }),
    ...(options.month === undefined ? {} : { month: options.month }),
    ...(options.series === undefined ? {} : { series: options.series }),
    ...(options.shareDataset === undefined ? {} : { shareDataset: options.shareDataset }),
    ...(options.carbonBasis === undefined ? {} : { carbonBasis: options.carbonBasis }),
    ...(options.baseline === undefined ? {} : { baseline: options.baseline }),
    ...(options.strictBreaks ? { strictBreaks: true } : {}),
    // A region or year left out is said as the command line says an error: its parameters named by their flags.
    reasonOf: messageForFlags,
  };
}
