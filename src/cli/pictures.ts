import { basename, isAbsolute, resolve } from 'node:path';
import {
  type Command,
  type CommandUnknownOpts,
  InvalidArgumentError,
  Option,
  type OptionValues,
} from '@commander-js/extra-typings';
import type { Dataset } from '../data/dataset.js';
import { packageInfo } from '../data/package.js';
import { checkOutputFile, writeAtomically } from '../data/write-file.js';
import { UsageError } from '../errors.js';
import { escapePath } from '../text.js';
import { checkPeriod } from '../core/common/validation.js';
import { indexData } from '../core/regions/lookup.js';
import { resolveRegion } from '../core/regions/names.js';
import { buildReport, type ReportModel } from '../core/report.js';
import { addEstimateChoiceOptions, estimateChoicesFrom } from './estimate-options.js';
import {
  addWarningOptions,
  globalOptions,
  loadDataFor,
  type NoOptions,
  type OptionsDeclaredBy,
  userDataSummary,
} from './options.js';
import { stderr, stdout, writeBytes, writeExact, writeText } from './streams.js';

/** Adds the region and estimate options `report` and `chart` share, which come first in both. */
export function addPictureOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
) {
  return addWarningOptions(
    addEstimateChoiceOptions(
      command.addOption(
        new Option('-r, --region <id>', 'region id, name, alias or ISO code (one region)').argParser(parseOneRegion),
      ),
    ),
  );
}

/**
 * Reads --region for a command about one region: a second --region is refused rather than one of them silently
 * dropped (a list is refused when it names no region: a name may hold a comma, as "Iran, Islamic Rep." does).
 */
export function parseOneRegion(value: string, previous: string | undefined): string {
  if (previous !== undefined) {
    throw new InvalidArgumentError(
      `takes one region, and "${previous}" was already given: run the command once for each region.`,
    );
  }
  return value;
}

/** Adds --out, described for the command, and --force, which come last in `report` and `chart`. */
export function addOutOptions<Args extends unknown[], Opts extends OptionValues, Globals extends OptionValues>(
  command: Command<Args, Opts, Globals>,
  outDescription: string,
) {
  return command
    .addOption(new Option('-o, --out <file>', outDescription).argParser(parseOutFile))
    .option('--force', 'replace --out if it exists');
}

/** The options `report` and `chart` share, as {@link addPictureOptions} and {@link addOutOptions} declare them. */
export type PictureOptions = OptionsDeclaredBy<typeof addPictureOptions<[], NoOptions, NoOptions>> &
  OptionsDeclaredBy<typeof addOutOptions<[], NoOptions, NoOptions>>;

/** Checks an --out value: a file name, or `-` for stdout. */
export function parseOutFile(value: string): string {
  if (value.trim() === '') throw new InvalidArgumentError('needs a file name (or - for stdout).');
  return value;
}

/** The file --out names, or undefined for stdout (no --out, or `-`). */
export function outFile(options: PictureOptions): string | undefined {
  return options.out === '-' ? undefined : options.out;
}

/** A word a POSIX shell reads back as itself: bare when it is plain, else single-quoted. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** Options whose value is a path: on a page, only the file's or the folder's own name is shown. */
const PATH_OPTIONS = new Set(['--out', '-o', '--data', '--hardware']);

/** A path as a page shows it: its last part, so that no user name or folder of the maker's leaks with the page. */
function pageName(path: string): string {
  return basename(path) || path;
}

/**
 * The command line that made a page or a chart, to print on it: `mining-energy report --region sichuan …`, as
 * typed, except that a path (the value of --out, --data or --hardware, or any absolute path) is shown by its
 * name alone: a page that is mailed must not carry the maker's folders.
 */
export function commandLine(argv: readonly string[]): string {
  const words = argv.slice(2).map((word, i, all) => {
    const previous = i > 0 ? all[i - 1] : undefined;
    if (previous !== undefined && PATH_OPTIONS.has(previous) && word !== '-') return pageName(word);
    const joined = /^(--[a-z-]+)=(.*)$/s.exec(word);
    if (joined && PATH_OPTIONS.has(joined[1] as string)) return `${joined[1]}=${pageName(joined[2] as string)}`;
    return isAbsolute(word) ? pageName(word) : word;
  });
  return ['mining-energy', ...words].map(shellWord).join(' ');
}

/**
 * Which data a page was made from, with a digest of the data as read, so that two pages can be matched; a data
 * directory by its name alone.
 */
export async function dataDescription(command: CommandUnknownOpts, data: Dataset): Promise<string> {
  const { data: dir, defaultData } = globalOptions(command);
  const digest = (await import('../format/pictures/pictures.js')).dataDigest(data);
  const version = packageInfo().version;
  const user = userDataSummary(command);
  const shipped = `${user === undefined ? '' : `${user} over `}the data shipped with mining-energy ${version}`;
  const what =
    dir === undefined
      ? shipped
      : defaultData
        ? `the data in ${pageName(resolve(dir))} over ${shipped}`
        : `the data in ${pageName(resolve(dir))} alone`;
  return `${what} (sha256 ${digest}…)`;
}

/**
 * The report model of the region asked for, after checking every option and the --out path (so that a failure
 * writes nothing and costs nothing).
 */
export async function reportModelFor(
  options: PictureOptions,
  command: CommandUnknownOpts,
): Promise<{ model: ReportModel; data: Dataset }> {
  checkPeriod(options);
  if (options.region === undefined) {
    throw new UsageError('Name a region with --region <id>. `mining-energy regions` lists them.');
  }
  const out = outFile(options);
  if (out !== undefined) checkOutputFile(out, options.force === true);
  const data = await loadDataFor(command);
  const region = resolveOneRegion(data, options.region);
  return { model: buildReport(data, region.id, estimateChoicesFrom(options)), data };
}

/** The one region --region names; a list of several is a usage error saying so. */
function resolveOneRegion(data: Dataset, query: string) {
  const index = indexData(data);
  try {
    return resolveRegion(index, query);
  } catch (error) {
    const parts = query.split(',').map((part) => part.trim());
    if (!(error instanceof UsageError) || parts.length < 2) throw error;
    throw new UsageError(
      `--region takes one region, and "${query}" is a list: run the command once for each region (${parts.map((p) => `--region ${p}`).join(', ')}).`,
    );
  }
}

/**
 * Writes a page or a chart to --out (atomically; a file that appeared since the check is replaced only with
 * --force) or, without --out, to stdout; a PNG is not written to a terminal.
 */
export function writePicture(options: PictureOptions, content: string | Uint8Array, what: string): void {
  const out = outFile(options);
  if (out === undefined) {
    if (typeof content === 'string') writeExact(stdout(), content);
    else if (stdout().isTTY === true) {
      throw new UsageError(`A PNG is not for a terminal: give --out <file>, or redirect stdout to a file.`);
    } else writeBytes(stdout(), content);
    return;
  }
  writeAtomically(out, content, { replace: options.force === true });
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  writeText(stderr(), `Wrote ${what} to ${escapePath(out)} (${Math.ceil(bytes / 1024)} KB).\n`);
}
