import { join } from 'node:path';
import { renderWarning, renderWarnings, type WarningDetail, type WarningSet } from '../format/text/warnings.js';
import { type Warning, warn } from '../core/common/warnings.js';
import {
  type Command,
  type CommandUnknownOpts,
  InvalidArgumentError,
  Option,
  type OptionValues,
} from '@commander-js/extra-typings';
import {
  carbonBracketFromText,
  checkDecimal,
  checkYearText,
  overheadsFromText,
  wholeNumber,
  yearRangeFromText,
} from './option-text.js';
import { checkDate, checkMonth, checkSamples, checkSeed } from '../core/common/validation.js';
import { type NumberRange } from '../data/ranges.js';
import { DataError, UsageError } from '../errors.js';
import { escapePath } from '../text.js';
import { messageForFlags } from './parameter-flags.js';
import type { Dataset } from '../data/dataset.js';
import { loadData } from '../data/load.js';
import { userDataDir, userDataDisabled } from '../data/user-data.js';
import { NETWORK_INPUTS_FILE } from '../data/dataset.js';
import { pathExists } from '../data/read-file.js';
import { userFileStats } from '../data/user-snapshot.js';
import { readUpdates } from '../update/updates-file.js';
import { type Colors, createColors } from '../format/terminal/color.js';
import {
  isOutputTooLarge,
  OUTPUT_FORMATS,
  OUTPUT_TOO_LARGE,
  type OutputFormat,
  outputPieces,
  type Rendering,
  renderOutput,
} from '../format/documents/output.js';

/** Runs a check of src/core/common/validation.ts on an option's value, reporting its message as commander does. */
export function asOptionCheck<T>(check: () => T): T {
  try {
    return check();
  } catch (error) {
    if (error instanceof UsageError) throw new InvalidArgumentError(messageForFlags(error));
    throw error;
  }
}

import { outputWidth } from '../format/terminal/width.js';
import { colourOn, type OutputStream, stderr, stdout, writeExactPieces, writeText } from './streams.js';

export function parseYear(value: string): number {
  return asOptionCheck(() => checkYearText(value));
}

export function parseYearRange(value: string): { from: number; to: number } {
  return asOptionCheck(() => yearRangeFromText(value));
}

export function parseMonth(value: string): string {
  return asOptionCheck(() => checkMonth(value));
}

/**
 * The parser of an option (or argument) that takes a number in a range: decimal notation only, finite, inside
 * the range, which the message names.
 */
export function decimalParser(range: NumberRange): (value: string) => number {
  return (value) => asOptionCheck(() => checkDecimal(value, range));
}

/** The parser of an option that takes a whole number, written in digits only, checked by `check`. */
export function wholeParser(check: (value: number) => number): (value: string) => number {
  return (value) => asOptionCheck(() => check(wholeNumber(value)));
}

/** Collects a repeatable, comma-separated option: --region a,b --region c → [a, b, c]. */
export function collectList(value: string, previous: string[] = []): string[] {
  const items = value.split(',').map((item) => item.trim());
  if (items.some((item) => item === ''))
    throw new InvalidArgumentError('expected a name, or names separated by commas.');
  return [...previous, ...items];
}

export type { OutputFormat };

/**
 * The options a declaring function (such as {@link addFormatOptions}) gives a command, typed from its declarations:
 * `OptionsDeclaredBy<typeof addFormatOptions<[], NoOptions, NoOptions>>`.
 */
export type OptionsDeclaredBy<Declare extends (command: Command, ...rest: never[]) => CommandUnknownOpts> = ReturnType<
  ReturnType<Declare>['opts']
>;
/** A command's options before any is declared. */
export type NoOptions = Record<never, never>;

/** Adds --format (table, json, ndjson or csv) and --json to a command. */
export function addFormatOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) {
  return command
    .addOption(new Option('--format <format>', 'output format').choices(OUTPUT_FORMATS).default('table'))
    .addOption(new Option('--json', 'same as --format json').conflicts('format'));
}

/** Adds --explain and -q/--quiet, which choose how much of the warnings a person sees. */
export function addWarningOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) {
  return command
    .addOption(new Option('--explain', 'print every warning in full (by default: those that change the meaning)'))
    .addOption(new Option('-q, --quiet', 'print no warnings').conflicts('explain'));
}

/** The detail of warnings a command's options ask for (see {@link addWarningOptions}). */
export function warningDetail(command: CommandUnknownOpts): WarningDetail {
  const { explain, quiet } = command.opts() as { explain?: boolean; quiet?: boolean };
  return quiet ? 'quiet' : explain ? 'explain' : 'default';
}

