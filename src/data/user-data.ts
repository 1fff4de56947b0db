import { isAbsolute, join } from 'node:path';

/** The folder under the XDG data home that holds a user's data. */
const USER_DATA_NAME = 'mining-energy';

/**
 * The per-user data directory that `data update` writes and every command merges over the shipped data:
 * `$XDG_DATA_HOME/mining-energy`, else `~/.local/share/mining-energy` (`~` from HOME, else USERPROFILE). The XDG
 * Base Directory specification says a relative `XDG_DATA_HOME` is invalid and to be ignored.
 * @param env the environment to read (`process.env` in the CLI)
 */
export function userDataDir(env: Readonly<Record<string, string | undefined>>): string {
  const xdg = env.XDG_DATA_HOME;
  if (xdg !== undefined && xdg !== '' && isAbsolute(xdg)) return join(xdg, USER_DATA_NAME);
  // HOME (USERPROFILE on Windows) rather than os.homedir(): node:os is a module more to load on every start.
  const home = [env.HOME, env.USERPROFILE].find((value) => value !== undefined && value !== '') ?? '/';
  return join(home, '.local', 'share', USER_DATA_NAME);
}

/** Whether the environment turns the user directory off (`MINING_ENERGY_NO_USER_DATA=1`, or any value but 0). */
export function userDataDisabled(env: Readonly<Record<string, string | undefined>>): boolean {
  const value = env.MINING_ENERGY_NO_USER_DATA;
  return value !== undefined && value !== '' && value !== '0';
}

/**
 * The file in a user directory that holds its data files as last validated (merged over the shipped data), with
 * what each file and the shipped data were then: a run that finds them unchanged uses it instead of validating
 * again. Not a data file: `--data` and `data check` ignore it.
 */
export const USER_SNAPSHOT_FILE = '.validated.json';

/** The lock a writer of a data directory holds (see src/update/lock.ts); not a data file. */
export const LOCK_NAME = '.lock';
