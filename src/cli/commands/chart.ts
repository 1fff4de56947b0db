import { Argument, type Command, type CommandUnknownOpts, Option } from '@commander-js/extra-typings';
import { CHART_KINDS } from '../../format/pictures/chart-kinds.js';
import { UsageError } from '../../errors.js';
import { examples, writeWarnings } from '../options.js';
import { isCarbonWarning, type Warning, warn } from '../../core/common/warnings.js';
import { nothingToChart } from '../../core/report.js';
import { statSync } from 'node:fs';
import { extname } from 'node:path';
import { escapePath } from '../../text.js';
import { addOutOptions, addPictureOptions, outFile, reportModelFor, writePicture } from '../pictures.js';

/** What `chart` writes: the drawing (SVG, or PNG at twice its size), or the Vega-Lite specification it is drawn from. */
const CHART_FORMATS = ['svg', 'png', 'vega-lite'] as const;

type ChartFormat = (typeof CHART_FORMATS)[number];

/** `chart`'s options, as {@link declareChart} declares them. */
type ChartOptions = ReturnType<ReturnType<typeof declareChart>['opts']>;

/** The format a file's extension names. */
const FORMAT_OF_EXTENSION: Record<string, ChartFormat> = { '.svg': 'svg', '.png': 'png', '.json': 'vega-lite' };

/**
 * The folder of fonts a PNG draws its text with in place of the system's: MINING_ENERGY_FONT_DIR, when set.
 * @throws UsageError when it names no folder (resvg would pass over it without a word).
 */
function fontDirsFrom(env: NodeJS.ProcessEnv): string[] {
  const dir = env.MINING_ENERGY_FONT_DIR?.trim();
  if (dir === undefined || dir === '') return [];
  if (statSync(dir, { throwIfNoEntry: false })?.isDirectory() !== true) {
    throw new UsageError(
      `MINING_ENERGY_FONT_DIR must name a folder of fonts (.ttf, .otf); ${escapePath(dir)} is not one. Unset it to draw with the system's fonts.`,
    );
  }
  return [dir];
}

/**
 * The format to write: --format when given, else the one --out's extension names, else SVG; a --format that
 * contradicts the extension is refused rather than writing, say, SVG into a .png, and so is an extension of no
 * format written here (.pdf, .jpg, .svgz), which would hold something else than its name says.
 */
function chartFormat(options: ChartOptions, command: CommandUnknownOpts): ChartFormat {
  const out = outFile(options);
  const extension = out === undefined ? '' : extname(out).toLowerCase();
  const named = Object.hasOwn(FORMAT_OF_EXTENSION, extension) ? FORMAT_OF_EXTENSION[extension] : undefined;
  if (extension !== '' && named === undefined) {
    throw new UsageError(
      `--out ${out ?? ''}: chart writes SVG (.svg), PNG (.png) or Vega-Lite (.json), not ${extension}; give one of those extensions, or none with --format.`,
    );
  }
  if (command.getOptionValueSource('format') !== 'cli') return named ?? options.format;
  if (named !== undefined && named !== options.format) {
    throw new UsageError(
      `--format ${options.format} does not match --out ${out ?? ''}, whose extension is for ${named}: change one of them.`,
    );
  }
  return options.format;
}

function declareChart(program: Command) {
  const command = addPictureOptions(
    program
      .command('chart')
      .description(
        "One of the report's charts alone, as SVG or PNG for articles and slides (or its Vega-Lite specification): energy (the region's electricity by year), shares (the region's share history), network (the network's energy by year), neighbours (the region among countries), carbon.",
      )
      .addArgument(new Argument('<kind>', 'which chart').choices(CHART_KINDS)),
  ).addOption(new Option('--format <format>', 'what to write').choices(CHART_FORMATS).default('svg'));
  return addOutOptions(
    command,
    'write the chart to this file (- or none: stdout); its extension (.svg, .png, .json) sets the format',
  );
}

export function registerChart(program: Command): void {
  declareChart(program)
    .addHelpText(
      'after',
      `${examples([
        'mining-energy chart energy --region sichuan --out sichuan-energy.svg',
        'mining-energy chart shares --region sichuan --out sichuan-shares.svg',
        'mining-energy chart neighbours --region texas --year 2023 --out texas.svg',
        'mining-energy chart carbon --region china --format png --out china-carbon.png',
        'mining-energy chart network --region world --format vega-lite > network.vl.json',
      ])}
The carbon chart always shows the hydro/coal bracket (--carbon-bracket changes its ends). The estimate's
warnings go to stderr, as estimate prints them (--explain: all in full; -q: none).`,
    )
    .action(async (kind, options, cmd) => {
      const format = chartFormat(options, cmd);
      const { model } = await reportModelFor(options, cmd);
      const missing = nothingToChart(model, kind);
      if (missing !== undefined) throw new UsageError(missing);
      const { chartOf, pngFonts, renderPng, renderSvg } = await import('../../format/pictures/pictures.js');
      const chart = chartOf(model, kind);
      const content =
        format === 'vega-lite'
          ? `${JSON.stringify(chart.spec, null, 2)}\n`
          : format === 'png'
            ? await renderPng(await renderSvg(chart), pngFonts(fontDirsFrom(process.env)))
            : await renderSvg(chart);
      writePicture(options, content, `the ${kind} chart of ${model.estimate.region.name}`);
      // What the estimate behind the chart rests on, as estimate says it: a chart alone carries none of it. Only
      // the carbon chart shows carbon.
      const shown = (warnings: readonly Warning[]) => warnings.filter((w) => kind === 'carbon' || !isCarbonWarning(w));
      if (kind !== 'energy') {
        await writeWarnings(cmd, shown(model.estimate.warnings));
        return;
      }
      // The energy chart rests on an estimate a year, as estimate --years makes them: their warnings, each said
      // once, and the years left out of the line (said in the chart's description too).
      const records = model.byYear.records;
      const skipped = records.flatMap((r) =>
        r.record === 'skipped'
          ? [
              warn('region-skipped', `No estimate for ${r.year ?? ''}, left out of the chart: ${r.reason}`, [
                r.region.id,
              ]),
            ]
          : [],
      );
      await writeWarnings(cmd, [
        ...records.flatMap((r) => (r.record === 'estimate' ? [{ warnings: shown(r.warnings) }] : [])),
        { warnings: skipped },
      ]);
    });
}
