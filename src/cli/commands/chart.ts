import { Argument, type Command, Option } from 'commander';
import { type ChartKind, CHART_KINDS } from '../../format/chart-kinds.js';
import { addEstimateChoiceOptions } from '../estimate-options.js';
import { UsageError } from '../../errors.js';
import { examples } from '../options.js';
import { type PictureOptions, reportModelFor, writePicture } from '../pictures.js';

/** What `chart` writes: the drawing (SVG, or PNG at twice its size), or the Vega-Lite specification it is drawn from. */
const CHART_FORMATS = ['svg', 'png', 'vega-lite'] as const;

interface ChartOptions extends PictureOptions {
  format: (typeof CHART_FORMATS)[number];
}

export function registerChart(program: Command): void {
  const command = program
    .command('chart')
    .description(
      "One of the report's charts alone, as SVG or PNG for articles and slides (or its Vega-Lite specification): shares (the region's share history), network (the network's energy by year), neighbours (the region among countries), carbon.",
    )
    .addArgument(new Argument('<kind>', 'which chart').choices(CHART_KINDS))
    .option('-r, --region <id>', 'region id, name, alias or ISO code');
  addEstimateChoiceOptions(command);
  command
    .addOption(new Option('--format <format>', 'what to write').choices(CHART_FORMATS).default('svg'))
    .option('-o, --out <file>', 'write the chart to this file (default: stdout)')
    .option('--force', 'replace --out if it exists')
    .addHelpText(
      'after',
      examples([
        'mining-energy chart shares --region sichuan --out sichuan-shares.svg',
        'mining-energy chart neighbours --region texas --year 2023 --out texas.svg',
        'mining-energy chart carbon --region china --format png --out china-carbon.png',
        'mining-energy chart network --region world --format vega-lite > network.vl.json',
      ]),
    )
    .action(async (kind: ChartKind, options: ChartOptions, cmd: Command) => {
      const { model } = await reportModelFor(options, cmd);
      if (kind === 'shares' && model.shares.length === 0) {
        throw new UsageError(
          `${model.estimate.region.name} has no recorded share of a larger region: it has no share history to chart.`,
        );
      }
      const { chartOf, renderPng, renderSvg } = await import('../../format/pictures.js');
      const chart = chartOf(model, kind);
      const content =
        options.format === 'vega-lite'
          ? `${JSON.stringify(chart.spec, null, 2)}\n`
          : options.format === 'png'
            ? await renderPng(await renderSvg(chart))
            : await renderSvg(chart);
      writePicture(options, content, `the ${kind} chart of ${model.estimate.region.name}`);
    });
}
