#!/usr/bin/env node
// The `ferry` command. It runs the built main-process bundle (npm run build makes it).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { setFlagsFromString } from 'node:v8';

// A `ferry` run is short and its hot work is native (crypto, sockets, files): V8's optimizing
// compiler, starting on functions after a few calls, cost more CPU than it saved (~0.15 s of
// ~0.6 s for 1,000 small SFTP uploads). With 8x V8's default budget only code that stays hot
// (a long transfer's loops) is optimized. Set before any of Ferry's code is loaded.
setFlagsFromString('--interrupt-budget=540672');

const entry = new URL('../out/main/cli.js', import.meta.url);
if (!existsSync(fileURLToPath(entry))) {
  console.error(
    'ferry: the command line is not built yet. Run "npm run build" in the Ferry folder first.',
  );
  process.exit(2);
}
await import(entry.href);
