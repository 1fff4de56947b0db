import { type Command, Option } from 'commander';
import { DEFAULT_UNCERTAINTY, type UncertaintyOptions } from '../core/uncertainty/uncertainty.js';
import { SHARE_SPREAD_PCT_RANGE, UNIT_SPREAD_RANGE } from '../data/ranges.js';
import { UsageError } from '../errors.js';
import { decimalParser, parseSamples, parseSeed } from './options.js';

export interface UncertaintyCommandOptions {
  uncertainty?: number;
  seed?: number;
  basisSpread: number;
  shareSpread?: number;
  breakSpread?: number;
  intensitySpread: number;
}

/** A spread that may be 0 (no widening) up to 1 (± the whole value). */
const parseUnitSpread = decimalParser(UNIT_SPREAD_RANGE);

/** Adds --uncertainty, --seed and the spreads; `shares` adds the share spread (estimates vary their shares). */
export function addUncertaintyOptions(command: Command, { shares = true } = {}): Command {
  command
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
    );
  if (shares) {
    command.addOption(
      new Option('--share-spread <points>', 'with --uncertainty: ± points of an approximate share without a precision')
        .argParser(decimalParser(SHARE_SPREAD_PCT_RANGE))
        .default(DEFAULT_UNCERTAINTY.shareSpreadPct),
    );
    command.addOption(
      new Option(
        '--break-spread <fraction>',
        'with --uncertainty: ± fraction of a share applied across a structural break (a ban)',
      )
        .argParser(parseUnitSpread)
        .default(DEFAULT_UNCERTAINTY.breakSpread),
    );
  }
  return command.addOption(
    new Option('--intensity-spread <fraction>', 'with --uncertainty: ± spread of the carbon intensity')
      .argParser(parseUnitSpread)
      .default(DEFAULT_UNCERTAINTY.intensitySpread),
  );
}

/**
 * The Monte Carlo settings the options ask for, or undefined without --uncertainty.
 * @throws UsageError when a seed or spread is given without --uncertainty.
 */
export function uncertaintyFrom(options: UncertaintyCommandOptions, command: Command): UncertaintyOptions | undefined {
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
    shareSpreadPct: options.shareSpread ?? DEFAULT_UNCERTAINTY.shareSpreadPct,
    intensitySpread: options.intensitySpread,
    breakSpread: options.breakSpread ?? DEFAULT_UNCERTAINTY.breakSpread,
  };
}
