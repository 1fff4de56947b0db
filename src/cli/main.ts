import { terminalText } from '../text.js';
import { Command, CommanderError } from '@commander-js/extra-typings';
import { packageInfo } from '../data/package.js';
import { DataError, EXIT_FAILURE, EXIT_OK, EXIT_USAGE, UsageError } from '../errors.js';
import { createColors } from '../format/terminal/color.js';
import { isOutputTooLarge, OUTPUT_TOO_LARGE } from '../format/documents/output.js';
import { wrapHelp } from '../format/terminal/width.js';
import { renderError } from '../format/text/warnings.js';
import { addGlobalOptions, widthOf } from './options.js';
import { registerClaims } from './commands/claims.js';
import { registerCompare } from './commands/compare.js';
import { registerData } from './commands/data.js';
import { registerEstimate } from './commands/estimate.js';
import { registerNetwork } from './commands/network.js';
import { registerScenario } from './commands/scenario.js';
import { registerDatasets, registerRegions, registerSources } from './commands/lists.js';
import { registerShares } from './commands/shares.js';
import { registerReport } from './commands/report.js';
import { registerChart } from './commands/chart.js';
import { colourOn, setColourFlag, stderr, stdout, writeExact, writeText } from './streams.js';
import { messageForFlags } from './parameter-flags.js';

const EXIT_CODES_HELP = `
Exit codes:
  0  success
  1  a data or runtime failure (a missing, unreadable or invalid data file)
  2  a usage error (unknown option, region or series; a bad value; no data for the year asked)

When the output cannot be written (ENOSPC, EIO…), the run stops with exit code 1 and
one line on stderr: "error: cannot write the output: …". When the reader of stdout
or stderr closes early (EPIPE, as with \`| head -1\`), writing stops quietly and the
exit code is the run's own (0 for a successful run).

Colour is used only on a terminal; NO_COLOR, TERM=dumb or --no-color turn it off.
Tables and text fit COLUMNS when it is set, else the terminal's width, else 80
columns; JSON, NDJSON and CSV are never wrapped.`;

/** Said after each usage error commander finds (an unknown option, a value its parser refuses). */
const USAGE_HINT = '(add --help for usage and examples)';

/** The CLI program; `argv` decides which commands are registered (see {@link requestedCommand}). */
export function buildProgram(argv: readonly string[] = []): Command {
  const program = addGlobalOptions(
    new Command()
      .name('mining-energy')
      .description(
        'How much electricity bitcoin mining uses in a region (a country, a Chinese province, a US state), what it is comparable to, and where every figure comes from.',
      )
      .version(packageInfo().version, '-V, --version', 'print the version'),
  );
  program
    .exitOverride()
    .configureOutput({
      // commander's help and messages have no colour of their own, and its messages quote what was typed. Help
      // is laid out for the same width as every other human output (COLUMNS, the terminal's, or 80).
      writeOut: (text) => writeExact(stdout(), terminalText(wrapHelp(text, widthOf(stdout())), { colour: false })),
      writeErr: (text) => writeExact(stderr(), terminalText(text, { colour: false })),
      // Said by run(), from the error commander throws next, with every other error: wrapped and coloured alike.
      outputError: () => undefined,
      getOutHelpWidth: () => widthOf(stdout()),
      getErrHelpWidth: () => widthOf(stderr()),
      // Asked of Node's own streams otherwise, which would be made (and their modules loaded) only to say no.
      getOutHasColors: () => false,
      getErrHasColors: () => false,
    })
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
  const requested = requestedCommand(argv);
  for (const [name, register] of COMMANDS) {
    if (requested === undefined || requested === name) register(program);
  }
  return program;
}

/** Every command, in the order help lists them. */
const COMMANDS: readonly [string, (program: Command) => void][] = [
  ['estimate', registerEstimate],
  ['compare', registerCompare],
  ['network', registerNetwork],
  ['scenario', registerScenario],
  ['shares', registerShares],
  ['regions', registerRegions],
  ['sources', registerSources],
  ['datasets', registerDatasets],
  ['report', registerReport],
  ['chart', registerChart],
  ['claims', registerClaims],
  ['data', registerData],
];

/** The commands' names, in the order help lists them. */
export const COMMAND_NAMES: readonly string[] = COMMANDS.map(([name]) => name);

/**
 * The command a run names, when it is one of ours; undefined otherwise (help, an unknown command, none), in
 * which case every command is registered, for help and for commander's suggestions. Registering only the
 * command being run keeps the other commands' option set-up off the start-up path.
 */
export function requestedCommand(argv: readonly string[]): string | undefined {
  for (let i = 2; i < argv.length; i++) {
    const arg = argv[i] as string;
    if (arg === '--data') i++;
    else if (!arg.startsWith('-')) return COMMANDS.some(([name]) => name === arg) ? arg : undefined;
  }
  return undefined;
}

/** Stack traces are for --debug only: a DEBUG variable set for other tools must not change what a user sees. */
function wantsDebug(argv: readonly string[]): boolean {
  return argv.includes('--debug');
}

/** Runs the CLI; the only place that turns errors into messages and exit codes. */
export async function run(argv: readonly string[]): Promise<number> {
  const debug = wantsDebug(argv);
  setColourFlag(!argv.includes('--no-color'));
  const fail = async (message: string, error: Error) => {
    const colors = await createColors(colourOn(stderr()));
    // Wrapped at the width warnings use: COLUMNS, else the terminal's, else 80 (a pipe or a file).
    writeText(stderr(), renderError(message, colors, widthOf(stderr())));
    if (debug) writeText(stderr(), `${error.stack ?? ''}\n`);
  };
  try {
    await buildProgram(argv).parseAsync([...argv]);
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
      if (error.exitCode === 0) return EXIT_OK;
      await fail(error.message.replace(/^error: /, ''), error);
      writeText(stderr(), `${USAGE_HINT}\n`);
      return EXIT_USAGE;
    }
    // Matched by name as well: a lazily loaded module bundles its own copy of these classes.
    if (error instanceof UsageError || (error instanceof Error && error.name === 'UsageError')) {
      await fail(messageForFlags(error), error);
      return EXIT_USAGE;
    }
    if (error instanceof DataError || (error instanceof Error && error.name === 'DataError')) {
      await fail(error.message, error);
      return EXIT_FAILURE;
    }
    if (isOutputTooLarge(error)) {
      await fail(OUTPUT_TOO_LARGE, error as Error);
      return EXIT_FAILURE;
    }
    const err = error instanceof Error ? error : new Error(String(error));
    await fail(`unexpected ${err.name}: ${err.message}`, err);
    if (!debug)
      writeText(stderr(), 'Run again with --debug for the stack trace, and report it with the command you ran.\n');
    return EXIT_FAILURE;
  }
}
