import { type Command, Option } from '@commander-js/extra-typings';
import { compareWithCountries, defaultBaseline, neighbours, rankAmong } from '../../core/compare.js';
import { estimate } from '../../core/estimate.js';
import { indexData } from '../../core/regions/lookup.js';
import { resolveOneRegion } from '../../core/regions/names.js';

const COMPARE_ONE_REGION =
  'compare ranks one figure at a time (run it once for each region, or use `estimate --region a,b` to estimate several)';
import { resolveBaselineCountry } from '../../core/regions/names.js';
import { checkAroundCount } from '../../core/common/validation.js';
import { ENERGY_TWH_PER_YEAR_RANGE } from '../../data/ranges.js';
import { UsageError } from '../../errors.js';
import type { CompareRanking } from '../../format/text/compare.js';
import { neighbourRecords } from '../../format/documents/records.js';
import { isCarbonWarning, type Warning } from '../../core/common/warnings.js';
import {
  addFormatOptions,
  addWarningOptions,
  collectList,
  colorsFor,
  examples,
  loadDataFor,
  parseMonth,
  parseYear,
  warningDetail,
  writeOutput,
  writeWarnings,
  widthOf,
  decimalParser,
  wholeParser,
} from '../options.js';
import { stdout } from '../streams.js';

export function registerCompare(program: Command): void {
  const command = addWarningOptions(
    addFormatOptions(
      program
        .command('compare')
        .description("Rank an annual electricity figure (TWh) among a baseline's countries, with its neighbours.")
        .argument('[twh]', 'a non-negative figure in TWh per year', decimalParser(ENERGY_TWH_PER_YEAR_RANGE))
        .addOption(new Option('-r, --region <id>', "rank a region's estimate instead of a number (one region)"))
        .addOption(new Option('--year <yyyy>', 'the estimate year, with --region').argParser(parseYear))
        .addOption(new Option('--month <yyyy-mm>', 'the estimate month, with --region').argParser(parseMonth))
        .option('--series <id>', 'network-energy series for the estimate, with --region')
        .option('--baseline <id>', "country list to rank against (default: the latest year's)")
        .addOption(
          new Option('--around <n>', 'countries to show on each side')
            .argParser(wholeParser(checkAroundCount))
            .default(5),
        )
        .option(
          '--with <countries>',
          'countries to give the figure as a percentage of, comma-separated (instead of the ranking)',
          collectList,
        ),
    ),
  );
  command
    .addHelpText(
      'after',
      examples([
        'mining-energy compare 296.59 --baseline cia-2016',
        'mining-energy compare 296.59 --baseline ember-2016 --around 3',
        'mining-energy compare --region sichuan --year 2024 --json',
        'mining-energy compare --region kazakhstan --year 2021 --with austria,norway',
      ]),
    )
    .action(async (twh, options, cmd) => {
      if ((twh === undefined) === (options.region === undefined)) {
        throw new UsageError('Give either a figure in TWh or --region <id>, not both and not neither.');
      }
      if (
        options.region === undefined &&
        (options.year !== undefined || options.month !== undefined || options.series !== undefined)
      ) {
        throw new UsageError('--year, --month and --series go with --region.');
      }
      if (options.with !== undefined && cmd.getOptionValueSource('around') === 'cli') {
        throw new UsageError('--around goes with a ranking, not with --with.');
      }
      const data = await loadDataFor(cmd);
      const index = indexData(data);
      const baseline =
        options.baseline === undefined ? defaultBaseline(data.baselines) : index.baselines.get(options.baseline);
      if (!baseline) {
        throw new UsageError(
          options.baseline === undefined
            ? 'The data has no electricity baseline to compare with.'
            : `Unknown baseline "${options.baseline}". Baselines: ${data.baselines.map((b) => b.id).join(', ')}.`,
        );
      }
      let value: { label: string; twh: number; evidence?: string; caveats?: string[] } = {
        label: `${twh} TWh`,
        twh: twh ?? 0,
      };
      const countries = [
        ...new Set((options.with ?? []).map((query) => resolveBaselineCountry(index, baseline, query))),
      ];
      // Compare shows no carbon: the warnings about it are left out.
      let warnings: Warning[] | undefined;
      if (options.region !== undefined) {
        const region = resolveOneRegion(index, options.region, COMPARE_ONE_REGION);
        const e = estimate(data, region.id, {
          baseline: baseline.id,
          ...(options.year === undefined ? {} : { year: options.year }),
          ...(options.month === undefined ? {} : { month: options.month }),
          ...(options.series === undefined ? {} : { series: options.series }),
        });
        value = {
          label: `${region.name} ${e.month ?? e.year}`,
          twh: e.energy.twh,
          evidence: e.evidence,
          caveats: e.caveats,
        };
        warnings = e.warnings.filter((w) => !isCarbonWarning(w));
      }
      const baselineSummary = { id: baseline.id, name: baseline.name, measure: baseline.measure, year: baseline.year };
      if (options.with !== undefined) {
        const comparisons = compareWithCountries(value.twh, baseline, countries);
        await writeOutput(options, {
          document: { value, baseline: baselineSummary, countries: comparisons },
          records: comparisons.map((c) => ({ value, baseline: baselineSummary, ...c })),
          table: async () => {
            const { renderCompareWithTable } = await import('../../format/text/compare-with.js');
            return renderCompareWithTable(
              { ...value, labelIsFigure: options.region === undefined },
              baseline,
              comparisons,
              await colorsFor(cmd, stdout()),
              widthOf(stdout()),
            );
          },
        });
        if (warnings) await writeWarnings(cmd, warnings);
        return;
      }
      const ranking = rankAmong(baseline, value.twh);
      const rows = neighbours(ranking, value.label, value.twh, options.around);
      const result: CompareRanking = {
        value,
        rank: ranking.rank,
        count: ranking.count,
        baseline: baselineSummary,
        neighbours: rows,
      };
      await writeOutput(options, {
        document: result,
        records: neighbourRecords(result),
        table: async () => {
          const { renderRanking } = await import('../../format/text/compare.js');
          // The caveats are the warnings' codes: said in the table only when the warnings are not.
          const shown = warningDetail(cmd) === 'quiet' ? result : { ...result, value: { ...value, caveats: [] } };
          return renderRanking(shown, await colorsFor(cmd, stdout()), widthOf(stdout()));
        },
      });
      if (warnings) await writeWarnings(cmd, warnings);
    });
}
