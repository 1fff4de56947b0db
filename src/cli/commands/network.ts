import { type Command, Option } from '@commander-js/extra-typings';
import { CBECI_PRICE_USD_PER_KWH } from '../../core/network/bottom-up.js';
import { networkSeries } from '../../core/network/network-series.js';
import { NETWORK_INPUTS_FILE } from '../../data/dataset.js';
import { dailyInputsPath } from '../../data/daily-inputs.js';
import { checkWindowDays } from '../../core/common/validation.js';
import { UsageError } from '../../errors.js';
import { escapePath } from '../../text.js';
import { progressReporter } from '../progress.js';
import { addModelOptions, readHardware, runModel } from '../model-options.js';
import {
  addFormatOptions,
  addWarningOptions,
  chosenFormat,
  colorsFor,
  examples,
  globalOptions,
  userDataFor,
  loadDataFor,
  wholeParser,
  parseDate,
  widthOf,
  writeOutput,
  writeWarnings,
} from '../options.js';
import { stdout } from '../streams.js';

/** `network`'s options, as {@link declareNetwork} declares them; `input` is true for `--input` without a file. */
type NetworkOptions = ReturnType<ReturnType<typeof declareNetwork>['opts']>;

/** `network --input`: the model day by day over a file of inputs. */
async function runSeriesCommand(options: NetworkOptions, cmd: Command): Promise<void> {
  for (const option of ['hashrate', 'threshold', 'revenue', 'date', 'revenueYear']) {
    if (cmd.getOptionValueSource(option) === 'cli') {
      throw new UsageError(
        `--input takes each day's inputs from the file; --${option.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)} has no use with it.`,
      );
    }
  }
  if (options.method !== 'bottom-up') throw new UsageError('--input runs the bottom-up model only.');
  const path = options.input === true ? defaultInputs(cmd) : (options.input as string);
  const { readSeriesInput } = await import('../../data/series-input.js');
  const rows = readSeriesInput(path);
  const hardware = options.hardware ? await readHardware(options.hardware) : (await loadDataFor(cmd)).hardware;
  const progress = progressReporter('Series', 'days');
  let series: ReturnType<typeof networkSeries>;
  try {
    series = networkSeries(rows, {
      priceUsdPerKwh: options.price ?? CBECI_PRICE_USD_PER_KWH,
      smoothDays: options.smooth ?? 14,
      averageDays: options.average ?? 1,
      weighting: options.weighting,
      overheads: options.overheads,
      hardware,
      ...(options.from === undefined ? {} : { from: options.from }),
      ...(options.to === undefined ? {} : { to: options.to }),
      ...(progress.onProgress ? { onProgress: progress.onProgress } : {}),
    });
  } finally {
    progress.finish();
  }
  const { results, warnings, gaps } = series;
  if (results.length === 0) {
    throw new UsageError(
      `No day of ${escapePath(path)} is ${describeRange(options)}; it covers ${rows[0]?.date} to ${rows.at(-1)?.date}.`,
    );
  }
  await writeOutput(options, {
    document: results,
    records: results,
    table: async () => {
      const { renderSeriesTable } = await import('../../format/text/network.js');
      return renderSeriesTable(results, gaps.length > 0, widthOf(stdout()));
    },
  });
  await writeWarnings(cmd, warnings);
}

/**
 * The inputs `--input` reads when given no file: network-inputs.csv in the --data directory if it has one, else
 * in the user's data directory (which `data update` writes whole), else the shipped one.
 */
function defaultInputs(cmd: Command): string {
  const { data, defaultData } = globalOptions(cmd);
  const userDir = userDataFor(cmd);
  const path = dailyInputsPath({ dataDir: data, userDir, defaultData });
  if (path === undefined) {
    throw new UsageError(
      data === undefined
        ? `--input without a file reads ${NETWORK_INPUTS_FILE} from the data directory, and --no-default-data leaves none; give a file or --data <dir>.`
        : `--input without a file reads ${NETWORK_INPUTS_FILE} from the data directory, and ${escapePath(data)} has none; give a file.`,
    );
  }
  return path;
}

