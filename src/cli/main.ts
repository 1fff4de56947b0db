import { Command, CommanderError } from 'commander';
import { packageInfo } from '../data/package.js';
import { DataError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from '../errors.js';
import { colorEnabled, createColors } from '../format/color.js';
import { registerClaims } from './commands/claims.js';
import { registerCompare } from './commands/compare.js';
import { registerDataCheck } from './commands/data-check.js';
import { registerEstimate } from './commands/estimate.js';
import { registerNetwork } from './commands/network.js';
import { registerScenario } from './commands/scenario.js';
import { registerDatasets, registerRegions, registerSources } from './commands/lists.js';
import { registerShares } from './commands/shares.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  a data or runtime failure (a missing, unreadable or invalid data file)
  2  a usage error (unknown option, region or series; a bad value; no data for the year asked)

Colour is used only on a terminal; NO_COLOR, TERM=dumb or --no-color turn it off.`;

export function buildProgram(): Command {
  const program = new Command();
  program
    .name('mining-energy')
    .description(
      'How much electricity bitcoin mining uses in a region (a country, a Chinese province, a US state), what it is comparable to, and where every figure comes from.',
    )
    .version(packageInfo().version, '-V, --version', 'print the version')
    .option('--data <dir>', 'a data directory merged over the shipped data (any of its files may be left out)')
    .option('--no-default-data', 'use only the data in --data')
    .option('--no-color', 'never colour the output')
    .option('--debug', 'print stack traces for unexpected errors')
    .exitOverride()
    .configureOutput({
      outputError: (message, write) => write(message.endsWith('\n') ? message : `${message}\n`),
    })
    .showHelpAfterError('(add --help for usage and examples)')
    .addHelpText(
      'after',
      `
Examples:
  $ mining-energy estimate --region sichuan
  $ mining-energy estimate --region sichuan --year 2024 --json
  $ mining-energy compare 296.59 --baseline cia-2016
  $ mining-energy network --hashrate 180 --revenue 40e6 --price 0.08 --date 2022-01-01
  $ mining-energy scenario --ban china --year 2021
  $ mining-energy shares --region china
  $ mining-energy claims
${EXIT_CODES_HELP}`,
    );
  registerEstimate(program);
  registerCompare(program);
  registerNetwork(program);
  registerScenario(program);
  registerShares(program);
  registerRegions(program);
  registerSources(program);
  registerDatasets(program);
  registerClaims(program);
  registerDataCheck(program);
  return program;
}

function wantsDebug(argv: readonly string[]): boolean {
  return argv.includes('--debug') || process.env.DEBUG === '1';
}

/** Runs the CLI; the only place that turns errors into messages and exit codes. */
export async function run(argv: readonly string[]): Promise<number> {
  const debug = wantsDebug(argv);
  const fail = async (message: string, error: Error) => {
    const colors = await createColors(
      colorEnabled({ isTTY: process.stderr.isTTY === true, env: process.env, colorFlag: !argv.includes('--no-color') }),
    );
    process.stderr.write(`${colors.red('error:')} ${message}\n`);
    if (debug) process.stderr.write(`${error.stack ?? ''}\n`);
  };
  try {
    await buildProgram().parseAsync([...argv]);
    return EXIT_OK;
  } catch (error) {
    if (error instanceof CommanderError) {
      if (
        error.code === 'commander.helpDisplayed' ||
        error.code === 'commander.version' ||
        error.code === 'commander.help'
      ) {
        return EXIT_OK;
      }
      return error.exitCode === 0 ? EXIT_OK : EXIT_USAGE;
    }
    // Matched by name as well: a lazily loaded module bundles its own copy of these classes.
    if (error instanceof UsageError || (error instanceof Error && error.name === 'UsageError')) {
      await fail(error.message, error);
      return EXIT_USAGE;
    }
    if (error instanceof DataError || (error instanceof Error && error.name === 'DataError')) {
      await fail(error.message, error);
      return EXIT_FAILURE;
    }
    const err = error instanceof Error ? error : new Error(String(error));
    await fail(`unexpected ${err.name}: ${err.message}`, err);
    if (!debug)
      process.stderr.write('Run again with --debug for the stack trace, and report it with the command you ran.\n');
    return EXIT_FAILURE;
  }
}
