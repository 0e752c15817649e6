/**
 * Where the benchmark's files live: generated data and download targets on the local side, the
 * download sources and upload targets inside the harness root (the servers' side of the disk).
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { compareManifests, hashTree, sha256File, writeDataSet, type Manifest } from './data';
import type { Endpoint } from './endpoints';
import type { Direction } from './tools';
import type { Workload } from './workloads';

export interface Layout {
  work: string;
  /** Generated workloads (upload sources): data/<name>. */
  data: string;
  /** Download targets: down/<name>. */
  down: string;
  /** Harness root: src/<name> (download sources) and dst/run-N/<name> (upload targets). */
  serverRoot: string;
  /** Download targets are down/run-N/<name>: see freshTargets. */
  targets: TargetLedger;
}

/** The file or folder name a workload has on both sides: the file itself, or its folder. */
export const entryName = (workload: Workload): string =>
  workload.shape === 'file' ? (workload.files[0]?.path ?? workload.id) : workload.id;

export function run(command: string, args: string[]): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { stdio: 'inherit' });
    child.once('error', reject);
    child.once('exit', (code) =>
      code === 0
        ? resolve()
        : reject(new Error(`${command} ${args.join(' ')} exited with ${code}`)),
    );
  });
}

/** Generates the workloads locally and places a copy on the server side, owned by the test user. */
export async function prepareData(
  layout: Layout,
  workloads: Workload[],
): Promise<Map<string, Manifest>> {
  const manifests = new Map<string, Manifest>();
  await mkdir(layout.data, { recursive: true });
  await mkdir(layout.down, { recursive: true });
  for (const workload of workloads) {
    const root = workload.shape === 'file' ? layout.data : join(layout.data, workload.id);
    manifests.set(workload.id, await writeDataSet(root, workload.id, workload.files));
    // Empty folders would not be created by writing files: the tree is exactly its files.
  }
  await mkdir(join(layout.serverRoot, 'src'), { recursive: true });
  await mkdir(join(layout.serverRoot, 'dst'), { recursive: true });
  for (const workload of workloads) {
    const name = entryName(workload);
    await cp(join(layout.data, name), join(layout.serverRoot, 'src', name), { recursive: true });
  }
  await giveToTestUser(layout.serverRoot, ['src', 'dst']);
  return manifests;
}

/** The servers act as the test user: what they read or write must belong to it. */
export async function giveToTestUser(serverRoot: string, rels: string[]): Promise<void> {
  const owner = await stat(serverRoot);
  await run('chown', [
    '-R',
    `${owner.uid}:${owner.gid}`,
    ...rels.map((rel) => join(serverRoot, rel)),
  ]);
}

/** Where one run's transfer must put the workload: folders no earlier run used. */
export interface RunTargets {
  /** Local folder that receives a download (the workload arrives at <down>/<entry name>). */
  down: string;
  /** Server folder, relative to the harness root, that receives an upload. */
  dstRel: string;
}

/** Numbers the runs' target folders and remembers which ones may be removed before the next run. */
export interface TargetLedger {
  next: number;
  /** Folders of single-file runs: a few inodes but up to 1 GiB each, removed before the next run. */
  disposable: string[];
}

export const newTargetLedger = (): TargetLedger => ({ next: 1, disposable: [] });

/**
 * Gives a run fresh, empty target folders and flushes writes so runs start equal.
 * Trees that arrived are NOT removed until the benchmark ends: this machine's ext4 (no journal)
 * skips inodes freed in the last seconds when it allocates new ones, rescanning them on every
 * file creation — removing a 1,000-file folder right before a run made every tool's next run
 * spend ~0.4 s more in the kernel, a cost of the benchmark's own clean-up, not of the tools.
 */
export async function freshTargets(layout: Layout, workload: Workload): Promise<RunTargets> {
  const ledger = layout.targets;
  for (const path of ledger.disposable.splice(0)) await rm(path, { recursive: true, force: true });
  const name = `run-${ledger.next++}`;
  const targets = { down: join(layout.down, name), dstRel: `dst/${name}` };
  const dstDir = join(layout.serverRoot, targets.dstRel);
  await mkdir(targets.down, { recursive: true });
  await mkdir(dstDir, { recursive: true });
  await giveToTestUser(layout.serverRoot, [targets.dstRel]);
  if (workload.shape === 'file') ledger.disposable.push(targets.down, dstDir);
  await run('sync', []);
  return targets;
}

/** Where a transfer must have put the workload, on this machine's disk. */
export function arrivalPath(
  targets: RunTargets,
  endpoint: Endpoint,
  workload: Workload,
  direction: Direction,
): string {
  const name = entryName(workload);
  return direction === 'download'
    ? join(targets.down, name)
    : endpoint.diskPath(`${targets.dstRel}/${name}`);
}

/** Checks every byte that arrived against the generated data: [] when all is right. */
export async function verifyArrival(
  path: string,
  workload: Workload,
  expected: Manifest,
): Promise<string[]> {
  try {
    if (workload.shape === 'tree') return compareManifests(expected, await hashTree(path));
    const [only] = [...expected];
    if (!only) return ['the workload has no file'];
    const [name, want] = only;
    const info = await stat(path);
    if (!info.isFile()) return [`${name} is not a regular file`];
    if (info.size !== want.size) return [`${name}: ${info.size} bytes, expected ${want.size}`];
    return (await sha256File(path, info.size)) === want.sha256 ? [] : [`${name}: checksum differs`];
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    return [
      code === 'ENOENT' ? `nothing arrived at ${path}` : `cannot read ${path}: ${String(error)}`,
    ];
  }
}
