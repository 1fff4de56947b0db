import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

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
    const manifest = new URL('package.json', url);
    if (existsSync(manifest)) {
      const { name, version } = JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string; version?: string };
      if (name === 'mining-energy') {
        cached = { root: fileURLToPath(url), version: version ?? '0.0.0' };
        return cached;
      }
    }
    if (url.pathname === '/') throw new Error('cannot find the mining-energy package.json above the running module');
  }
}