function describeRange(options: NetworkOptions): string {
  if (options.from !== undefined && options.to !== undefined) return `from ${options.from} to ${options.to}`;
  return options.from !== undefined ? `on or after ${options.from}` : `on or before ${options.to}`;
}

function declareNetwork(program: Command) {
  const model = addModelOptions(
    program
      .command('network')
      .description(
        "The whole network's power and energy from a model: CBECI's bottom-up bounds from a hardware list, or the economic (top-down) estimate.",
      ),
  );
  const series = model
    .option(
      '--input [file]',
      `a daily series of inputs (CSV or NDJSON: date, hashrateEhs, and revenueUsd or thresholdJPerTh; - reads standard input); without a file, ${NETWORK_INPUTS_FILE} from --data if it has one, else from your data directory (data update), else the shipped one (Coin Metrics' daily data; data status shows the days each holds)`,
    )
    .addOption(
      new Option(
        '--from <yyyy-mm-dd>',
        'with --input: print the days from this one (computed over the whole series)',
      ).argParser(parseDate),
    )
    .addOption(new Option('--to <yyyy-mm-dd>', 'with --input: print the days up to this one').argParser(parseDate))
    .addOption(
      new Option(
        '--smooth <days>',
        'with --input: trailing moving average of the threshold over this many calendar days (default 14; 0 or 1 for none); across a gap in the dates, over the days the file has',
      ).argParser(wholeParser(checkWindowDays)),
    )
    .addOption(
      new Option(
        '--average <days>',
        "with --input: trailing moving average of the results over this many calendar days, as CBECI's daily index (7); days with no eligible machine then repeat the day before",
      ).argParser(wholeParser(checkWindowDays)),
    );
  return addWarningOptions(addFormatOptions(series));
}

export function registerNetwork(program: Command): void {
  declareNetwork(program)
    .addHelpText(
      'after',
      `${examples([
        'mining-energy network --hashrate 600 --threshold 55',
        'mining-energy network --hashrate 180 --revenue 40e6 --price 0.08 --date 2022-01-01',
        'mining-energy network --method top-down --revenue-year 10e9 --electricity-share 0.6 --price 0.05',
        'mining-energy network --hashrate 600 --threshold 55 --hardware my-miners.json --weighting mean --json',
        'mining-energy network --input daily.csv --price 0.05 --format csv > series.csv',
        'mining-energy network --input daily.csv --weighting mean --average 7 --json   # as CBECI computes its index',
        'mining-energy network --input --from 2024-11-01   # the shipped daily inputs (Coin Metrics), last days only',
        'mining-energy --data my-data network --input --from 2024-01-01 --format csv',
      ])}
Bottom-up (CBECI): a machine is eligible when released before the date, less than 1,825 days old, and
strictly below the threshold. Lower = most efficient × 1.01, upper = least efficient × 1.20, best = their
mean (age-weighted by default) × 1.10. Top-down (Digiconomist): TWh = share × revenue ÷ price.`,
    )
    .action(async (options, cmd) => {
      if (options.input !== undefined) {
        await runSeriesCommand(options, cmd);
        return;
      }
      if (options.smooth !== undefined) throw new UsageError('--smooth goes with --input.');
      if (options.from !== undefined) throw new UsageError('--from goes with --input.');
      if (options.to !== undefined) throw new UsageError('--to goes with --input.');
      if (options.average !== undefined) throw new UsageError('--average goes with --input.');
      const result = await runModel(options, async () => (await loadDataFor(cmd)).hardware);
      await writeOutput(options, {
        document: result,
        records: [result],
        table: async () => {
          const { renderModelTable } = await import('../../format/text/network.js');
          return renderModelTable(result, await colorsFor(cmd, stdout()), widthOf(stdout()));
        },
      });
      if (chosenFormat(options) === 'table') await writeWarnings(cmd, result.warnings);
    });
}
