import { type Command, Option } from '@commander-js/extra-typings';
import { type DataIndex, indexData, sourceOf } from '../../core/regions/lookup.js';
import { resolveOneRegion } from '../../core/regions/names.js';
import { shareSeries } from '../../core/shares/share-series.js';
import { assertShareDataset, shareDatasetsCovering } from '../../core/shares/shares.js';
import { UsageError } from '../../errors.js';
import { shareRecords } from '../../format/documents/records.js';
import {
  addFormatOptions,
  colorsFor,
  examples,
  loadDataFor,
  parseMonth,
  regionNames,
  writeOutput,
  widthOf,
} from '../options.js';
import { stdout } from '../streams.js';

export function registerShares(program: Command): void {
  const command = addFormatOptions(
    program
      .command('shares')
      .description(
        "A region's monthly hashrate share of its parent and, where the data allows, of the world, with sources.",
      )
      .addOption(new Option('-r, --region <id>', 'region id, name, alias or ISO code').makeOptionMandatory())
      .addOption(new Option('--from <yyyy-mm>', 'first month').argParser(parseMonth))
      .addOption(new Option('--to <yyyy-mm>', 'last month').argParser(parseMonth))
      .option('--dataset <id>', 'a named share dataset (e.g. cdmir-survey-2024) instead of the default records'),
  );
  command
    .addHelpText(
      'after',
      examples([
        'mining-energy shares --region china',
        'mining-energy shares --region united-states --from 2021-01 --to 2021-12',
        'mining-energy shares --region sichuan --json',
        'mining-energy shares --region united-states --dataset cdmir-survey-2024',
      ]),
    )
    .action(async (options, cmd) => {
      if (options.from !== undefined && options.to !== undefined && options.from > options.to) {
        throw new UsageError(`--from ${options.from} is after --to ${options.to}.`);
      }
      const data = await loadDataFor(cmd);
      const index = indexData(data);
      const region = resolveOneRegion(
        index,
        options.region,
        'shares lists the months of one region (run it once for each region)',
      );
      if (region.parent === null)
        throw new UsageError(`${region.name} is the whole network: it has no share of a parent.`);
      if (options.dataset !== undefined) assertShareDataset(index, options.dataset);
      const series = shareSeries(data, region.id, options.from, options.to, options.dataset);
      const result = { ...series, sources: series.sources.map((id) => sourceOf(index, id)) };
      if (series.months.length === 0) {
        const all = shareSeries(data, region.id, undefined, undefined, options.dataset).months;
        throw new UsageError(
          all.length === 0
            ? `No hashrate share is recorded for ${region.name}${options.dataset ? ` in the ${options.dataset} dataset` : ''}.${datasetHint(index, region.id, options.dataset)}`
            : `No share of ${region.name} between ${options.from ?? 'the start'} and ${options.to ?? 'the end'}; recorded months: ${all[0]?.month} to ${all.at(-1)?.month}.`,
        );
      }
      await writeOutput(options, {
        document: result,
        records: shareRecords(series),
        table: async () => {
          const { renderShares } = await import('../../format/text/shares.js');
          const parentName = regionNames(data).get(series.of ?? '') ?? series.of ?? '';
          // Of a country's parent, the world, the two percentages are the same: show one.
          const ofWorld = index.regions.get(series.of ?? '')?.parent !== null;
          return renderShares(
            { series, regionName: region.name, parentName, ofWorld, sources: result.sources },
            await colorsFor(cmd, stdout()),
            widthOf(stdout()),
          );
        },
      });
    });
}

/** The share datasets that do record a region, as the option that lists them; nothing when there are none. */
function datasetHint(index: DataIndex, regionId: string, asked: string | undefined): string {
  const datasets = shareDatasetsCovering(index, regionId).filter((id) => id !== asked);
  return datasets.length === 0
    ? ''
    : ` ${datasets.map((id) => `--dataset ${id}`).join(' or ')} lists ${datasets.length === 1 ? 'the share dataset that records it' : 'the share datasets that record it'}.`;
}
