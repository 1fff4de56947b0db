import { Argument, type Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { resolve } from 'node:path';
import { DATA_FILE_NAMES, DATASET_KEYS, NETWORK_INPUTS_FILE } from '../../data/dataset.js';
import { IMPORT_EVIDENCE, IMPORT_KINDS, type ImportKind } from '../../import/kinds.js';
import { loadData } from '../../data/load.js';
import { UsageError } from '../../errors.js';
import { escapePath } from '../../text.js';
import { renderImportSummary } from '../../format/text/import-summary.js';
import { renderJson } from '../../format/documents/json.js';
import { wrapText } from '../../format/terminal/width.js';
import { userDataDir, userDataDisabled } from '../../data/user-data.js';
import { DataError } from '../../errors.js';
import { OVERLAP_DAYS, SOURCE_BASES, UPDATE_SOURCES } from '../../update/sources.js';
import {
  directoryOption,
  examples,
  globalOptions,
  parseDate,
  userDataFor,
  widthOf,
  writeMessages,
} from '../options.js';
import { stderr, stdout, writeExact, writeText } from '../streams.js';
import { oneLine } from '../progress.js';

/** The options that go with one kind only. */
const KIND_OPTIONS: readonly ['id' | 'map' | 'skipIncomplete', string, ImportKind][] = [
  ['id', '--id', 'cbeci-energy'],
  ['map', '--map', 'cbeci-mining-map'],
  ['skipIncomplete', '--skip-incomplete', 'coinmetrics'],
];

function parseId(value: string): string {
  if (!/^[a-z0-9]+(?:-[a-z0-9]+)*$/.test(value)) {
    throw new InvalidArgumentError('expected a kebab-case id (lower-case letters and digits joined by hyphens).');
  }
  return value;
}

/** --map 'Label=region-id', repeatable; the label may hold commas and spaces, the id follows the last "=". */
function collectMap(value: string, previous: Record<string, string> = {}): Record<string, string> {
  const at = value.lastIndexOf('=');
  const label = value.slice(0, at).trim();
  const id = value.slice(at + 1).trim();
  if (at < 0 || label === '' || id === '') throw new InvalidArgumentError("expected 'Label=region-id'.");
  if (Object.hasOwn(previous, label) && previous[label] !== id) {
    throw new InvalidArgumentError(
      `"${label}" is mapped twice, to ${previous[label] ?? ''} and to ${id}: give one --map for each label.`,
    );
  }
  return { ...previous, [label]: id };
}

/** The directory data update and data status work on: --dir, else the user's data directory. */
function updateDir(options: { dir?: string }): string {
  return directoryOption('--dir', options.dir) ?? userDataDir(process.env);
}

/** Progress of an update on stderr, on a terminal only: one line, rewritten. */
function updateProgress(): ((message: string) => void) | undefined {
  const stream = stderr();
  if (stream.isTTY !== true) return undefined;
  // The message may hold a server's words (its status text): shown, never obeyed, on one line.
  return (message) => writeExact(stream, `\r\u001b[2K${oneLine(message.slice(0, 200))}`);
}

function registerUpdate(data: Command): void {
  const overrides = Object.values(SOURCE_BASES)
    .map(({ env, base }) => `  ${env} (default ${base})`)
    .join('\n');
  data
    .command('update')
    .description(
      `Download the latest data from the live sources into your data directory, which every command merges over the shipped data. Sources: coinmetrics (Coin Metrics' daily hash rate and revenue, network-inputs.csv), cbeci (CBECI's daily electricity, the cbeci series of network-energy.json), ember (Ember's yearly file: each country's latest electricity demand, baseline ember-latest, and grid carbon intensities, carbon-intensity.json) and owid (Our World in Data's demand and intensity: baseline owid-latest, and intensities where Ember gives none).`,
    )
    .addArgument(new Argument('[sources...]', 'the sources to update (default all)').choices(UPDATE_SOURCES))
    .option('--dir <dir>', 'the data directory to update (default: your data directory)')
    .addOption(
      new Option(
        '--from <yyyy-mm-dd>',
        'coinmetrics: ask for the days from this one (default a week before the last day held)',
      ).argParser(parseDate),
    )
    .option(
      '--accept-changes',
      "take the source's values for held days it now gives differently (listed), instead of failing",
    )
    .option('--json', 'print a machine-readable summary')
    .addHelpText(
      'after',
      `${examples([
        'mining-energy data update',
        'mining-energy data update coinmetrics --json',
        'mining-energy data update cbeci',
        'mining-energy data update ember owid',
        'mining-energy compare --baseline ember-latest',
        'mining-energy data update coinmetrics --dir ./my-data',
        'mining-energy network --input --from 2025-01-01',
        'mining-energy data status',
      ])}
Your data directory is $XDG_DATA_HOME/mining-energy, else ~/.local/share/mining-energy. Coin Metrics: the first update starts from the shipped days; each later one asks again for the last ${OVERLAP_DAYS} days held and fails, changing nothing, when the source now gives them differently (CBECI: when a whole year held changed). Ember and Our World in Data revise past years with each release: the values held that changed are taken and listed. Where both give an intensity for a region and year, Ember's wins. Each source's files are replaced whole or not at all, under a lock shared with data import; a failure keeps the data as they were.

Live sources, and the variables that point each at another server (scheme, host and port):
${overrides}
Proxies: HTTPS_PROXY, HTTP_PROXY and NO_PROXY are honoured.`,
    )
    .action(async (names, options, cmd) => {
      const dir = updateDir(options);
      const controller = new AbortController();
      let signalled: string | undefined;
      const onSignal = (signal: string) => {
        signalled = signal;
        controller.abort();
      };
      process.on('SIGINT', onSignal);
      process.on('SIGTERM', onSignal);
      const progress = updateProgress();
      const { updateData } = await import('../../update/update-data.js');
      let summary;
      try {
        summary = await updateData({
          dir,
          sources: [...new Set(names)],
          env: process.env,
          signal: controller.signal,
          ...(options.from === undefined ? {} : { from: options.from }),
          ...(options.acceptChanges === undefined ? {} : { acceptChanges: options.acceptChanges }),
          ...(progress === undefined ? {} : { onProgress: progress }),
        });
      } finally {
        process.off('SIGINT', onSignal);
        process.off('SIGTERM', onSignal);
        if (progress !== undefined) writeExact(stderr(), '\r\u001b[2K');
      }
      if (options.json) writeExact(stdout(), renderJson(summary));
      else {
        const { renderUpdateSummary } = await import('../../format/text/update.js');
        writeText(stdout(), renderUpdateSummary(summary, widthOf(stdout())));
      }
      await writeMessages(
        cmd,
        summary.outcomes.flatMap((outcome) => outcome.warnings),
      );
      const failed = summary.outcomes.filter((outcome) => outcome.status === 'failed');
      const updated = summary.outcomes.filter((outcome) => outcome.status === 'updated').map((o) => o.source);
      if (signalled !== undefined || failed.length > 0) {
        const why = signalled === undefined ? '' : `interrupted (${signalled}); `;
        throw new DataError(
          `${why}data update: ${failed.length === 0 ? 'stopped' : `${failed.map((o) => o.source).join(', ')} failed, ${failed.length === 1 ? 'its' : 'their'} data kept as ${failed.length === 1 ? 'it was' : 'they were'}`}; updated: ${updated.length === 0 ? 'none' : updated.join(', ')}.`,
          failed.map((o) => o.error ?? `${o.source}: failed`),
        );
      }
    });
}

function registerStatus(data: Command): void {
  data
    .command('status')
    .description(
      'List what your data directory holds: each source data update downloaded, from where, how long ago, and the days covered.',
    )
    .option('--dir <dir>', 'the data directory (default: your data directory)')
    .option('--json', 'print a machine-readable summary')
    .addHelpText('after', examples(['mining-energy data status', 'mining-energy data status --json']))
    .action(async (options, cmd) => {
      const dir = updateDir(options);
      const used = options.dir === undefined ? userDataFor(cmd) !== undefined : true;
      const { dataStatus } = await import('../../update/update-data.js');
      const status = dataStatus(dir, used && !(options.dir === undefined && userDataDisabled(process.env)));
      if (options.json) writeExact(stdout(), renderJson(status));
      else {
        const { renderDataStatus } = await import('../../format/text/update.js');
        writeText(stdout(), renderDataStatus(status, widthOf(stdout())));
      }
    });
}

export function registerData(program: Command): void {
  const data = program
    .command('data')
    .description(
      'Work with data directories: check one, import a file into one, or keep yours current from the live sources.',
    );
  data
    .command('check')
    .description('Validate a data directory merged over the shipped data, as --data would use it; list every problem.')
    .argument('<dir>', 'the data directory')
    .addHelpText(
      'after',
      examples(['mining-energy data check ./my-data', 'mining-energy --no-default-data data check ./full-data']),
    )
    .action(async (dir, _options, cmd) => {
      const { defaultData } = globalOptions(cmd);
      const merged = await loadData({ dataDir: directoryOption('data check <dir>', dir), defaultData });
      const counts = DATASET_KEYS.map((key) => `${merged[key].length} in ${DATA_FILE_NAMES[key]}`).join(', ');
      // The directory's own daily inputs are read whole, as network --input would read them (else only when used).
      const inputs = merged.dailyInputs;
      const days =
        inputs !== undefined && resolve(inputs.path) === resolve(dir, NETWORK_INPUTS_FILE)
          ? `, ${inputs.rows().length} days in ${NETWORK_INPUTS_FILE}`
          : '';
      writeText(
        stdout(),
        `${wrapText(`ok: ${escapePath(dir)} is valid${defaultData ? ' merged over the shipped data' : ''} (${counts}${days}).`, widthOf(stdout()))}\n`,
      );
    });
  data
    .command('import')
    .description(
      "Import a publisher's file into a data directory that --data merges over the shipped data: CBECI's daily electricity export (a network-energy series), CBECI's mining-map country export (hashrate shares), or Coin Metrics' daily hash rate and revenue (network-inputs.csv for network --input).",
    )
    .addArgument(new Argument('<kind>', 'what the file is').choices(IMPORT_KINDS))
    .argument('<file>', 'the file to import (CSV); - reads standard input')
    .requiredOption('--out <dir>', 'the data directory to write or update (created if missing)')
    .addOption(new Option('--source <id>', 'the source id the records cite (default <kind>-import)').argParser(parseId))
    .addOption(
      new Option('--evidence <grade>', 'copy, or primary when you downloaded the file from its publisher')
        .choices(IMPORT_EVIDENCE)
        .default('copy'),
    )
    .addOption(new Option('--id <id>', 'cbeci-energy: the series id (default cbeci)').argParser(parseId))
    .addOption(
      new Option('--map <Label=region-id>', 'cbeci-mining-map: the region a label is (repeatable)').argParser(
        collectMap,
      ),
    )
    .option(
      '--skip-incomplete',
      'coinmetrics: leave out rows without a positive hash rate or revenue (counted on stderr)',
    )
    .option('--json', 'print a machine-readable summary')
    .addHelpText(
      'after',
      `${examples([
        'mining-energy data import cbeci-energy export.csv --out my-data',
        "mining-energy data import cbeci-mining-map export.csv --out my-data --map 'Viet Nam=other'",
        'mining-energy data import coinmetrics btc.csv --out my-data --skip-incomplete',
        'mining-energy --data my-data estimate --region sichuan --year 2023',
        'mining-energy --data my-data network --input --from 2024-01-01',
      ])}
Records already in the directory with the same key are replaced and the rest kept. The result is validated
merged over the shipped data, as --data would use it, before anything is written; on any problem nothing is.`,
    )
    .action(async (kind, file, options, cmd) => {
      const { data: dataDir, defaultData } = globalOptions(cmd);
      if (dataDir !== undefined) {
        throw new UsageError(
          `--data has no use with data import: the import is checked merged over the shipped data, as --data ${escapePath(options.out)} will use it.`,
        );
      }
      directoryOption('--out', options.out);
      for (const [key, flag, only] of KIND_OPTIONS) {
        if (options[key] !== undefined && kind !== only) throw new UsageError(`${flag} goes with ${only} only.`);
      }
      const { importData } = await import('../../import/import-data.js');
      const summary = await importData(kind, file, {
        out: options.out,
        evidence: options.evidence,
        defaultData,
        ...(options.source === undefined ? {} : { source: options.source }),
        ...(options.id === undefined ? {} : { id: options.id }),
        ...(options.map === undefined ? {} : { map: options.map }),
        ...(options.skipIncomplete === undefined ? {} : { skipIncomplete: options.skipIncomplete }),
      });
      if (options.json) writeExact(stdout(), renderJson(summary));
      else writeText(stdout(), renderImportSummary(summary, widthOf(stdout())));
      await writeMessages(cmd, summary.warnings);
    });
  registerUpdate(data);
  registerStatus(data);
}
