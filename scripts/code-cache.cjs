// Writes V8's code cache for the CLI bundle after ordinary runs of the given commands in this one process, so
// that the functions those runs compile are in the cache as well as the bundle's top level.
// Usage (by the build): node scripts/code-cache.cjs <out> '<command line>' ['<command line>'…]
'use strict';
const { writeFileSync } = require('node:fs');
const { join } = require('node:path');
const { setImmediate } = require('node:timers');

const [out, ...commandLines] = process.argv.slice(2);
const bin = join(__dirname, '..', 'bin', 'mining-energy.js');
const { runCli } = require(bin);

let script;
/** Runs the next command once the one before has finished (the event loop is empty). */
function runNext() {
  const line = commandLines.shift();
  if (line === undefined) return;
  process.argv = [process.argv[0], bin, ...line.split(' ')];
  script = runCli(undefined, script);
  // Node emits beforeExit again only if the loop had more to do: a run that does no input or output of its own
  // (help, an estimate written synchronously) would otherwise end the list there.
  setImmediate(() => {});
}
process.on('beforeExit', runNext);
process.on('exit', () => writeFileSync(out, script.createCachedData()));
runNext();
