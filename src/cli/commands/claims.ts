import type { Command } from '@commander-js/extra-typings';
import { checkClaims } from '../../core/claims.js';
import { loadSeeds } from '../../data/seeds.js';
import {
  addFormatOptions,
  colorsFor,
  directoryOption,
  examples,
  loadDataFor,
  widthOf,
  writeOutput,
} from '../options.js';
import { stdout } from '../streams.js';

export function registerClaims(program: Command): void {
  const command = addFormatOptions(
    program
      .command('claims')
      .description(
        "Check the source documents' quantitative claims (seeds/) against the data: the figure the data gives and a verdict (reproduced, contradicted, not checkable). Exits 0 whatever the verdicts.",
      )
      .option('--seeds <dir>', 'a seeds directory instead of the shipped one'),
  );
  command
    .addHelpText('after', examples(['mining-energy claims', 'mining-energy claims --json']))
    .action(async (options, cmd) => {
      const data = await loadDataFor(cmd);
      const results = checkClaims(data, await loadSeeds(directoryOption('--seeds', options.seeds)));
      await writeOutput(options, {
        document: results,
        records: results,
        table: async () => {
          const { renderClaims } = await import('../../format/text/claims.js');
          return renderClaims(results, await colorsFor(cmd, stdout()), widthOf(stdout()));
        },
      });
    });
}
