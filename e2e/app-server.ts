/** Starts the browser edition (the built `out/main/web.js`) as its own process for a test. */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chown, mkdtemp, mkdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = join(import.meta.dirname, '..');
const webEntry = join(root, 'out/main/web.js');

export interface FerryAppProcess {
  url: string;
  /** The HOME the app sees: the local pane opens here. */
  home: string;
  dataDir: string;
  stop(): Promise<void>;
}

export interface StartOptions {
  home?: string;
  dataDir?: string;
  env?: Record<string, string>;
  /**
   * Runs the app as this (unprivileged) user, e.g. `nobody`: tests run as root, and root ignores
   * file permissions. The temporary HOME and data folder are handed to that user.
   */
  runAs?: { uid: number; gid: number };
}

export async function startFerryApp(options: StartOptions = {}): Promise<FerryAppProcess> {
  if (!existsSync(webEntry)) {
    throw new Error('out/main/web.js is missing: run `npx electron-vite build` (npm test does).');
  }
  const base = await mkdtemp(join(tmpdir(), 'ferry-e2e-'));
  const home = options.home ?? join(base, 'home');
  const dataDir = options.dataDir ?? join(base, 'data');
  await mkdir(home, { recursive: true });
  const { runAs } = options;
  if (runAs) {
    for (const dir of [base, home]) await chown(dir, runAs.uid, runAs.gid);
  }
  const child = spawn(process.execPath, [webEntry], {
    env: { ...process.env, HOME: home, FERRY_DATA_DIR: dataDir, ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
    ...(runAs && { uid: runAs.uid, gid: runAs.gid }),
  });
  const url = await readUrl(child);
  return {
    url,
    home,
    dataDir,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((resolve) => child.once('exit', resolve));
        child.kill('SIGTERM');
        await exited;
      }
      if (!options.home && !options.dataDir) await rm(base, { recursive: true, force: true });
    },
  };
}

function readUrl(child: ChildProcess): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Ferry did not start:\n${output}`)), 15_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const match = /Ferry is running at (\S+)/.exec(output);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Ferry exited with code ${code}:\n${output}`));
    });
  });
}
