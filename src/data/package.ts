import { fileURLToPath } from 'node:url';
import { pathExists, readTextFile } from './read-file.js';

interface PackageInfo {
  root: string;
  version: string;
}

let cached: PackageInfo | undefined;

/**
 * The installed package's root folder and version. Found by walking up from this module, which
 * works from the bundle in dist/, from the sources under src/ and from a global install alike.
 */
export function packageInfo(): PackageInfo {
  if (cached) return cached;
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
