#!/usr/bin/env node
// The `ferry` command. It runs the built main-process bundle (npm run build makes it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const entry = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error(
    'ferry: the command line is not built yet. Run "npm run build" in the Ferry folder first.',
  );
  process.exit(2);
}
await import(entry.href);
