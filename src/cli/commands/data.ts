import { Argument, type Command, InvalidArgumentError, Option } from '@commander-js/extra-typings';
import { DATA_FILE_NAMES, DATASET_KEYS } from '../../data/dataset.js';
import { IMPORT_EVIDENCE, IMPORT_KINDS, type ImportKind } from '../../import/kinds.js';
import { loadData } from '../../data/load.js';
import { UsageError } from '../../errors.js';
import { renderImportSummary } from '../../format/import-summary.js';
import { renderJson } from '../../format/json.js';
import { wrapText } from '../../format/width.js';
import { examples, globalOptions, widthOf, writeWarnings } from '../options.js';
import { stdout, writeExact, writeText } from '../streams.js';

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
  return { ...previous, [label]: id };
}

export function registerData(program: Command): void {
  const data = program.command('data').description('Work with data directories: check one, or import a file into one.');
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
      const merged = await loadData({ dataDir: dir, defaultData });
      const counts = DATASET_KEYS.map((key) => `${merged[key].length} in ${DATA_FILE_NAMES[key]}`).join(', ');
      writeText(
        stdout(),
        `${wrapText(`ok: ${dir} is valid${defaultData ? ' merged over the shipped data' : ''} (${counts}).`, widthOf(stdout()))}\n`,
      );
    });
  data
    .command('import')
    .description(
      "Import a publisher's file into a data directory that --data merges over the shipped data: CBECI's daily electricity export (a network-energy series), CBECI's mining-map country export (hashrate shares), or Coin Metrics' daily hash rate and revenue (network-inputs.csv for network --input).",
    )
    .addArgument(new Argument('<kind>', 'what the file is').choices(IMPORT_KINDS))
    .argument('<file>', 'the file to import (CSV)')
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
          `--data has no use with data import: the import is checked merged over the shipped data, as --data ${options.out} will use it.`,
        );
      }
      if (options.out.trim() === '') throw new UsageError('--out needs a directory, not an empty name.');
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
      await writeWarnings(cmd, summary.warnings);
    });
}
