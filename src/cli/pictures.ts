import type { Command } from 'commander';
import type { Dataset } from '../data/dataset.js';
import { packageInfo } from '../data/package.js';
import { checkOutputFile, writeAtomically } from '../data/write-file.js';
import { UsageError } from '../errors.js';
import { checkPeriod } from '../core/validation.js';
import { indexData, resolveRegion } from '../core/lookup.js';
import { buildReport, type ReportModel } from '../core/report.js';
import { type EstimateChoiceOptions, estimateChoicesFrom } from './estimate-options.js';
import { globalOptions, loadDataFor } from './options.js';
import { stderr, stdout, writeBytes, writeExact, writeText } from './streams.js';

/** The options `report` and `chart` share. */
export interface PictureOptions extends EstimateChoiceOptions {
  region?: string;
  out?: string;
  force?: boolean;
}

/** A word a POSIX shell reads back as itself: bare when it is plain, else single-quoted. */
export function shellWord(word: string): string {
  return /^[A-Za-z0-9_@%+=:,./-]+$/.test(word) ? word : `'${word.replaceAll("'", "'\\''")}'`;
}

/** The command line that made a page or a chart, to print on it: `mining-energy report --region sichuan …`. */
export function commandLine(argv: readonly string[]): string {
  return ['mining-energy', ...argv.slice(2)].map(shellWord).join(' ');
}

/** Which data a page was made from, with a digest of the data as read, so that two pages can be matched. */
export async function dataDescription(command: Command, data: Dataset): Promise<string> {
  const { data: dir, defaultData } = globalOptions(command);
  const digest = (await import('../format/pictures.js')).dataDigest(data);
  const version = packageInfo().version;
  const what =
    dir === undefined
      ? `the data shipped with mining-energy ${version}`
      : defaultData
        ? `the data in ${dir} over the data shipped with mining-energy ${version}`
        : `the data in ${dir} alone`;
  return `${what} (sha256 ${digest}…)`;
}

/**
 * The report model of the region asked for, after checking every option and the --out path (so that a failure
 * writes nothing and costs nothing).
 */
export async function reportModelFor(
  options: PictureOptions,
  command: Command,
): Promise<{ model: ReportModel; data: Dataset }> {
  checkPeriod(options);
  if (options.region === undefined) {
    throw new UsageError('Name a region with --region <id>. `mining-energy regions` lists them.');
  }
  if (options.out !== undefined) checkOutputFile(options.out, options.force === true);
  const data = await loadDataFor(command);
  const region = resolveRegion(indexData(data), options.region);
  return { model: buildReport(data, region.id, estimateChoicesFrom(options)), data };
}

/**
 * Writes a page or a chart to --out (atomically, checked again for --force) or, without --out, to stdout; a PNG
 * is not written to a terminal.
 */
export function writePicture(options: PictureOptions, content: string | Uint8Array, what: string): void {
  if (options.out === undefined) {
    if (typeof content === 'string') writeExact(stdout(), content);
    else if (stdout().isTTY === true) {
      throw new UsageError(`A PNG is not for a terminal: give --out <file>, or redirect stdout to a file.`);
    } else writeBytes(stdout(), content);
    return;
  }
  checkOutputFile(options.out, options.force === true);
  writeAtomically(options.out, content);
  const bytes = typeof content === 'string' ? Buffer.byteLength(content) : content.length;
  writeText(stderr(), `Wrote ${what} to ${options.out} (${Math.ceil(bytes / 1024)} KB).\n`);
}
