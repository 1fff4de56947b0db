#!/usr/bin/env node
// Writes docs/estimate.schema.json from the zod schema of the estimate output (run after the build).
import { writeFileSync } from 'node:fs';

const { estimateJsonSchema } = await import(new URL('../dist/lib/schema.js', import.meta.url).href);
writeFileSync(
  new URL('../docs/estimate.schema.json', import.meta.url),
  `${JSON.stringify(estimateJsonSchema(), null, 2)}\n`,
);
