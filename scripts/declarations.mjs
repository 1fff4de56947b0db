// Prunes the library's type declarations (dist/types/) to those its entry reaches; scripts/build.mjs runs it after tsc.
import { existsSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The relative specifiers a declaration file imports, in every form tsc writes: `import … from` and `export … from`
 * (`export * from` too), `import("…")` types, bare `import "…"`, `import x = require("…")` and
 * `/// <reference path="…" />`, in single or double quotes.
 */
export const DECLARATION_IMPORTS = [
  /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+|\brequire\s*\(\s*)(['"])(\.\.?\/[^'"]*)\1/gm,
  /^\/\/\/\s*<reference\s+path\s*=\s*(['"])([^'"]+)\1/gm,
];

/** The relative specifiers `text` imports, in the order they appear within each form. */
export function declarationImports(text) {
  return DECLARATION_IMPORTS.flatMap((pattern) => [...text.matchAll(pattern)].map((match) => match[2]));
}

/** The declaration file tsc emits for a specifier: `./a.js` → `./a.d.ts`, `./a.mjs` → `./a.d.mts`, `./a` → `./a.d.ts`. */
export function declarationFile(importer, specifier) {
  const path = join(dirname(importer), specifier);
  if (/\.d\.[cm]?ts$/.test(path)) return path;
  const extension = /\.([cm]?)js$/.exec(path);
  return extension ? `${path.slice(0, -extension[0].length)}.d.${extension[1]}ts` : `${path}.d.ts`;
}

/**
 * Removes the declaration files the library's types do not reach from `entry` (the CLI's, the table renderers'…):
 * the package ships only what a program importing the library can see.
 */
export function pruneDeclarations(dir, entry) {
  const reached = new Set();
  const pending = [join(dir, entry)];
  while (pending.length > 0) {
    const file = pending.pop();
    if (reached.has(file)) continue;
    reached.add(file);
    if (!existsSync(file))
      throw new Error(`build: ${file} is imported by the library's declarations but tsc did not emit it`);
    for (const specifier of declarationImports(readFileSync(file, 'utf8')))
      pending.push(declarationFile(file, specifier));
  }
  for (const file of readdirSync(dir, { recursive: true })) {
    const path = join(dir, file);
    if (/\.d\.[cm]?ts$/.test(path) && !reached.has(path)) rmSync(path);
  }
  // tsc indents with four spaces; two read as well and keep the package under its size budget.
  for (const file of readdirSync(dir, { recursive: true })) {
    const path = join(dir, file);
    if (!/\.d\.[cm]?ts$/.test(path)) continue;
    const text = readFileSync(path, 'utf8');
    writeFileSync(
      path,
      text.replace(/^(?: {4})+/gm, (indent) => ' '.repeat(indent.length / 2)),
    );
  }
  for (const file of readdirSync(dir, { recursive: true }).reverse()) {
    const path = join(dir, file);
    if (statSync(path).isDirectory() && readdirSync(path).length === 0) rmSync(path, { recursive: true });
  }
}
