/** Types of scripts/declarations.mjs, the pruning of the library's declaration files that scripts/build.mjs runs. */
export const DECLARATION_IMPORTS: RegExp[];
export function declarationImports(text: string): string[];
export function declarationFile(importer: string, specifier: string): string;
export function pruneDeclarations(dir: string, entry: string): void;
