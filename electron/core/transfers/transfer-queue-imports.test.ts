/**
 * The transfer queue runs in the `ferry` command too, where start-up and heap size count: it
 * must not load zod (validation of saved files and IPC input lives elsewhere). Loaded once,
 * zod's schemas made every garbage collection of a long transfer dearer: +0.25 s CPU for one
 * 256 MiB SFTP download. Follows the value imports (not `import type`) from the queue.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { expect, it } from 'vitest';

const here = dirname(fileURLToPath(import.meta.url));
const VALUE_IMPORT = /^import\s+(?!type\b)[^'"]*?from\s+'([^']+)';/gms;

function reachedFrom(entry: string): { modules: Set<string>; packages: Set<string> } {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const visit = (file: string): void => {
    if (seen.has(file)) return;
    seen.add(file);
    const source = readFileSync(file, 'utf8');
    for (const [, specifier = ''] of source.matchAll(VALUE_IMPORT)) {
      if (specifier.startsWith('.')) visit(resolve(dirname(file), `${specifier}.ts`));
      else if (!specifier.startsWith('node:')) packages.add(specifier);
    }
  };
  visit(entry);
  return { modules: seen, packages };
}

it('the transfer queue does not load zod', () => {
  const { modules, packages } = reachedFrom(join(here, 'transfer-queue.ts'));
  expect(modules.size).toBeGreaterThan(20); // the walk does follow the queue's imports
  expect([...packages]).not.toContain('zod');
});
