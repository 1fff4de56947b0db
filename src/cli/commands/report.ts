import type { Command } from '@commander-js/extra-typings';
import { CHART_KINDS } from '../../format/pictures/chart-kinds.js';
import { nothingToChart } from '../../core/report.js';
import { examples, todayUtc, writeWarnings } from '../options.js';
import {
  addOutOptions,
  addPictureOptions,
  commandLine,
  dataDescription,
  reportModelFor,
  writePicture,
} from '../pictures.js';

export function registerReport(program: Command): void {
  addOutOptions(
    addPictureOptions(
      program
        .command('report')
        .description(
          "A self-contained HTML page on a region's estimate: the headline figures and warnings, its share history, the network's energy by year, its place among countries and its carbon, as charts with their figures, and every source.",
        ),
    ),
    'write the page to this file (- or none: stdout)',
  )
    .addHelpText(
      'after',
      `${examples([
        'mining-energy report --region sichuan --out sichuan.html',
        'mining-energy report --region texas --year 2023 --out texas.html',
        'mining-energy report --region china --month 2021-04 --baseline cia-2016 --out china.html --force',
      ])}
The page needs nothing from the network: open it in any browser, print it, or mail it. The carbon section always
shows the hydro/coal bracket (--carbon-bracket changes its ends).`,
    )
    .action(async (options, cmd) => {
      const { model, data } = await reportModelFor(options, cmd);
      const { chartOf, renderSvg, renderReportHtml } = await import('../../format/pictures/pictures.js');
      // A chart with nothing to draw (the world's share history) is left out of the page.
      const kinds = CHART_KINDS.filter((kind) => nothingToChart(model, kind) === undefined);
      const charts = await Promise.all(
        kinds.map(async (kind) => {
          const chart = chartOf(model, kind);
          return { chart, svg: await renderSvg(chart) };
        }),
      );
      const html = renderReportHtml(model, charts, {
        command: commandLine(process.argv),
        toolVersion: cmd.parent?.version() ?? '',
        data: await dataDescription(cmd, data),
        made: todayUtc(),
      });
      writePicture(options, html, `the report on ${model.estimate.region.name}`);
      // What the figures rest on beyond the shipped data, said where the user sees it.
      await writeWarnings(cmd, []);
    });
}
