import { type Command, Option, type OptionValues } from '@commander-js/extra-typings';
import { CBECI_OVERHEADS, CBECI_PRICE_USD_PER_KWH, type Weighting } from '../core/network/bottom-up.js';
import { type NetworkMethod, type NetworkResult, networkBottomUp, networkTopDown } from '../core/network/network.js';
import { plainlyValidHardware } from '../data/hardware-list.js';
import { jsonProblemText, parseJson } from '../data/json.js';
import { MAX_MACHINES } from '../data/limits.js';
import { readTextFile } from '../data/read-file.js';
import type { Hardware } from '../data/schemas.js';
import { DataError, UsageError } from '../errors.js';
import {
  ELECTRICITY_SHARE_RANGE,
  HASHRATE_EHS_RANGE,
  PRICE_USD_PER_KWH_RANGE,
  REVENUE_USD_PER_DAY_RANGE,
  REVENUE_USD_PER_YEAR_RANGE,
  THRESHOLD_J_PER_TH_RANGE,
} from '../data/ranges.js';
import {
  decimalParser,
  type NoOptions,
  type OptionsDeclaredBy,
  parseDate,
  parseOverheads,
  todayUtc,
} from './options.js';
import { escapePath, formatCount, normaliseName } from '../text.js';
import { listedProblems } from '../data/problems.js';
import { repeatedPropertyProblems } from '../data/load.js';

const NETWORK_METHODS = ['bottom-up', 'top-down'] as const satisfies readonly NetworkMethod[];
const WEIGHTINGS = ['age', 'mean'] as const satisfies readonly Weighting[];

/** The options of a network model, shared by `network` and `estimate`, as {@link addModelOptions} declares them. */
export type ModelOptions = OptionsDeclaredBy<typeof addModelOptions<[], NoOptions, NoOptions>>;

/**
 * Reads a hardware list in the format of data/hardware.json, safely (see readTextFile), and checks it as a whole:
 * at least one machine, at most {@link MAX_MACHINES}, each model once (a model listed twice would count twice in
 * the mean), each property once in a record (JSON would keep the last silently).
 * @throws DataError naming the file and each problem.
 */
export async function readHardware(path: string): Promise<Hardware[]> {
  const text = readTextFile(path, 'the hardware list');
  const parsed = parseJson(text);
  if (!parsed.ok) {
    throw new DataError(`The hardware list is not valid JSON:`, [jsonProblemText(path, parsed.problem)]);
  }
  const repeatedProperties = repeatedPropertyProblems(path, text, parsed.value);
  if (repeatedProperties.length > 0) {
    throw new DataError('The hardware list repeats a property:', listedProblems(repeatedProperties));
  }
  if (Array.isArray(parsed.value) && parsed.value.length > MAX_MACHINES) {
    throw new DataError(
      `The hardware list ${escapePath(path)} has ${formatCount(parsed.value.length)} machines, over the limit of ${formatCount(MAX_MACHINES)}.`,
    );
  }
  const records = plainlyValidHardware(parsed.value) ?? (await validatedHardware(parsed.value, path));
  if (records.length === 0) {
    throw new DataError(`The hardware list ${escapePath(path)} is empty: it needs at least one machine.`);
  }
  const repeated = repeatedModels(records, path);
  if (repeated.length > 0) {
    throw new DataError('The hardware list lists a machine more than once:', listedProblems(repeated));
  }
  return records;
}

/** A hardware list's records as the schema checks them, or a DataError with each problem it finds. */
async function validatedHardware(raw: unknown, path: string): Promise<Hardware[]> {
  const { validateFile } = await import('../data/validate.js');
  const result = validateFile('hardware', raw, path);
  if (!result.ok) throw new DataError('The hardware list is invalid:', result.problems);
  return result.records;
}

/** Each record whose model an earlier record already names (compared as names are: case, spaces and dashes aside). */
export function repeatedModels(hardware: readonly Hardware[], path: string): string[] {
  const first = new Map<string, number>();
  const problems: string[] = [];
  hardware.forEach((machine, index) => {
    const key = normaliseName(machine.model);
    const earlier = first.get(key);
    if (earlier === undefined) first.set(key, index);
    else {
      problems.push(
        `${escapePath(path)} → record ${index + 1} ("${machine.model}") → model → is record ${earlier + 1}'s ("${(hardware[earlier] as Hardware).model}") again: list each machine once, or it counts more than once`,
      );
    }
  });
  return problems;
}

