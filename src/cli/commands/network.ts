import type { Command } from 'commander';
import { renderJson } from '../../format/json.js';
import { formatNumber } from '../../format/numbers.js';
import { renderWarning } from '../../format/warnings.js';
import { addModelOptions, type ModelOptions, runModel } from '../model-options.js';
import { addFormatOptions, chosenFormat, colorsFor, examples, loadDataFor } from '../options.js';

interface NetworkOptions extends ModelOptions {
  format?: string;
  json?: boolean;
}

export function registerNetwork(program: Command): void {
  const command = program
    .command('network')
    .description(
      "The whole network's power and energy from a model: CBECI's bottom-up bounds from a hardware list, or the economic (top-down) estimate.",
    );
  addModelOptions(command);
  addFormatOptions(command, ['table', 'json']);
  command
    .addHelpText(
      'after',
      `${examples([
        'mining-energy network --hashrate 600 --threshold 55',
        'mining-energy network --hashrate 180 --revenue 40e6 --price 0.08 --date 2022-01-01',
        'mining-energy network --method top-down --revenue-year 10e9 --electricity-share 0.6 --price 0.05',
        'mining-energy network --hashrate 600 --threshold 55 --hardware my-miners.json --weighting mean --json',
      ])}
Bottom-up (CBECI): a machine is eligible when released before the date, less than 1,825 days old, and
strictly below the threshold. Lower = most efficient × 1.01, upper = least efficient × 1.20, best = their
mean (age-weighted by default) × 1.10. Top-down (Digiconomist): TWh = share × revenue ÷ price.`,
    )
    .action(async (options: NetworkOptions, cmd: Command) => {
      const format = chosenFormat(options);
      const result = await runModel(options, async () => (await loadDataFor(cmd)).hardware);
      if (format === 'json') {
        process.stdout.write(renderJson(result));
        return;
      }
      const { table } = await import('../../format/table.js');
      const colors = await colorsFor(cmd, process.stdout);
      const rows = [
        ['Best guess', formatNumber(result.energy.twh), formatNumber(result.power.gw)],
        ...(result.energy.lowerTwh === null
          ? []
          : [
              ['Lower bound', formatNumber(result.energy.lowerTwh), formatNumber(result.power.lowerGw ?? 0)],
              ['Upper bound', formatNumber(result.energy.upperTwh ?? 0), formatNumber(result.power.upperGw ?? 0)],
            ]),
      ];
      const inputs = Object.entries(result.inputs)
        .filter(([, value]) => value !== null)
        .map(([key, value]) => `${key}=${value}`)
        .join(', ');
      let text = `${colors.bold(`Network, ${result.method}`)} (${inputs})\n${table(['', 'TWh/yr', 'GW'], rows, [1, 2])}`;
      if (result.thresholdJPerTh !== null) {
        text += `Threshold: ${formatNumber(result.thresholdJPerTh)} J/TH; ${result.eligible.length} eligible machine${result.eligible.length === 1 ? '' : 's'}\n`;
        text += table(
          ['Model', 'Released', 'J/TH', 'Weight'],
          result.eligible.map((m) => [m.model, m.released, formatNumber(m.jPerTh), String(m.weight)]),
          [2, 3],
        );
      }
      process.stdout.write(text);
      const errColors = await colorsFor(cmd, process.stderr);
      process.stderr.write(result.warnings.map((w) => renderWarning(w, errColors)).join(''));
    });
}
