/** Where an Electron binary exists (ELECTRON_OVERRIDE_DIST_PATH or a completed download). */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

export function electronBinary(): string | undefined {
  const pkg = join(import.meta.dirname, '..', 'node_modules', 'electron');
  const pathFile = join(pkg, 'path.txt');
  const relative = existsSync(pathFile) ? readFileSync(pathFile, 'utf8').trim() : 'electron';
  const override = process.env.ELECTRON_OVERRIDE_DIST_PATH;
  const candidate = override ? join(override, relative) : join(pkg, 'dist', relative);
  return existsSync(candidate) ? candidate : undefined;
}
