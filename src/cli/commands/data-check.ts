import type { Command } from 'commander';
import { DATA_FILE_NAMES, DATASET_KEYS } from '../../data/dataset.js';
import { loadData } from '../../data/load.js';
import { examples, globalOptions } from '../options.js';

export function registerDataCheck(program: Command): void {
  const data = program.command('data').description('Work with data directories.');
  data
    .command('check')
    .description('Validate a data directory merged over the shipped data, as --data would use it; list every problem.')
    .argument('<dir>', 'the data directory')
    .addHelpText(
      'after',
      examples(['mining-energy data check ./my-data', 'mining-energy --no-default-data data check ./full-data']),
    )
    .action(async (dir: string, _options: unknown, cmd: Command) => {
      const { defaultData } = globalOptions(cmd);
      const merged = await loadData({ dataDir: dir, defaultData });
      const counts = DATASET_KEYS.map((key) => `${merged[key].length} in ${DATA_FILE_NAMES[key]}`).join(', ');
      process.stdout.write(`ok: ${dir} is valid${defaultData ? ' merged over the shipped data' : ''} (${counts}).\n`);
    });
}
