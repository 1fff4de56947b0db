// Starts the Chromium that draws the report for the browser tests (test/browser/) and for `npm run screenshot`.
import { execFile } from 'node:child_process';
import {
  accessSync,
  constants,
  existsSync,
  mkdtempSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createRequire } from 'node:module';
import { arch, platform, tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import { chromium } from 'playwright-core';

/** Where Chromium is looked for when CHROMIUM_PATH is not set: Debian's package `chromium`. */
export const DEFAULT_CHROMIUM = '/usr/bin/chromium';

/** The devDependency that carries a Chromium inside its npm package, used when neither of the above is there. */
export const NPM_CHROMIUM = '@sparticuz/chromium';

/** How to get a browser, said in every failure to start one. */
export const INSTALL_HINT = `Run \`npm ci\` to install the Chromium of the npm package ${NPM_CHROMIUM} (Linux x64), install Debian's with \`apt-get install chromium\`, or set CHROMIUM_PATH to a Chromium or Chrome executable.`;

/**
 * Switches of the npm package's list left out. Two loosen the page's security, and the tests must see the report as a
 * reader's browser does; one puts every page in the browser's process, which then dies with the first page closed.
 */
const SWITCHES_LEFT_OUT = new Set(['--disable-web-security', '--allow-running-insecure-content', '--single-process']);

function isExecutable(path) {
  try {
    accessSync(path, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * The Chromium to start, in this order: CHROMIUM_PATH when set and not empty; Debian's when it is installed; else the
 * one in the npm package (`{ from: 'npm' }`).
 */
export function chooseChromium(env = process.env, installed = isExecutable) {
  const fromEnv = env.CHROMIUM_PATH?.trim();
  if (fromEnv) return { from: 'CHROMIUM_PATH', path: fromEnv };
  if (installed(DEFAULT_CHROMIUM)) return { from: 'system', path: DEFAULT_CHROMIUM };
  return { from: 'npm' };
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

/** The first line of an error's message: playwright's go on with a call log. */
function firstLine(error) {
  return String(error?.message ?? error).split('\n')[0];
}

/**
 * Unpacks the npm package's brotli-compressed Chromium, its graphics libraries and its fonts once per package version
 * and user into a directory of the system's temporary one (about 210 MB), and returns that directory. The package unpacks into
 * whatever TMPDIR says, so it runs in a child process with TMPDIR set to a fresh directory, which is then renamed into
 * place: a run that finds the directory finds it whole, and runs started together do not write over each other.
 */
async function unpackNpmChromium(packageRoot, version) {
  const target = join(tmpdir(), `mining-energy-chromium-${version}-${process.getuid?.() ?? 'user'}`);
  if (existsSync(join(target, 'chromium'))) return target;
  const staging = mkdtempSync(join(tmpdir(), 'mining-energy-chromium-unpack-'));
  try {
    const entry = pathToFileURL(join(packageRoot, 'build', 'esm', 'index.js')).href;
    const unpack = `const { default: chromium } = await import(${JSON.stringify(entry)}); await chromium.executablePath(${JSON.stringify(join(packageRoot, 'bin'))});`;
    await promisify(execFile)(process.execPath, ['--input-type=module', '--eval', unpack], {
      env: { ...process.env, TMPDIR: staging },
    });
    // The package's own fonts.conf names /tmp/fonts; this one names the fonts where they end up, and only them, so
    // that text is drawn in the same font whatever fonts the machine has, and drawn at all where it has none.
    writeFileSync(
      join(staging, 'fonts.conf'),
      `<?xml version="1.0"?>\n<!DOCTYPE fontconfig SYSTEM "fonts.dtd">\n<fontconfig>\n  <dir>${join(target, 'fonts')}</dir>\n  <cachedir>${join(target, 'fonts-cache')}</cachedir>\n</fontconfig>\n`,
    );
    renameSync(staging, target);
  } catch (error) {
    rmSync(staging, { recursive: true, force: true });
    // Another run put it in place first.
    if (existsSync(join(target, 'chromium'))) return target;
    throw error;
  }
  return target;
}

/** Starts the Chromium of the npm package, unpacking it first if need be. */
async function launchNpmChromium() {
  let packageRoot;
  try {
    packageRoot = dirname(dirname(dirname(createRequire(import.meta.url).resolve(NPM_CHROMIUM))));
  } catch {
    throw new Error(
      `Chromium could not start: there is none at CHROMIUM_PATH or ${DEFAULT_CHROMIUM}, and the npm package ${NPM_CHROMIUM} is not installed. ${INSTALL_HINT}`,
    );
  }
  const label = `the npm package ${NPM_CHROMIUM} (${packageRoot})`;
  if (platform() !== 'linux' || arch() !== 'x64') {
    throw startFailure(label, `its Chromium runs on Linux x64 only, and this is ${platform()} ${arch()}`);
  }
  const { version } = JSON.parse(readFileSync(join(packageRoot, 'package.json'), 'utf8'));
  let directory;
  try {
    directory = await unpackNpmChromium(packageRoot, version);
  } catch (error) {
    throw startFailure(label, `unpacking it failed: ${firstLine(error)}`);
  }
  const { default: npmChromium } = await import(NPM_CHROMIUM);
  const executablePath = join(directory, 'chromium');
  try {
    return await chromium.launch({
      executablePath,
      args: [...npmChromium.args.filter((name) => !SWITCHES_LEFT_OUT.has(name)), ...chromiumArgs()],
      env: { ...process.env, FONTCONFIG_FILE: join(directory, 'fonts.conf') },
      timeout: 30_000,
    });
  } catch (error) {
    throw startFailure(executablePath, firstLine(error));
  }
}

/**
 * Launches headless Chromium (see chooseChromium for which), or rejects with a message saying why and how to install
 * one.
 */
export async function launchBrowser(env = process.env) {
  const choice = chooseChromium(env);
  if (choice.from === 'npm') return launchNpmChromium();
  const { path } = choice;
  try {
    accessSync(path, constants.X_OK);
  } catch (error) {
    const why = error?.code === 'ENOENT' ? 'no such file' : `it is not an executable file (${error?.code ?? error})`;
    throw startFailure(path, why);
  }
  try {
    return await chromium.launch({ executablePath: path, args: chromiumArgs(), timeout: 30_000 });
  } catch (error) {
    throw startFailure(path, firstLine(error));
  }
}
