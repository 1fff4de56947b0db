import { readFileSync } from 'node:fs';
import { type Command, Option } from 'commander';
import { CBECI_OVERHEADS, CBECI_PRICE_USD_PER_KWH, type Overheads, type Weighting } from '../../core/bottom-up.js';
import { type NetworkMethod, type NetworkResult, networkBottomUp, networkTopDown } from '../../core/network.js';
import { parseJson } from '../../data/json.js';
import type { Hardware } from '../../data/schemas.js';
import { DataError, UsageError } from '../../errors.js';
import { renderJson } from '../../format/json.js';
import { formatNumber } from '../../format/numbers.js';
import { renderWarning } from '../../format/warnings.js';
import {
  addFormatOptions,
  chosenFormat,
  colorsFor,
  examples,
  loadDataFor,
  parseDate,
  parseFraction,
  parseOverheads,
  parsePositive,
  todayUtc,
} from '../options.js';

interface NetworkOptions {
  method: NetworkMethod;
  hashrate?: number;
  threshold?: number;
  revenue?: number;
  price?: number;
  date?: string;
  hardware?: string;
  weighting: Weighting;
  overheads: Overheads;
  revenueYear?: number;
  electricityShare: number;
  format?: string;
  json?: boolean;
}

/** Reads a hardware list in the format of data/hardware.json. */
async function readHardware(path: string): Promise<Hardware[]> {
  let text: string;
  try {
    text = readFileSync(path, 'utf8');
  } catch (error) {
    throw new DataError(`Cannot read the hardware list ${path}: ${(error as Error).message}`);
  }
  const parsed = parseJson(text);
  if (!parsed.ok) {
    const { line, column, message } = parsed.problem;
    throw new DataError(`The hardware list is not valid JSON:`, [
      `${path} → line ${line}, column ${column} → ${message}`,
    ]);
  }
  const { validateFile } = await import('../../data/validate.js');
  const result = validateFile('hardware', parsed.value, path);
  if (!result.ok) throw new DataError('The hardware list is invalid:', result.problems);
  return result.records;
}

