import { type Command, Option } from '@commander-js/extra-typings';
import { checkEstimateOptions, type ComputedBasis, type Estimate, type EstimateOptions } from '../../core/estimate.js';
import {
  beginEstimateAll,
  type EstimateAllRun,
  type EstimateRecord,
  type Skipped as SkippedRecord,
  estimateOrSkip,
  estimateYears,
  type SourcesOfEstimate,
  incomparableSources,
  sourcesOf,
} from '../../core/estimate-set.js';
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
  parseYearRange,
  regionNames,
  todayUtc,
  warningDetail,
  writeOutput,
  writeWarnings,
  widthOf,
} from '../options.js';
import { stdout } from '../streams.js';
import { warn } from '../../core/common/warnings.js';

/** `estimate`'s options, as {@link declareEstimate} declares them. */
type EstimateCommandOptions = ReturnType<ReturnType<typeof declareEstimate>['opts']>;

/** The kinds of region `--kind` takes: those that partition the world without overlapping. */
const SUMMABLE_KINDS = ['country', 'province', 'state'] as const satisfies readonly Region['kind'][];

/** --kind for {@link beginEstimateAll}, when given. */
function kindOf(options: EstimateCommandOptions): { kind?: Region['kind'] } {
  return options.kind === undefined ? {} : { kind: options.kind };
}

/** A skipped record in a line: the region (and year) and why. */
function describeSkipped(record: SkippedRecord): string {
  return `${record.region.id}${record.year === null ? '' : ` (${record.month ?? record.year})`} left out: ${record.reason}`;
}

function describeRecord(record: EstimateRecord): string {
  return record.record === 'skipped' ? describeSkipped(record) : record.region.id;
}

