/**
 * Rewrites results.md from results.json (after a change to the report's layout, without
 * measuring again): `node --import tsx bench/render.ts [path/to/results.json]`.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { toMarkdown } from './report';
import type { BenchResults } from './results';

const jsonPath = process.argv[2] ?? join(import.meta.dirname, 'results.json');
const results = JSON.parse(await readFile(jsonPath, 'utf8')) as BenchResults;
await writeFile(join(dirname(jsonPath), 'results.md'), toMarkdown(results));
console.log(`wrote ${join(dirname(jsonPath), 'results.md')}`);
