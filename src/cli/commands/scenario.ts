import { type Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { indexData } from '../../core/regions/lookup.js';
import { resolveOneRegion, resolveRegion } from '../../core/regions/names.js';
import { type Move, type Redistribution, runScenario, type ScenarioResult } from '../../core/scenario/scenario.js';
import { CARBON_BASES } from '../../data/vocabulary.js';
import { decimalNumber } from '../option-text.js';
import { UsageError } from '../../errors.js';
import { scenarioRecords } from '../../format/documents/records.js';
import { progressReporter } from '../progress.js';
import { addUncertaintyOptions, uncertaintyFrom } from '../uncertainty-options.js';
import {
  addFormatOptions,
  addWarningOptions,
  chosenFormat,
  collectList,
  colorsFor,
  examples,
  loadDataFor,
  parseMonth,
  parseYear,
  regionNames,
  widthOf,
  writeOutput,
  writeWarnings,
} from '../options.js';
import { stdout } from '../streams.js';

/** "china:united-states:50" → from, to and a percentage in decimal notation (the regions resolved later). */
function collectMove(value: string, previous: string[] = []): string[] {
  const parts = value.split(':');
  const pct = decimalNumber(parts[2] ?? '');
  if (parts.length !== 3 || !parts[0] || !parts[1] || !(Number.isFinite(pct) && pct > 0 && pct <= 100)) {
    throw new InvalidArgumentError('expected from:to:pct, e.g. china:united-states:50 (pct above 0, at most 100).');
  }
  return [...previous, value];
}

function declareScenario(program: Command) {
  const command = program
    .command('scenario')
    .description(
      "What a ban or a migration does to each region's electricity and carbon: bans with proportional, no or targeted redistribution, and moves of hashrate between regions.",
    )
    .option('--ban <region,...>', 'regions whose hashrate leaves (repeat or separate with commas)', collectList, [])
    .addOption(
      new Option(
        '--redistribute <how>',
        "where banned hashrate goes: proportional (to the region's siblings), none (out of the network), or a region",
      ).default('proportional'),
    )
    .option('--move <from:to:pct>', 'move pct% of one region’s hashrate to another (repeatable)', collectMove, [])
    .addOption(
      new Option(
        '--year <yyyy>',
        'the year (default: the latest with a world total, published or computed here)',
      ).argParser(parseYear),
    )
    .addOption(
      new Option('--month <yyyy-mm>', "that month's shares × its year's world total (TWh a year)").argParser(
        parseMonth,
      ),
    )
    .option('--series <id>', 'the world network-energy series to use')
    .addOption(
      new Option('--carbon-basis <basis>', 'carbon intensities counted life-cycle (default) or direct').choices(
        CARBON_BASES,
      ),
    );
  return addWarningOptions(addFormatOptions(addUncertaintyOptions(command)));
}

export function registerScenario(program: Command): void {
  declareScenario(program)
    .addHelpText(
      'after',
      `${examples([
        'mining-energy scenario --ban china --year 2021',
        'mining-energy scenario --ban sichuan --year 2021 --redistribute xinjiang',
        'mining-energy scenario --ban china --redistribute none --json',
        'mining-energy scenario --move china:united-states:50 --year 2021',
        'mining-energy scenario --ban sichuan --redistribute xinjiang --year 2021 --uncertainty 10000 --seed 7',
      ])}
Carbon counts each region's recorded sub-regions at their own grid intensities (Sichuan's hydro, Xinjiang's
coal) and the rest at the region's, so moves inside a country show their carbon cost.`,
    )
    .action(async (options, cmd) => {
      const uncertainty = uncertaintyFrom(options, cmd);
      if (options.ban.length === 0 && options.move.length === 0) {
        throw new UsageError('Give --ban <region> or --move <from:to:pct> (or both).');
      }
      if (options.ban.length === 0 && cmd.getOptionValueSource('redistribute') === 'cli') {
        throw new UsageError('--redistribute goes with --ban.');
      }
      const data = await loadDataFor(cmd);
      const index = indexData(data);
      const region = (query: string) => resolveRegion(index, query).id;
      const redistribute: Redistribution =
        options.redistribute === 'proportional' || options.redistribute === 'none'
          ? { kind: options.redistribute }
          : {
              kind: 'region',
              region: resolveOneRegion(
                index,
                options.redistribute,
                'banned hashrate goes to one region, or proportional, or none (give --move for several)',
              ).id,
            };
      const moves: Move[] = options.move.map((value) => {
        const [from = '', to = '', pct = ''] = value.split(':');
        return { from: region(from), to: region(to), pct: decimalNumber(pct) };
      });
      const progress = uncertainty ? progressReporter('Monte Carlo', 'samples') : undefined;
      let result: ScenarioResult;
      try {
        result = runScenario(
          index,
          { bans: [...new Set(options.ban.map(region))], redistribute, moves },
          {
            ...(options.year === undefined ? {} : { year: options.year }),
            ...(options.month === undefined ? {} : { month: options.month }),
            ...(options.series === undefined ? {} : { series: options.series }),
            ...(options.carbonBasis === undefined ? {} : { carbonBasis: options.carbonBasis }),
            ...(uncertainty ? { uncertainty } : {}),
            ...(progress?.onProgress ? { onProgress: progress.onProgress } : {}),
          },
        );
      } finally {
        progress?.finish();
      }
      await writeOutput(options, {
        document: result,
        records: scenarioRecords(result),
        table: async () => {
          const { renderScenario } = await import('../../format/text/scenario.js');
          return renderScenario(result, await colorsFor(cmd, stdout()), widthOf(stdout()), regionNames(data));
        },
      });
      if (chosenFormat(options) === 'table') await writeWarnings(cmd, result.warnings);
    });
}
