import type { CommandUnknownOpts } from '@commander-js/extra-typings';
import { describe, expect, it } from 'vitest';
import { buildProgram } from '../../src/cli/main.js';
import { flagOf, messageForFlags, PARAMETER_FLAGS } from '../../src/cli/parameter-flags.js';
import { named, PARAMETERS } from '../../src/core/common/parameters.js';
import { UsageError } from '../../src/errors.js';

/** Every long flag some command declares, the global ones included. */
function declaredFlags(command: CommandUnknownOpts): Set<string> {
  const flags = new Set<string>();
  const visit = (cmd: CommandUnknownOpts) => {
    for (const option of cmd.options) if (option.long) flags.add(option.long);
    for (const sub of cmd.commands) visit(sub);
  };
  visit(command);
  return flags;
}

describe('the flag of each parameter the core names', () => {
  const flags = declaredFlags(buildProgram());

  it.each(PARAMETERS.map((parameter) => [parameter]))('%s has a flag that a command declares', (parameter) => {
    const flag = PARAMETER_FLAGS[parameter];
    expect(flag).toMatch(/^--[a-z][a-z-]*$/);
    expect(flags.has(flag)).toBe(true);
  });

  it('has no row for a name the core does not report', () => {
    expect(Object.keys(PARAMETER_FLAGS).sort()).toEqual([...PARAMETERS].sort());
  });

  it('reads an element of a list as its list: moves[2].pct is --move', () => {
    expect(flagOf('moves[2].pct')).toBe('--move');
    expect(flagOf('moves[10]')).toBe('--move');
    expect(() => flagOf('nonsense')).toThrow(/No flag for the parameter nonsense/);
  });
});

describe('a message built of parts', () => {
  const error = new UsageError([
    named('moves[].pct', { index: 1, flagValue: 'sichuan:texas' }),
    ': expected at most 100, and ',
    named('from', { value: '2024-01-02' }),
    ' before ',
    named('thresholdJPerTh', { flagValue: '<J/TH>' }),
    '.',
  ]);

  it('names the parameters by the library’s names in the message a library caller reads', () => {
    expect(error.message).toBe('moves[1].pct: expected at most 100, and from 2024-01-02 before thresholdJPerTh.');
  });

  it('names them by their flags, with the values the command line writes, where the command line reports it', () => {
    expect(messageForFlags(error)).toBe(
      '--move sichuan:texas: expected at most 100, and --from 2024-01-02 before --threshold <J/TH>.',
    );
  });

  it('escapes control characters in both, as any message', () => {
    const quoted = new UsageError([named('redistribute.region', { value: 'a\u001bb' }), ' is unknown.']);
    expect(quoted.message).toBe('redistribute.region a\\u{1b}b is unknown.');
    expect(messageForFlags(quoted)).toBe('--redistribute a\\u{1b}b is unknown.');
  });

  it('keeps a message of plain text, and any other error’s, as it is', () => {
    expect(messageForFlags(new UsageError('--kind goes with --all.'))).toBe('--kind goes with --all.');
    expect(messageForFlags(new Error('plain'))).toBe('plain');
  });
});
