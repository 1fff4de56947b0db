import type { Command } from 'commander';
import { checkClaims } from '../../core/claims.js';
import { loadSeeds } from '../../data/seeds.js';
import { renderJson } from '../../format/json.js';
import { wrapText } from '../../format/width.js';
import { addFormatOptions, chosenFormat, colorsFor, examples, loadDataFor, widthOf } from '../options.js';

interface ClaimsOptions {
  seeds?: string;
  format?: string;
  json?: boolean;
}

export function registerClaims(program: Command): void {
  const command = program
    .command('claims')
    .description(
      "Check the source documents' quantitative claims (seeds/) against the data: the figure the data gives and a verdict (reproduced, contradicted, not checkable). Exits 0 whatever the verdicts.",
    )
    .option('--seeds <dir>', 'a seeds directory instead of the shipped one');
  addFormatOptions(command, ['table', 'json']);
  command
    .addHelpText('after', examples(['mining-energy claims', 'mining-energy claims --json']))
    .action(async (options: ClaimsOptions, cmd: Command) => {
      const data = await loadDataFor(cmd);
      const results = checkClaims(data, await loadSeeds(options.seeds));
      if (chosenFormat(options) === 'json') {
        process.stdout.write(renderJson(results));
        return;
      }
      const colors = await colorsFor(cmd, process.stdout);
      const paint = { reproduced: colors.green, contradicted: colors.red, 'not checkable': colors.yellow };
      const width = widthOf(process.stdout);
      // Continuation lines of a claim, figure or note start under its text, after "  claim: ".
      const field = (label: string, text: string) => `${wrapText(`  ${label.padEnd(7)}${text}`, width, 7)}\n`;
      const blocks = results.map(
        (r) =>
          `${wrapText(`${paint[r.verdict](r.verdict.toUpperCase())}  ${colors.bold(`${r.document}/${r.id}`)}`, width)}\n${field('claim:', r.claim)}${field('data:', r.figure)}${r.note ? field('note:', r.note) : ''}`,
      );
      const count = (v: string) => results.filter((r) => r.verdict === v).length;
      const summary = `${results.length} claims: ${count('reproduced')} reproduced, ${count('contradicted')} contradicted, ${count('not checkable')} not checkable.`;
      process.stdout.write(`${blocks.join('\n')}\n${wrapText(summary, width)}\n`);
    });
}
