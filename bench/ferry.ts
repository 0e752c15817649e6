/**
 * Ferry's column: the `ferry` command line (bin/ferry.mjs → out/main/cli.js), run as a whole
 * process like the peers, so start-up, connecting and logging in count too.
 */
import { existsSync, statSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { KnownHosts } from '../electron/core/trust/known-hosts';
import { join } from 'node:path';
import { runProcess, type Invocation } from './proc';
import type { Tool, TransferTask } from './tools';

const repo = join(import.meta.dirname, '..');
const bin = join(repo, 'bin', 'ferry.mjs');
const built = join(repo, 'out', 'main', 'cli.js');

/** Ferry's connections per transfer (pooled connections / files in flight). */
export const FERRY_PARALLEL = 4;
export const PASSWORD_ENV = 'FERRY_BENCH_PASSWORD';

/** Why Ferry cannot be measured in this checkout, or undefined when it can. */
export async function ferryMissing(): Promise<string | undefined> {
  if (!existsSync(bin) || !existsSync(built)) {
    return 'the ferry CLI is not built (bin/ferry.mjs, out/main/cli.js): run `npx electron-vite build`';
  }
  const help = await runProcess(
    { command: process.execPath, args: [bin, '--help'] },
    { timeoutMs: 20_000 },
  );
  if (!/\bget\b/.test(help.outputTail) || !/\bput\b/.test(help.outputTail)) {
    return 'the ferry CLI has no get/put commands yet';
  }
  return undefined;
}

/** Sources newer than the built CLI: the numbers would be for old code. */
export async function staleSources(): Promise<string[]> {
  if (!existsSync(built)) return [];
  const builtAt = statSync(built).mtimeMs;
  const newer: string[] = [];
  const walk = async (dir: string): Promise<void> => {
    for (const entry of await readdir(dir, { withFileTypes: true })) {
      const path = join(dir, entry.name);
      if (entry.isDirectory()) await walk(path);
      else if (
        /\.ts$/.test(entry.name) &&
        !/\.test\.ts$/.test(entry.name) &&
        statSync(path).mtimeMs > builtAt
      ) {
        newer.push(path.slice(repo.length + 1));
      }
    }
  };
  await walk(join(repo, 'electron'));
  await walk(join(repo, 'shared'));
  return newer;
}

function url(task: Pick<TransferTask, 'endpoint'>, remotePath: string): string {
  const { endpoint } = task;
  const scheme = endpoint.protocol === 'sftp' ? 'sftp' : 'ftpes';
  return `${scheme}://${endpoint.user}@${endpoint.host}:${endpoint.port}${remotePath}`;
}

/**
 * Ferry keeps trusted host keys in a store of its own (JSON): seed one with exactly the harness
 * key, as a user who checked the fingerprint once would have; a changed key would be refused.
 */
async function seededKnownHosts(task: TransferTask): Promise<string> {
  const path = join(task.scratch, 'ferry-known-hosts.json');
  const { endpoint } = task;
  const store = new KnownHosts(path);
  const status = await store.lookup(
    endpoint.host,
    endpoint.port,
    endpoint.hostKeyType,
    endpoint.hostKeyFingerprint,
  );
  if (status !== 'match')
    await store.add(
      endpoint.host,
      endpoint.port,
      endpoint.hostKeyType,
      endpoint.hostKeyFingerprint,
    );
  return path;
}

export const ferry: Tool = {
  id: 'ferry',
  label: `Ferry (ferry CLI, --parallel ${FERRY_PARALLEL})`,
  isFerry: true,
  skipReason: () => undefined,
  async invocation(task: TransferTask): Promise<Invocation> {
    const { endpoint, direction, workload } = task;
    const remote = url(task, endpoint.remotePath(task.remoteRel));
    const recursive = workload.shape === 'tree' ? ['-r'] : [];
    const trust =
      endpoint.protocol === 'sftp'
        ? ['--known-hosts', await seededKnownHosts(task)]
        : ['--ca', endpoint.caPath];
    // LOCAL and the remote target do not exist yet, so ferry saves under exactly those names.
    const transfer =
      direction === 'download'
        ? ['get', ...recursive, remote, task.localPath]
        : ['put', ...recursive, task.localPath, remote];
    return {
      command: process.execPath,
      args: [
        bin,
        ...transfer,
        '--password-env',
        PASSWORD_ENV,
        ...trust,
        '--parallel',
        String(FERRY_PARALLEL),
      ],
      env: {
        [PASSWORD_ENV]: endpoint.password,
        FERRY_DATA_DIR: join(task.scratch, 'ferry-data'),
        // The test CA is passed explicitly: nothing may lean on this machine's NODE_EXTRA_CA_CERTS.
        NODE_EXTRA_CA_CERTS: undefined,
      },
    };
  },
};
