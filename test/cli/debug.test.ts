import { describe, expect, it } from 'vitest';
import { runCli, WIDE, STACK_FRAME } from '../helpers.js';

describe('stack traces', () => {
  it('are not printed for DEBUG=1 in the environment, only for --debug', async () => {
    const args = ['estimate', '--region', 'nowhere'];
    const quiet = await runCli(args, { ...WIDE, DEBUG: '1' });
    expect(quiet.code).toBe(2);
    expect(quiet.stderr).toMatch(/^error: Unknown region "nowhere"/);
    expect(quiet.stderr).not.toMatch(STACK_FRAME);
    const debug = await runCli(['--debug', ...args], WIDE);
    expect(debug.code).toBe(2);
    expect(debug.stderr).toMatch(STACK_FRAME);
  });
});
