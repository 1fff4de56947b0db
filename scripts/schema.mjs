#!/usr/bin/env node
// Writes docs/*.schema.json from the zod schemas of the JSON outputs (run after the build).
import { writeFileSync } from 'node:fs';

const { PUBLISHED_SCHEMAS, publishedJsonSchema } = await import(new URL('../dist/lib/schema.js', import.meta.url).href);
for (const file of Object.keys(PUBLISHED_SCHEMAS)) {
  writeFileSync(new URL(`../docs/${file}`, import.meta.url), `${JSON.stringify(publishedJsonSchema(file), null, 2)}\n`);
}
