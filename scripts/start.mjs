#!/usr/bin/env node
// `npm start`: build, then launch the desktop app; where Electron cannot run, start the
// browser edition instead and say why. `npm run web` (--web) goes straight to the browser edition.
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = join(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const webOnly = args.includes('--web');
const passThrough = args.filter((a) => a !== '--web');

function run(command, commandArgs) {
  const result = spawnSync(command, commandArgs, { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) process.exit(result.status ?? 1);
}

function ensureDependencies() {
  const marker = join(root, 'node_modules', '.package-lock.json');
  const lock = join(root, 'package-lock.json');
  if (!existsSync(marker) || statSync(marker).mtimeMs < statSync(lock).mtimeMs) {
    console.log('Installing dependencies (npm ci)…');
    run('npm', ['ci', '--no-audit', '--no-fund']);
  }
}

/** Returns the Electron binary's path, or the reason it cannot be used here. */
function findElectron() {
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) {
    return { reason: 'there is no graphical display (DISPLAY is not set)' };
  }
  try {
    const require = createRequire(import.meta.url);
    // Resolving the package fetches Electron's binary on first use; that fails offline.
    const probe = spawnSync(process.execPath, ['-e', "process.stdout.write(require('electron'))"], {
      cwd: root,
      encoding: 'utf8',
      timeout: 120_000,
    });
    const path = probe.stdout.trim();
    if (probe.status === 0 && path && existsSync(path)) return { path };
    require.resolve('electron');
    return { reason: 'the Electron runtime could not be downloaded on this machine' };
  } catch {
    return { reason: 'the electron package is not installed' };
  }
}

function startWeb() {
  const child = spawn(process.execPath, [join(root, 'out/main/web.js'), ...passThrough], {
    cwd: root,
    stdio: 'inherit',
  });
  const forward = (signal) => child.kill(signal);
  process.on('SIGINT', forward);
  process.on('SIGTERM', forward);
  child.on('exit', (code) => process.exit(code ?? 0));
}

ensureDependencies();
run(process.execPath, [join(root, 'node_modules/electron-vite/bin/electron-vite.js'), 'build']);

if (webOnly) {
  startWeb();
} else {
  const electron = findElectron();
  if (electron.path) {
    const child = spawn(electron.path, [root, ...passThrough], { cwd: root, stdio: 'inherit' });
    child.on('exit', (code) => process.exit(code ?? 0));
  } else {
    console.log(
      `Ferry's desktop window cannot open because ${electron.reason}, so Ferry starts its browser edition instead.`,
    );
    startWeb();
  }
}