/**
 * Writes warnings to stderr at the detail the command's options ask for, coloured and wrapped as stderr allows:
 * one list, or several (an estimate's each, named by its region), after the note on the user's data directory.
 */
export async function writeWarnings(
  command: CommandUnknownOpts,
  warnings: readonly Warning[] | readonly WarningSet[],
  fullDetail?: 'explain',
  { userNote = true }: { userNote?: boolean } = {},
): Promise<void> {
  const sets: WarningSet[] = isSets(warnings) ? [...warnings] : [{ warnings }];
  const notes = userNote ? userDataNotes(command) : [];
  if (notes.length > 0) sets.unshift({ warnings: notes });
  const asked = warningDetail(command);
  const detail = asked === 'quiet' ? asked : (fullDetail ?? asked);
  if (detail === 'quiet' || sets.every((s) => s.warnings.length === 0)) return;
  const colors = await colorsFor(command, stderr());
  writeText(stderr(), renderWarnings(sets, detail, colors, widthOf(stderr())));
}

function isSets(list: readonly Warning[] | readonly WarningSet[]): list is readonly WarningSet[] {
  return list.length > 0 && 'warnings' in (list[0] as object);
}

/** Writes messages that are not an estimate's (those of data update and data import) to stderr, each in full. */
export async function writeMessages(command: CommandUnknownOpts, messages: readonly string[]): Promise<void> {
  const all = [...userDataNotes(command).map((w) => w.message), ...messages];
  if (all.length === 0) return;
  const colors = await colorsFor(command, stderr());
  const width = widthOf(stderr());
  writeText(stderr(), all.map((m) => renderWarning(m, colors, width)).join(''));
}

/**
 * Prints a command's output in the format its options ask for: the one place a command's format is chosen. The
 * table is human text and goes through the terminal sanitiser; JSON, NDJSON and CSV are written exactly.
 */
export async function writeOutput(options: { format?: string; json?: boolean }, rendering: Rendering): Promise<void> {
  const format = chosenFormat(options);
  if (format === 'table') {
    writeText(stdout(), await renderOutput(format, rendering));
    return;
  }
  try {
    await writeExactPieces(stdout(), outputPieces(format, rendering));
  } catch (error) {
    if (isOutputTooLarge(error)) throw new DataError(OUTPUT_TOO_LARGE);
    throw error;
  }
}

export function chosenFormat(options: { format?: string; json?: boolean }): OutputFormat {
  return options.json ? 'json' : ((options.format ?? 'table') as OutputFormat);
}

/** Adds the program's own options, which every command takes. */
export function addGlobalOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) {
  return command
    .option('--data <dir>', 'a data directory merged over the shipped data (any of its files may be left out)')
    .option('--no-default-data', 'use only the data in --data')
    .option(
      '--no-user-data',
      'leave out your data directory (where data update writes), as MINING_ENERGY_NO_USER_DATA=1 does',
    )
    .option('--no-color', 'never colour the output')
    .option('--debug', 'print stack traces for unexpected errors');
}

export type GlobalOptions = OptionsDeclaredBy<typeof addGlobalOptions<[], NoOptions, NoOptions>>;

/** The program's options as a command sees them (its own type does not carry its parent's). */
export function globalOptions(command: CommandUnknownOpts): GlobalOptions {
  return command.optsWithGlobals() as unknown as GlobalOptions;
}

/** A directory named by an option, refused when empty (the library would name its own parameter instead). */
export function directoryOption(flag: string, value: string): string;
export function directoryOption(flag: string, value: string | undefined): string | undefined;
export function directoryOption(flag: string, value: string | undefined): string | undefined {
  if (value !== undefined && value.trim() === '') throw new UsageError(`${flag} needs a directory, not an empty name.`);
  return value;
}

export async function loadDataFor(command: CommandUnknownOpts): Promise<Dataset> {
  const { defaultData } = globalOptions(command);
  const data = directoryOption('--data', globalOptions(command).data);
  const userDir = userDataFor(command);
  const dataset = await loadData({
    ...(data === undefined ? {} : { dataDir: data }),
    ...(userDir === undefined ? {} : { userDir }),
    defaultData,
  });
  if (userDir !== undefined && holdsData(userDir)) mergedUserData.set(command, userDir);
  return dataset;
}

/** The user data directory each command merged data from, for the note its warnings begin with. */
const mergedUserData = new WeakMap<CommandUnknownOpts, string>();

