import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { pathExists, readTextFile } from './read-file.js';

interface PackageInfo {
  root: string;
  version: string;
}

let cached: PackageInfo | undefined;

// Set by the build of the CLI bundle (dist/cli.cjs): the bundle's folder and the package's version at the build.
// Elsewhere (the library, the sources) they are not defined, and the package is found from this module.
declare const BUNDLE_DIR: string | undefined;
declare const BUNDLE_VERSION: string | undefined;

/**
 * The installed package's root folder and version. Found by walking up from this module, which
 * works from the bundle in dist/, from the sources under src/ and from a global install alike.
 */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
  if (typeof BUNDLE_DIR === 'string' && typeof BUNDLE_VERSION === 'string') {
    cached = { root: join(BUNDLE_DIR, '..', '/'), version: BUNDLE_VERSION };
    return cached;
  }
  for (let url = new URL('./', import.meta.url); ; url = new URL('../', url)) {
    const manifest = fileURLToPath(new URL('package.json', url));
    if (pathExists(manifest)) {
      const text = readTextFile(manifest, 'the package manifest');
      const { name, version } = JSON.parse(text) as { name?: string; version?: string };
      if (name === 'mining-energy') {
        cached = { root: fileURLToPath(url), version: version ?? '0.0.0' };
        return cached;
      }
    }
    if (url.pathname === '/') throw new Error('cannot find the mining-energy package.json above the running module');
  }
}
