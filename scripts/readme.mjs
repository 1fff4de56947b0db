#!/usr/bin/env node
// The example commands of the README and docs: finds them, runs them with the built CLI at 80 columns, and (run as
// a script) writes each shown command's output into its block. test/docs.test.ts runs the same examples and checks
// that every one succeeds and that every shown output is what the command prints today.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = resolve(fileURLToPath(new URL('..', import.meta.url)));
const COMMAND = 'npx mining-energy ';

/** The files whose examples are run, in order; each file's examples run in one fresh directory, top to bottom. */
export function exampleFiles(root = ROOT) {
  const docs = readdirSync(join(root, 'docs'))
    .filter((f) => f.endsWith('.md'))
    .sort()
    .map((f) => `docs/${f}`);
  return ['README.md', 'examples/README.md', ...docs];
}

/**
 * The examples of a Markdown text, in order: `run` for a command line in a `sh` block (after `&&` too, comments
 * dropped), `shown` for a `text` block that starts with `$ npx mining-energy …`, with the lines of its output.
 */
export function examplesOf(text) {
  const lines = text.split('\n');
  const examples = [];
  for (let i = 0; i < lines.length; i++) {
    const fence = /^```(\w*)/.exec(lines[i]);
    if (!fence) continue;
    let end = i + 1;
    while (end < lines.length && !lines[end].startsWith('```')) end++;
    const body = lines.slice(i + 1, end);
    if (fence[1] === 'sh') {
      for (const line of body) {
        const code = line.replace(/\s+#.*$/, '');
        for (const part of code.split('&&').map((p) => p.trim())) {
          if (part.startsWith(COMMAND)) examples.push({ kind: 'run', command: part, line: i + 2 });
        }
      }
    } else if (fence[1] === 'text' && body[0]?.startsWith(`$ ${COMMAND}`)) {
      examples.push({ kind: 'shown', command: body[0].slice(2), output: body.slice(1), start: i + 1, end });
    }
    i = end;
  }
  return examples;
}

/** A fresh directory where examples can write (`--out my-data`, `> regions.csv`) and read the repository's files. */
export function exampleDirectory(root = ROOT) {
  const dir = mkdtempSync(join(tmpdir(), 'mining-energy-examples-'));
  for (const name of ['examples', 'test']) symlinkSync(join(root, name), join(dir, name));
  return dir;
}

/** Runs one example's command with the built CLI, as a terminal 80 columns wide without colour would. */
export function runExample(command, cwd, root = ROOT) {
  const bin = join(root, 'bin', 'mining-energy.js');
  const env = { ...process.env, COLUMNS: '80', NO_COLOR: '1' };
  delete env.FORCE_COLOR;
  const result = spawnSync('sh', ['-c', command.replace(COMMAND, `node ${JSON.stringify(bin)} `)], {
    cwd,
    env,
    encoding: 'utf8',
  });
  const output = `${result.stdout}${result.stderr}`.replace(/\n$/, '');
  return { code: result.status, output: output === '' ? [] : output.split('\n') };
}

/** Reruns every example of every file and writes the shown outputs into their blocks. */
function refresh(root = ROOT) {
  for (const file of exampleFiles(root)) {
    const path = join(root, file);
    const lines = readFileSync(path, 'utf8').split('\n');
    const dir = exampleDirectory(root);
    try {
      const examples = examplesOf(lines.join('\n'));
      const runs = examples.map((example) => ({ example, result: runExample(example.command, dir, root) }));
      for (const { example, result } of runs) {
        if (result.code !== 0) throw new Error(`${file}: \`${example.command}\` exited with ${result.code}`);
      }
      for (const { example, result } of runs.reverse()) {
        if (example.kind !== 'shown') continue;
        lines.splice(example.start + 1, example.end - example.start - 1, ...result.output);
      }
      writeFileSync(path, lines.join('\n'));
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }
}

if (process.argv[1] && resolve(process.argv[1]) === fileURLToPath(import.meta.url)) refresh();