export function registerNetwork(program: Command): void {
  const command = program
    .command('network')
    .description(
      "The whole network's power and energy from a model: CBECI's bottom-up bounds from a hardware list, or the economic (top-down) estimate.",
    )
    .addOption(new Option('--method <method>', 'the model').choices(['bottom-up', 'top-down']).default('bottom-up'))
    .addOption(new Option('--hashrate <EH/s>', 'network hashrate (bottom-up)').argParser(parsePositive))
    .addOption(
      new Option('--threshold <J/TH>', 'profitability threshold; or derive it from --revenue and --price')
        .argParser(parsePositive)
        .conflicts('revenue'),
    )
    .addOption(
      new Option('--revenue <USD/day>', "miners' daily revenue, block reward plus fees").argParser(parsePositive),
    )
    .addOption(
      new Option('--price <USD/kWh>', `electricity price (default ${CBECI_PRICE_USD_PER_KWH})`).argParser(
        parsePositive,
      ),
    )
    .addOption(new Option('--date <yyyy-mm-dd>', 'which machines exist (default: today, UTC)').argParser(parseDate))
    .option('--hardware <file>', 'a hardware list in the format of data/hardware.json, replacing the shipped one')
    .addOption(
      new Option('--weighting <weighting>', "best guess: CBECI's 2023 age weights, or its older plain mean")
        .choices(['age', 'mean'])
        .default('age'),
    )
    .addOption(
      new Option('--overheads <lower,best,upper>', 'facility overheads (PUE) for each bound')
        .argParser(parseOverheads)
        .default(CBECI_OVERHEADS, '1.01,1.10,1.20'),
    )
    .addOption(new Option('--revenue-year <USD>', "miners' yearly revenue (top-down)").argParser(parsePositive))
    .addOption(
      new Option('--electricity-share <fraction>', 'share of revenue spent on electricity (top-down)')
        .argParser(parseFraction)
        .default(0.6),
    );
  addFormatOptions(command, ['table', 'json']);
  command
    .addHelpText(
      'after',
      `${examples([
        'mining-energy network --hashrate 600 --threshold 55',
        'mining-energy network --hashrate 180 --revenue 40e6 --price 0.08 --date 2022-01-01',
        'mining-energy network --method top-down --revenue-year 10e9 --electricity-share 0.6 --price 0.05',
        'mining-energy network --hashrate 600 --threshold 55 --hardware my-miners.json --weighting mean --json',
      ])}
Bottom-up (CBECI): a machine is eligible when released before the date, less than 1,825 days old, and
strictly below the threshold. Lower = most efficient × 1.01, upper = least efficient × 1.20, best = their
mean (age-weighted by default) × 1.10. Top-down (Digiconomist): TWh = share × revenue ÷ price.`,
    )
    .action(async (options: NetworkOptions, cmd: Command) => {
      const format = chosenFormat(options);
      const price = options.price ?? CBECI_PRICE_USD_PER_KWH;
      let result: NetworkResult;
      if (options.method === 'top-down') {
        if (options.revenueYear === undefined) throw new UsageError('The top-down method needs --revenue-year <USD>.');
        result = networkTopDown({
          revenueUsdPerYear: options.revenueYear,
          electricityShare: options.electricityShare,
          priceUsdPerKwh: price,
        });
      } else {
        if (options.hashrate === undefined) throw new UsageError('The bottom-up method needs --hashrate <EH/s>.');
        if (options.threshold === undefined && options.revenue === undefined) {
          throw new UsageError('Give --threshold <J/TH>, or --revenue <USD/day> (with --price) to derive it.');
        }
        if (options.threshold !== undefined && options.price !== undefined) {
          throw new UsageError('--price derives the threshold from --revenue; it has no use with --threshold.');
        }
        const hardware = options.hardware ? await readHardware(options.hardware) : (await loadDataFor(cmd)).hardware;
        result = networkBottomUp({
          hashrateEhs: options.hashrate,
          ...(options.threshold === undefined ? {} : { thresholdJPerTh: options.threshold }),
          ...(options.revenue === undefined ? {} : { revenueUsdPerDay: options.revenue }),
          priceUsdPerKwh: price,
          date: options.date ?? todayUtc(),
          weighting: options.weighting,
          overheads: options.overheads,
          hardware,
        });
      }
      if (format === 'json') {
        process.stdout.write(renderJson(result));
        return;
      }
      const { table } = await import('../../format/table.js');
      const colors = await colorsFor(cmd, process.stdout);
      const rows = [
        ['Best guess', formatNumber(result.energy.twh), formatNumber(result.power.gw)],
        ...(result.energy.lowerTwh === null
          ? []
          : [
              ['Lower bound', formatNumber(result.energy.lowerTwh), formatNumber(result.power.lowerGw ?? 0)],
              ['Upper bound', formatNumber(result.energy.upperTwh ?? 0), formatNumber(result.power.upperGw ?? 0)],
            ]),
      ];
      const inputs = Object.entries(result.inputs)
        .filter(([, value]) => value !== null)
        .map(([key, value]) => `${key}=${value}`)
        .join(', ');
      let text = `${colors.bold(`Network, ${result.method}`)} (${inputs})\n${table(['', 'TWh/yr', 'GW'], rows, [1, 2])}`;
      if (result.thresholdJPerTh !== null) {
        text += `Threshold: ${formatNumber(result.thresholdJPerTh)} J/TH; ${result.eligible.length} eligible machine${result.eligible.length === 1 ? '' : 's'}\n`;
        text += table(
          ['Model', 'Released', 'J/TH', 'Weight'],
          result.eligible.map((m) => [m.model, m.released, formatNumber(m.jPerTh), String(m.weight)]),
          [2, 3],
        );
      }
      process.stdout.write(text);
      const errColors = await colorsFor(cmd, process.stderr);
      process.stderr.write(result.warnings.map((w) => renderWarning(w, errColors)).join(''));
    });
}
