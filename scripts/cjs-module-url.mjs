// Stands in for import.meta.url in the CommonJS build of the CLI, worked out when first read.
let url;
export const __cjsModule = {
  get url() {
    url ??= require('node:url').pathToFileURL(__filename).href;
    return url;
  },
};
