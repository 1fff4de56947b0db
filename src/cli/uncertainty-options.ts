import { type Command, type CommandUnknownOpts, Option, type OptionValues } from '@commander-js/extra-typings';
import { DEFAULT_UNCERTAINTY, type UncertaintyOptions } from '../core/uncertainty/uncertainty.js';
import { SHARE_SPREAD_PCT_RANGE, UNIT_SPREAD_RANGE } from '../data/ranges.js';
import { UsageError } from '../errors.js';
import { decimalParser, type NoOptions, type OptionsDeclaredBy, parseSamples, parseSeed } from './options.js';

/** The Monte Carlo options, as {@link addUncertaintyOptions} declares them. */
export type UncertaintyCommandOptions = OptionsDeclaredBy<typeof addUncertaintyOptions<[], NoOptions, NoOptions>>;

/** A spread that may be 0 (no widening) up to 1 (± the whole value). */
const parseUnitSpread = decimalParser(UNIT_SPREAD_RANGE);

/** Adds --uncertainty, --seed and the spreads. */
export function addUncertaintyOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) {
  return command
    .addOption(
      new Option('--uncertainty <n>', 'Monte Carlo with n samples: 5th, 50th and 95th percentiles').argParser(
        parseSamples,
      ),
    )
    .addOption(new Option('--seed <n>', 'seed for --uncertainty (default: random, and printed)').argParser(parseSeed))
    .addOption(
      new Option('--basis-spread <fraction>', 'with --uncertainty: ± spread of a basis without bounds')
        .argParser(parseUnitSpread)
        .default(DEFAULT_UNCERTAINTY.basisSpread),
    )
    .addOption(
      new Option(
        '--share-spread <points>',
        'with --uncertainty: ± points of an approximate share without a precision; the bounds use it too',
      )
        .argParser(decimalParser(SHARE_SPREAD_PCT_RANGE))
        .default(DEFAULT_UNCERTAINTY.shareSpreadPct),
    )
    .addOption(
      new Option(
        '--break-spread <fraction>',
        'with --uncertainty: ± fraction of a share applied across a structural break (a ban); the bounds use it too',
      )
        .argParser(parseUnitSpread)
        .default(DEFAULT_UNCERTAINTY.breakSpread),
    )
    .addOption(
      new Option('--intensity-spread <fraction>', 'with --uncertainty: ± spread of the carbon intensity')
        .argParser(parseUnitSpread)
        .default(DEFAULT_UNCERTAINTY.intensitySpread),
    );
}

/**
 * The Monte Carlo settings the options ask for, or undefined without --uncertainty.
 * @throws UsageError when a seed or spread is given without --uncertainty.
 */
export function uncertaintyFrom(
  options: UncertaintyCommandOptions,
  command: CommandUnknownOpts,
): UncertaintyOptions | undefined {
  if (options.uncertainty === undefined) {
    for (const option of ['seed', 'basisSpread', 'shareSpread', 'breakSpread', 'intensitySpread']) {
      if (command.getOptionValueSource(option) === 'cli') {
        throw new UsageError('--seed and the spreads go with --uncertainty <n>.');
      }
    }
    return undefined;
  }
  return {
    samples: options.uncertainty,
    seed: options.seed ?? Math.floor(Math.random() * 2 ** 31),
    basisSpread: options.basisSpread,
    shareSpreadPct: options.shareSpread,
    intensitySpread: options.intensitySpread,
    breakSpread: options.breakSpread,
  };
}
