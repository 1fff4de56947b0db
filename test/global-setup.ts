import { rmSync } from 'node:fs';

/** Removes the suite's own XDG_DATA_HOME (made in vitest.config.ts) when the run ends. */
export function teardown(): void {
  const home = process.env.XDG_DATA_HOME;
  if (home !== undefined && home.includes('mining-energy-test-home-')) rmSync(home, { recursive: true, force: true });
}
