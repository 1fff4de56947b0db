import type { Command } from 'commander';
import { type ClaimResult, checkClaims } from '../../core/claims.js';
import { loadSeeds } from '../../data/seeds.js';
import { wrapText } from '../../format/width.js';
import { addFormatOptions, colorsFor, examples, loadDataFor, widthOf, writeOutput } from '../options.js';

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
  addFormatOptions(command);
  command
    .addHelpText('after', examples(['mining-energy claims', 'mining-energy claims --json']))
    .action(async (options: ClaimsOptions, cmd: Command) => {
      const data = await loadDataFor(cmd);
      const results = checkClaims(data, await loadSeeds(options.seeds));
      await writeOutput(options, { document: results, records: results, table: () => renderClaims(results, cmd) });
    });
}

async function renderClaims(results: ClaimResult[], cmd: Command): Promise<string> {
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
  return `${blocks.join('\n')}\n${wrapText(summary, width)}\n`;
}
