import { isCalendarDate } from '../core/period.js';
import { type Command, InvalidArgumentError, Option } from 'commander';
import type { Dataset } from '../data/dataset.js';
import { loadData } from '../data/load.js';
import { type Colors, colorEnabled, createColors } from '../format/color.js';
import { outputWidth } from '../format/width.js';

export function parseYear(value: string): number {
  if (!/^\d{4}$/.test(value)) throw new InvalidArgumentError('expected a four-digit year, e.g. 2022.');
  const year = Number(value);
  if (year < 1990 || year > 2100) throw new InvalidArgumentError('expected a year from 1990 to 2100.');
  return year;
}

export function parseMonth(value: string): string {
  if (!/^\d{4}-(0[1-9]|1[0-2])$/.test(value))
    throw new InvalidArgumentError('expected a month as YYYY-MM, e.g. 2021-04.');
  return value;
}

export function parseNonNegative(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number < 0) {
    throw new InvalidArgumentError('expected a non-negative number.');
  }
  return number;
}

export function parseCount(value: string): number {
  if (!/^\d+$/.test(value)) throw new InvalidArgumentError('expected a whole number, 0 or more.');
  return Number(value);
}

/** Collects a repeatable, comma-separated option: --region a,b --region c → [a, b, c]. */
export function collectList(value: string, previous: string[] = []): string[] {
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => item === ''))
    throw new InvalidArgumentError('expected a name, or names separated by commas.');
  return [...previous, ...items];
}

export type OutputFormat = 'table' | 'json' | 'ndjson' | 'csv';

/** Adds --format (with the given choices) and --json to a command. */
export function addFormatOptions(command: Command, formats: readonly OutputFormat[]): Command {
  return command
    .addOption(new Option('--format <format>', 'output format').choices(formats).default('table'))
    .addOption(new Option('--json', 'same as --format json').conflicts('format'));
}

export function chosenFormat(options: { format?: string; json?: boolean }): OutputFormat {
  return options.json ? 'json' : ((options.format ?? 'table') as OutputFormat);
}

export interface GlobalOptions {
  data?: string;
  defaultData: boolean;
  color: boolean;
  debug?: boolean;
}

export function globalOptions(command: Command): GlobalOptions {
  return command.optsWithGlobals() as GlobalOptions;
}

export function loadDataFor(command: Command): Promise<Dataset> {
  const { data, defaultData } = globalOptions(command);
  return loadData({ ...(data === undefined ? {} : { dataDir: data }), defaultData });
}

/** Colours for a stream, decided by color.ts from the TTY, the environment and --no-color. */
export function colorsFor(command: Command, stream: NodeJS.WriteStream): Promise<Colors> {
  return createColors(
    colorEnabled({ isTTY: stream.isTTY === true, env: process.env, colorFlag: globalOptions(command).color }),
  );
}

/** The width, in columns, to lay a stream's human output out for (COLUMNS, the terminal's, or 80). */
export function widthOf(stream: NodeJS.WriteStream): number {
  return outputWidth(stream.isTTY === true ? stream.columns : undefined, process.env);
}

export function regionNames(data: Dataset): Map<string, string> {
  return new Map(data.regions.map((r) => [r.id, r.name]));
}

/** Examples for a command's help, one per line. */
export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

export function parsePositive(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0) {
    throw new InvalidArgumentError('expected a number above 0 (e.g. 0.05, 600 or 40e6).');
  }
  return number;
}

export function parseFraction(value: string): number {
  const number = Number(value);
  if (value.trim() === '' || !Number.isFinite(number) || number <= 0 || number > 1) {
    throw new InvalidArgumentError('expected a fraction above 0 and at most 1, e.g. 0.6.');
  }
  return number;
}

export function parseDate(value: string): string {
  if (!isCalendarDate(value)) {
    throw new InvalidArgumentError('expected a calendar date as YYYY-MM-DD, e.g. 2022-01-01.');
  }
  return value;
}

/** "1.01,1.10,1.20" → lower, best and upper overheads, each at least 1 and in that order. */
export function parseOverheads(value: string): { lower: number; best: number; upper: number } {
  const parts = value.split(',').map(Number);
  const [lower, best, upper] = parts;
  if (
    parts.length !== 3 ||
    parts.some((p) => !Number.isFinite(p) || p < 1) ||
    lower === undefined ||
    best === undefined ||
    upper === undefined
  ) {
    throw new InvalidArgumentError('expected three overheads of at least 1, lower,best,upper, e.g. 1.01,1.10,1.20.');
  }
  if (!(lower <= best && best <= upper)) {
    throw new InvalidArgumentError(
      'expected the overheads in order, lower ≤ best ≤ upper (e.g. 1.01,1.10,1.20): a lower bound above the best guess would be no bound.',
    );
  }
  return { lower, best, upper };
}

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** "24,820" → a low and a high grid intensity, g CO2/kWh. */
export function parseBracket(value: string): { low: number; high: number } {
  const parts = value.split(',').map(Number);
  const [low, high] = parts;
  if (parts.length !== 2 || low === undefined || high === undefined || !(low >= 0) || !(high > low)) {
    throw new InvalidArgumentError('expected two intensities in g/kWh, low,high with low < high, e.g. 24,820.');
  }
  return { low, high };
}

/** Monte Carlo samples: a whole number from 1 to 10,000,000. */
export function parseSamples(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number < 1 || number > 10_000_000) {
    throw new InvalidArgumentError('expected a whole number of samples from 1 to 10000000.');
  }
  return number;
}

/** A seed: a whole number from 0 to 4294967295. */
export function parseSeed(value: string): number {
  const number = Number(value);
  if (!/^\d+$/.test(value) || number > 4_294_967_295) {
    throw new InvalidArgumentError('expected a whole number from 0 to 4294967295.');
  }
  return number;
}