/** The note said once when the rows rest on share sources the data mark as not comparable. */
function describeIncomparable(pair: ReturnType<typeof incomparableSources>[number]): string {
  const [a, b] = pair.sources;
  const [onA, onB] = pair.regions;
  return `The rows rest on share sources that the data mark as not comparable: ${a} (${onA.join(', ')}) and ${b} (${onB.join(', ')}). Read them side by side with care, or compare regions whose shares come from one source.`;
}

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
      new Option(
        '--all',
        'the world, every region with share data and the unattributed rest of each breakdown (regions overlap: sum one --kind only)',
      ).conflicts('region'),
    )
    .addOption(
      new Option(
        '--kind <kind>',
        'with --all: only regions of this kind, with `other` and the unattributed rest, which complete them',
      ).choices(SUMMABLE_KINDS),
    )
    .addOption(
      new Option('--years <first-last>', 'one row per year, e.g. 2019-2026 (one --region)')
        .argParser(parseYearRange)
        .conflicts(['year', 'month']),
    )
    .option('--skip-missing', 'print the regions (or years) that can be estimated, listing those that cannot');
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
        'mining-energy estimate --region russia --years 2019-2026',
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
      if (options.years && (options.all || (options.region ?? []).length !== 1)) {
        throw new UsageError('--years takes one --region: run the command once for each region.');
      }
      const data = await loadDataFor(cmd);
      const index = indexData(data);
      let regions: Region[] = options.all ? [] : (options.region ?? []).map((q) => resolveRegion(index, q));
      regions = [...new Map(regions.map((r) => [r.id, r])).values()];
      if (options.kind && !options.all) {
        const others = regions.filter((r) => r.kind !== options.kind);
        if (others.length > 0) {
          throw new UsageError(
            `--kind ${options.kind} leaves out ${others.map((r) => `${r.id} (${r.kind})`).join(', ')}, named with --region: name only regions of that kind, or leave out --kind.`,
          );
        }
      }

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
      const progress = uncertainty ? progressReporter('Monte Carlo', 'samples') : undefined;
      const runOptions = { ...estimateOptions, ...(progress?.onProgress ? { onProgress: progress.onProgress } : {}) };
      const skipMissing = options.skipMissing === true;
      const { years } = options;

      /**
       * The records of the regions (or years) the user named, made before anything is written: one that cannot be
       * estimated stops the run, naming it and why, unless --skip-missing asks for the others.
       */
      function namedRecords(): EstimateRecord[] {
        // A mistake in the options is the run's: said once, not as the reason each region cannot be estimated.
        if (!years) checkEstimateOptions(data, runOptions);
        const records = years
          ? estimateYears(data, (regions[0] as Region).id, years, runOptions)
          : regions.map((region) => estimateOrSkip(data, region, runOptions));
        const skipped = records.filter((r) => r.record === 'skipped');
        if (skipped.length === records.length) {
          throw new UsageError(
            skipped.length === 1
              ? (skipped[0] as SkippedRecord).reason
              : `Nothing could be estimated:\n  ${skipped.map(describeSkipped).join('\n  ')}`,
          );
        }
        if (skipped.length > 0 && !skipMissing) {
          const what = years
            ? `${(regions[0] as Region).id} cannot be estimated for ${skipped.length === 1 ? 'a year' : 'some years'} of ${years.from}-${years.to} (--skip-missing prints the other years, listing these)`
            : `${skipped.length === 1 ? 'A region you named cannot' : 'Regions you named cannot'} be estimated (--skip-missing prints the others, listing these)`;
          throw new UsageError(`${what}:\n  ${skipped.map(describeSkipped).join('\n  ')}`);
        }
        return records;
      }

      let records: EstimateRecord[] = [];
      // The regions --all leaves out as it streams, for the warnings.
      const streamedSkipped: SkippedRecord[] = [];
      // The share sources of each estimate --all streams (not the estimate), for the note on sources not comparable.
      const streamedSources: SourcesOfEstimate[] = [];
      // A world that cannot be estimated (no total for the period) may leave nothing to print: then the records are
      // all made before anything is written, so that a run with none fails with nothing on stdout. The worlds are
      // estimated first, once, for the run to know.
      let all: EstimateAllRun | undefined;
      try {
        all = options.all ? beginEstimateAll(data, { ...runOptions, ...kindOf(options) }) : undefined;
      } catch (error) {
        progress?.finish();
        throw error;
      }
      if (all?.worldsEstimated && format !== 'table' && !(format === 'csv' && uncertainty)) {
        const { records: allRecords } = all;
        // Streamed: one estimate in memory at a time, and a summary of each for the remainders.
        const streamed = new StreamedList(function* () {
          streamedSkipped.length = 0;
          streamedSources.length = 0;
          for (const record of allRecords()) {
            if (record.record === 'skipped') streamedSkipped.push(record);
            if (record.record === 'estimate') streamedSources.push(sourcesOf(record));
            yield record;
          }
        });
        try {
          await writeOutput(options, { document: streamed, records: streamed, table: () => '' });
        } finally {
          progress?.finish();
        }
      } else {
        try {
          records = all ? [...all.records()] : namedRecords();
        } finally {
          progress?.finish();
        }
        if (records.every((r) => r.record !== 'estimate')) {
          throw new UsageError(`No region could be estimated:\n  ${records.map(describeRecord).join('\n  ')}`);
        }
        await writeOutput(options, {
          document: records,
          records,
          table: async () => {
            const { renderEstimateTable, renderYearsTable } = await import('../../format/text/table.js');
            const estimates = records.filter((r) => r.record === 'estimate');
            // The bottom-up series rests on a dozen sources (its inputs, the hardware list's): listed by id under it.
            const computed = estimates.some((e) => e.sources.some((source) => source.id === BOTTOM_UP_SOURCE))
              ? computedSeriesOf(data)
              : undefined;
            const folded = new Map(computed ? [[BOTTOM_UP_SOURCE, computed.sources]] : []);
            const colors = await colorsFor(cmd, stdout());
            const names = regionNames(data);
            // The caveats are the warnings' codes, and why a region (or year) is left out is a warning's words:
            // said in the table only when the warnings are not.
            const quiet = warningDetail(cmd) === 'quiet';
            return years
              ? renderYearsTable(records, names, colors, widthOf(stdout()), folded, { reasons: quiet })
              : renderEstimateTable(records, names, colors, widthOf(stdout()), folded, {
                  caveats: quiet,
                  reasons: quiet,
                });
          },
        });
      }
      const estimates = records.filter((r): r is Estimate => r.record === 'estimate');
      // Each region (or year) left out is its own set, named by its region (or year) even by default.
      const skipped = [...records.filter((r): r is SkippedRecord => r.record === 'skipped'), ...streamedSkipped].map(
        (record) => ({
          region: years ? String(record.month ?? record.year) : record.region.name,
          nameAlways: true,
          warnings: [warn('region-skipped', describeSkipped(record), [record.region.id])],
        }),
      );
      const incomparable = years
        ? []
        : incomparableSources(index, [...estimates, ...streamedSources]).map((pair) => ({
            warnings: [warn('mixed-sources', describeIncomparable(pair))],
          }));
      // A document for programs holds its estimates' warnings: stderr then says only what it does not (a region
      // left out, sources not comparable); a table's warnings are said on stderr, shortly unless --explain.
      // Several regions' warnings name their regions; the years of one region's are not named by default (the
      // table marks each change of source; --explain names each warning's year).
      const many = estimates.length > 1;
      const label = (e: Estimate) => (years ? String(e.month ?? e.year) : e.region.name);
      const named = many && (!years || warningDetail(cmd) === 'explain');
      // What is said of the run as a whole (regions left out, sources not comparable) comes first, at the same
      // detail as the rest: a line a code by default, in full with --explain.
      await writeWarnings(cmd, [
        ...incomparable,
        ...skipped,
        ...(format === 'table'
          ? estimates.map((e) => ({
              ...(named ? { region: label(e) } : {}),
              warnings: e.warnings,
            }))
          : []),
      ]);
    });
}
