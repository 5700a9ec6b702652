#!/usr/bin/env node
/**
 * `npm run schema`: writes docs/collection.schema.json from the collection's zod schema (built to
 * dist/ by `npm run build:node`). The file is never edited by hand; test/core/collections checks
 * that the committed one is what this writes.
 */
import { writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { collectionJsonSchema } from '../dist/src/core/collections/collectionSchema.js';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const out = join(ROOT, 'docs', 'collection.schema.json');
await writeFile(out, JSON.stringify(collectionJsonSchema(), null, 2) + '\n');
process.stdout.write(`wrote ${out}\n`);
