/** Types of scripts/browser.mjs, a plain JavaScript module shared by the browser tests and scripts/screenshot.mjs. */
import type { Browser } from 'playwright-core';

export const DEFAULT_CHROMIUM: string;
export const INSTALL_HINT: string;
export function chromiumPath(env?: Record<string, string | undefined>): string;
export function chromiumArgs(isRoot?: boolean): string[];
export function launchBrowser(env?: Record<string, string | undefined>): Promise<Browser>;