/** Whether a user data directory holds a file that a run merges: a data file or the daily inputs. */
function holdsData(dir: string): boolean {
  const stats = userFileStats(dir);
  return (
    stats !== undefined &&
    (Object.values(stats.files).some((stamp) => stamp !== null) || pathExists(join(dir, NETWORK_INPUTS_FILE)))
  );
}

/** The note a command's warnings begin with when it merged the user's data directory: none otherwise. */
export function userDataNotes(command: CommandUnknownOpts): Warning[] {
  const dir = mergedUserData.get(command);
  return dir === undefined ? [] : [warn('user-data', userDataNote(dir))];
}

/**
 * What a reader of figures that moved since the last run needs first: they rest on the user's own data directory
 * (what `data update` downloaded, and when), not on the shipped data alone.
 */
function userDataNote(dir: string): string {
  const downloads = downloadsIn(dir);
  return `Your data directory ${escapePath(dir)} is merged over the shipped data${downloads.length > 0 ? ` (${downloads.join(', ')})` : ''}; --no-user-data leaves it out.`;
}

/** "coinmetrics downloaded 2026-12-07", one for each source `data update` downloaded into a directory. */
function downloadsIn(dir: string): string[] {
  // updates.json is the tool's own file, but a file all the same: an entry without a readable date is left out.
  return Object.entries(readUpdates(dir)).flatMap(([name, record]) => {
    const at = (record as { retrievedAt?: unknown } | null)?.retrievedAt;
    return typeof at === 'string' && /^\d{4}-\d{2}-\d{2}/.test(at) ? [`${name} downloaded ${at.slice(0, 10)}`] : [];
  });
}

/**
 * The user's data directory a run merged, as a page or a chart names it: without its path, which holds the user's
 * name, and with what was downloaded when; undefined when none was merged.
 */
export function userDataSummary(command: CommandUnknownOpts): string | undefined {
  const dir = mergedUserData.get(command);
  if (dir === undefined) return undefined;
  const downloads = downloadsIn(dir);
  return `the user's data directory${downloads.length > 0 ? ` (${downloads.join(', ')})` : ''}`;
}

/**
 * The user's data directory that a run merges over the shipped data (under --data), or undefined when
 * --no-user-data, MINING_ENERGY_NO_USER_DATA or --no-default-data leaves it out.
 */
export function userDataFor(command: CommandUnknownOpts): string | undefined {
  const { userData, defaultData } = globalOptions(command);
  if (userData === false || !defaultData || userDataDisabled(process.env)) return undefined;
  return userDataDir(process.env);
}

/**
 * Colours for a stream, decided by color.ts from the TTY, the environment and --no-color: the same decision as
 * the writer's, so that the colour sequences written are the ones it keeps.
 */
export function colorsFor(command: CommandUnknownOpts, stream: OutputStream): Promise<Colors> {
  return createColors(colourOn(stream) && globalOptions(command).color);
}

/** The width, in columns, to lay a stream's human output out for (COLUMNS, the terminal's, or 80). */
export function widthOf(stream: OutputStream): number {
  return outputWidth(stream.isTTY === true ? stream.columns : undefined, process.env);
}

export function regionNames(data: Dataset): Map<string, string> {
  return new Map(data.regions.map((r) => [r.id, r.name]));
}

/** Examples for a command's help, one per line. */
export function examples(lines: readonly string[]): string {
  return `\nExamples:\n${lines.map((line) => `  $ ${line}`).join('\n')}\n`;
}

export function parseDate(value: string): string {
  return asOptionCheck(() => checkDate(value));
}

/** "1.01,1.10,1.20" → lower, best and upper overheads, each at least 1 and in that order. */
export function parseOverheads(value: string): { lower: number; best: number; upper: number } {
  return asOptionCheck(() => overheadsFromText(value));
}

/** Today's date in UTC, YYYY-MM-DD. */
export function todayUtc(): string {
  return new Date().toISOString().slice(0, 10);
}

/** "24,820" → a low and a high grid intensity, g CO2/kWh, each from 0 to 2000. */
export function parseBracket(value: string): { low: number; high: number } {
  return asOptionCheck(() => carbonBracketFromText(value));
}

/** Monte Carlo samples: a whole number from 1 to 10,000,000. */
export function parseSamples(value: string): number {
  return asOptionCheck(() => checkSamples(wholeNumber(value)));
}

/** A seed: a whole number from 0 to 4294967295. */
export function parseSeed(value: string): number {
  return asOptionCheck(() => checkSeed(wholeNumber(value)));
}
