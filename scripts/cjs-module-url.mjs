// Stands in for import.meta.url in the CommonJS build of the CLI.
export const __moduleUrl = require('node:url').pathToFileURL(__filename).href;
