import { type Command, Option } from '@commander-js/extra-typings';
import {
  type ComputedBasis,
  type Estimate,
  type EstimateOptions,
  estimate,
  regionsWithShares,
} from '../../core/estimate.js';
import { indexData } from '../../core/regions/lookup.js';
import { BOTTOM_UP_SOURCE, computedSeriesOf } from '../../core/network/computed-series.js';
import { resolveRegion } from '../../core/regions/names.js';
import { middleDayOf, monthPeriod, yearPeriod } from '../../core/common/period.js';
import { checkModelDate, checkPeriod } from '../../core/common/validation.js';
import type { Region } from '../../data/schemas.js';
import { UsageError } from '../../errors.js';
import { StreamedList } from '../../format/documents/stream.js';
import { progressReporter } from '../progress.js';
import { addEstimateChoiceOptions, estimateChoicesFrom } from '../estimate-options.js';
import { addModelOptions, runModel, wantsModel } from '../model-options.js';
import { addUncertaintyOptions, uncertaintyFrom } from '../uncertainty-options.js';
import {
  addFormatOptions,
  addWarningOptions,
  chosenFormat,
  collectList,
  colorsFor,
  examples,
  loadDataFor,
  regionNames,
  todayUtc,
  warningDetail,
  writeOutput,
  writeWarnings,
  widthOf,
} from '../options.js';
import { stdout } from '../streams.js';
import { type Warning, warn } from '../../core/common/warnings.js';

/** `estimate`'s options, as {@link declareEstimate} declares them. */
type EstimateCommandOptions = ReturnType<ReturnType<typeof declareEstimate>['opts']>;

/** The kinds of region `--kind` takes: those that partition the world without overlapping. */
const SUMMABLE_KINDS = ['country', 'province', 'state'] as const satisfies readonly Region['kind'][];

/**
 * The day a model basis is computed for: --date if given (which must fall in --year or --month), else the middle
 * of --year or --month, else today.
 */
function modelDate(options: EstimateCommandOptions): string {
  if (options.date !== undefined) {
    checkModelDate(options.date, options);
    return options.date;
  }
  if (options.month !== undefined) return middleDayOf(monthPeriod(options.month));
  if (options.year !== undefined) return middleDayOf(yearPeriod(options.year));
  return todayUtc();
}

function declareEstimate(program: Command) {
  const command = program
    .command('estimate')
    .description(
      "Estimate a region's annual electricity for bitcoin mining: its hashrate share × a network total, with power, carbon, a country comparison and every source used.",
    )
    .option('-r, --region <id>', 'region id, name, alias or ISO code; repeat or separate with commas', collectList)
    .addOption(
      new Option('--all', 'every region with share data (regions overlap: sum one --kind only)').conflicts('region'),
    )
    .addOption(new Option('--kind <kind>', 'only regions of this kind').choices(SUMMABLE_KINDS));
  return addWarningOptions(addModelOptions(addUncertaintyOptions(addFormatOptions(addEstimateChoiceOptions(command)))));
}