/** Adds the network model's options to a command. */
export function addModelOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) {
  return command
    .addOption(new Option('--method <method>', 'the model').choices(NETWORK_METHODS).default('bottom-up'))
    .addOption(
      new Option('--hashrate <EH/s>', 'network hashrate (bottom-up)').argParser(decimalParser(HASHRATE_EHS_RANGE)),
    )
    .addOption(
      new Option('--threshold <J/TH>', 'profitability threshold; or derive it from --revenue and --price')
        .argParser(decimalParser(THRESHOLD_J_PER_TH_RANGE))
        .conflicts('revenue'),
    )
    .addOption(
      new Option('--revenue <USD/day>', "miners' daily revenue, block reward plus fees").argParser(
        decimalParser(REVENUE_USD_PER_DAY_RANGE),
      ),
    )
    .addOption(
      new Option('--price <USD/kWh>', `electricity price (default ${CBECI_PRICE_USD_PER_KWH})`).argParser(
        decimalParser(PRICE_USD_PER_KWH_RANGE),
      ),
    )
    .addOption(
      new Option(
        '--date <yyyy-mm-dd>',
        'which machines exist (default: today, UTC; for estimate, the middle of --year or --month)',
      ).argParser(parseDate),
    )
    .option('--hardware <file>', 'a hardware list in the format of data/hardware.json, replacing the shipped one')
    .addOption(
      new Option('--weighting <weighting>', "best guess: CBECI's 2023 age weights, or its older plain mean")
        .choices(WEIGHTINGS)
        .default('age'),
    )
    .addOption(
      new Option('--overheads <lower,best,upper>', 'facility overheads (PUE) for each bound')
        .argParser(parseOverheads)
        .default(CBECI_OVERHEADS, '1.01,1.10,1.20'),
    )
    .addOption(
      new Option('--revenue-year <USD>', "miners' yearly revenue (top-down)").argParser(
        decimalParser(REVENUE_USD_PER_YEAR_RANGE),
      ),
    )
    .addOption(
      new Option('--electricity-share <fraction>', 'share of revenue spent on electricity (top-down)')
        .argParser(decimalParser(ELECTRICITY_SHARE_RANGE))
        .default(0.6),
    );
}

/** True when the options ask for a computed network total rather than a shipped series. */
export function wantsModel(options: ModelOptions): boolean {
  return options.method === 'top-down' || options.hashrate !== undefined || options.revenueYear !== undefined;
}

/**
 * Runs the network model the options describe.
 * @param shippedHardware the hardware list to use when the options name no file
 */
export async function runModel(
  options: ModelOptions,
  shippedHardware: () => Promise<Hardware[]>,
): Promise<NetworkResult> {
  const price = options.price ?? CBECI_PRICE_USD_PER_KWH;
  if (options.method === 'top-down') {
    if (options.revenueYear === undefined) throw new UsageError('The top-down method needs --revenue-year <USD>.');
    const bottomUpOnly = (
      [
        ['--hashrate', options.hashrate],
        ['--threshold', options.threshold],
        ['--revenue', options.revenue],
        ['--date', options.date],
        ['--hardware', options.hardware],
      ] as const
    ).filter(([, value]) => value !== undefined);
    if (bottomUpOnly.length > 0) {
      throw new UsageError(
        `The top-down method uses --revenue-year, --electricity-share and --price only; ${bottomUpOnly.map(([name]) => name).join(', ')} ${bottomUpOnly.length === 1 ? 'is' : 'are'} for the bottom-up model (--method bottom-up).`,
      );
    }
    return networkTopDown({
      revenueUsdPerYear: options.revenueYear,
      electricityShare: options.electricityShare,
      priceUsdPerKwh: price,
    });
  }
  if (options.hashrate === undefined) throw new UsageError('The bottom-up method needs --hashrate <EH/s>.');
  if (options.threshold !== undefined && options.price !== undefined) {
    throw new UsageError('--price derives the threshold from --revenue; it has no use with --threshold.');
  }
  const hardware = options.hardware ? await readHardware(options.hardware) : await shippedHardware();
  return networkBottomUp({
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
