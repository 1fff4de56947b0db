// Starts the Chromium that draws the report for the browser tests (test/browser/) and for `npm run screenshot`.
import { accessSync, constants } from 'node:fs';
import { chromium } from 'playwright-core';

/** Where Chromium is looked for when CHROMIUM_PATH is not set: Debian's package `chromium`. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** How to get a browser, said in every failure to start one. */
export const INSTALL_HINT =
  'Install it with `apt-get install chromium` (Debian, Ubuntu), or set CHROMIUM_PATH to a Chromium or Chrome executable.';

/** The browser executable: CHROMIUM_PATH when set and not empty, else Debian's. */
export function chromiumPath(env = process.env) {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  return fromEnv ? fromEnv : DEFAULT_CHROMIUM;
}

/**
 * Chromium's command-line switches: its sandbox refuses to start as root (containers, CI), and /dev/shm is often tiny
 * in containers, so shared memory goes to /tmp there.
 */
export function chromiumArgs(isRoot = process.getuid?.() === 0) {
  return [
    ...(isRoot ? ['--no-sandbox'] : []),
    '--disable-dev-shm-usage',
    '--disable-gpu',
    '--font-render-hinting=none',
  ];
}

/** An error that says which executable failed, why, and how to install one. */
function startFailure(path, why) {
  return new Error(`Chromium could not start from ${path}: ${why}. ${INSTALL_HINT}`);
}

/** Launches headless Chromium, or rejects with a message saying why and how to install it. */
export async function launchBrowser(env = process.env) {
  const path = chromiumPath(env);
  try {
    accessSync(path, constants.X_OK);
  } catch (error) {
    const why = error?.code === 'ENOENT' ? 'no such file' : `it is not an executable file (${error?.code ?? error})`;
    throw startFailure(path, why);
  }
  try {
    return await chromium.launch({ executablePath: path, args: chromiumArgs(), timeout: 30_000 });
  } catch (error) {
    const first = String(error?.message ?? error).split('\n')[0];
    throw startFailure(path, first);
  }
}
