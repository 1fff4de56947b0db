#!/usr/bin/env node
'use strict';
// Runs the CLI bundle (dist/cli.cjs) from the V8 code cache the build made for it (dist/cli.cache): compiling
// the bundle is otherwise a large part of every run's start-up. When this Node cannot use the cache (another V8
// version), V8 rejects it and the bundle is compiled as usual, with the same result.
const { readFileSync } = require('node:fs');
const { join } = require('node:path');
const { pathToFileURL } = require('node:url');
const { Script } = require('node:vm');

const DIST = join(__dirname, '..', 'dist');
const BUNDLE = join(DIST, 'cli.cjs');
const CODE_CACHE = join(DIST, 'cli.cache');

/**
 * The bundle as a script whose value is its CommonJS module function, with a last argument for its import() calls
 * (all of them of `./lazy/…` modules; the build writes the bundle so). The build makes the bundle ASCII: read as
 * Latin-1, its text is copied, not decoded.
 */
function bundleScript(cachedData) {
  return new Script(readFileSync(BUNDLE, 'latin1'), { filename: BUNDLE, cachedData });
}

function lazyImport(specifier) {
  return import(pathToFileURL(join(DIST, specifier)).href);
}

function readCodeCache() {
  try {
    return readFileSync(CODE_CACHE);
  } catch {
    return undefined;
  }
}

/**
 * Runs the CLI (from `script` when given, a script made by an earlier call); returns the script, from which the
 * build takes the code cache once runs have compiled what they need.
 */
function runCli(cachedData = readCodeCache(), script = bundleScript(cachedData)) {
  const module = { exports: {}, filename: BUNDLE, id: BUNDLE };
  // The bundle requires only Node's own modules, which this module's require loads as well as one made for the
  // bundle's path would (making one loads node:module and Node's ES-module loader: about 0.3 ms).
  script.runInThisContext()(module.exports, require, module, BUNDLE, DIST, lazyImport);
  return script;
}

if (require.main === module) runCli();
else module.exports = { bundleScript, runCli };
