/** Types of scripts/browser.mjs, a plain JavaScript module shared by the browser tests and scripts/screenshot.mjs. */
import type { Browser } from 'playwright-core';

export type ChromiumChoice = { from: 'CHROMIUM_PATH' | 'system'; path: string } | { from: 'npm' };

export const DEFAULT_CHROMIUM: string;
export const NPM_CHROMIUM: string;
export const INSTALL_HINT: string;
export function chooseChromium(
  env?: Record<string, string | undefined>,
  installed?: (path: string) => boolean,
): ChromiumChoice;
export function chromiumArgs(isRoot?: boolean): string[];
export function launchBrowser(env?: Record<string, string | undefined>): Promise<Browser>;