export function registerEstimate(program: Command): void {
  declareEstimate(program)
    .addHelpText(
      'after',
      `${examples([
        'mining-energy estimate --region sichuan',
        'mining-energy estimate --region texas --year 2023',
        'mining-energy estimate --region sichuan --year 2024 --series jiang-2021 --baseline cia-2016',
        'mining-energy estimate --region norway --year 2024 --share-dataset cdmir-survey-2024',
        'mining-energy estimate --region texas,kentucky --json',
        'mining-energy estimate --all --kind country --year 2021 --format csv > countries.csv',
        'mining-energy estimate --region texas --hashrate 600 --threshold 55',
        'mining-energy estimate --region sichuan --uncertainty 10000 --seed 7',
      ])}
Regions overlap (provinces are inside China, states inside the United States): add up one --kind only.`,
    )
    .action(async (options, cmd) => {
      const format = chosenFormat(options);
      checkPeriod(options);
      const uncertainty = uncertaintyFrom(options, cmd);
      if (!options.all && (options.region ?? []).length === 0) {
        throw new UsageError('Name a region with --region <id> (or use --all). `mining-energy regions` lists them.');
      }
      const data = await loadDataFor(cmd);
      const index = indexData(data);
      let regions: Region[] = options.all
        ? regionsWithShares(data)
        : (options.region ?? []).map((q) => resolveRegion(index, q));
      regions = [...new Map(regions.map((r) => [r.id, r])).values()];
      if (options.kind) regions = regions.filter((r) => r.kind === options.kind);
      if (regions.length === 0) throw new UsageError(`No region of kind "${options.kind}" among those asked for.`);

      let basis: ComputedBasis | undefined;
      if (wantsModel(options)) {
        const date = modelDate(options);
        const model = await runModel({ ...options, date }, async () => data.hardware);
        basis = {
          method: model.method,
          year: Number(date.slice(0, 4)),
          twh: model.energy.twh,
          lowerTwh: model.energy.lowerTwh,
          upperTwh: model.energy.upperTwh,
          sources: [...new Set(model.eligible.map((m) => m.source))],
          inputs: model.inputs,
          warnings: model.warnings,
        };
      }
      const estimateOptions: EstimateOptions = {
        ...(basis ? { basis } : {}),
        ...(uncertainty ? { uncertainty } : {}),
        ...estimateChoicesFrom(options),
      };
      const skipped: Warning[] = [];
      const progress = uncertainty ? progressReporter('Monte Carlo', 'samples') : undefined;
      const runOptions = { ...estimateOptions, ...(progress?.onProgress ? { onProgress: progress.onProgress } : {}) };
      /**
       * The estimates, one region at a time, leaving out (and noting) a region that cannot be estimated when
       * several are asked for: made anew each time they are read, so that a streamed output holds one at a time.
       */
      function* estimatesOf(): Generator<Estimate> {
        skipped.length = 0;
        let made = 0;
        for (const region of regions) {
          let result: Estimate;
          try {
            result = estimate(data, region.id, runOptions);
          } catch (error) {
            if (!(error instanceof UsageError) || regions.length === 1) throw error;
            skipped.push(warn('region-skipped', `${region.id} left out: ${error.message}`, [region.id]));
            continue;
          }
          made += 1;
          yield result;
        }
        if (made === 0) {
          throw new UsageError(`No region could be estimated:\n  ${skipped.map((w) => w.message).join('\n  ')}`);
        }
      }

      let estimates: Estimate[] = [];
      if (format === 'table') {
        try {
          estimates = [...estimatesOf()];
        } finally {
          progress?.finish();
        }
        await writeOutput(options, {
          document: estimates,
          records: estimates,
          table: async () => {
            const { renderEstimateTable } = await import('../../format/text/table.js');
            // The bottom-up series rests on a dozen sources (its inputs, the hardware list's): listed by id under it.
            const computed = estimates.some((e) => e.sources.some((source) => source.id === BOTTOM_UP_SOURCE))
              ? computedSeriesOf(data)
              : undefined;
            const folded = new Map(computed ? [[BOTTOM_UP_SOURCE, computed.sources]] : []);
            return renderEstimateTable(
              estimates,
              regionNames(data),
              await colorsFor(cmd, stdout()),
              widthOf(stdout()),
              folded,
              // The caveats are the warnings' codes: said in the table only when the warnings are not.
              { caveats: warningDetail(cmd) === 'quiet' },
            );
          },
        });
      } else {
        // A CSV reads its records twice; a Monte Carlo is worth keeping rather than running twice.
        const streamed = format === 'csv' && uncertainty ? [...estimatesOf()] : new StreamedList(estimatesOf);
        try {
          await writeOutput(options, { document: streamed, records: streamed, table: () => '' });
        } finally {
          progress?.finish();
        }
      }
      // A document for programs holds its warnings: stderr then says only what it does not (a region left out).
      const many = estimates.length > 1;
      await writeWarnings(
        cmd,
        [
          { warnings: skipped },
          ...estimates.map((e) => ({ ...(many ? { region: e.region.name } : {}), warnings: e.warnings })),
        ],
        format === 'table' ? undefined : 'explain',
      );
    });
}
