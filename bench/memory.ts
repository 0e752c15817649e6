/**
 * Peak RSS of the `ferry` process while it moves one large file (1 GiB in a full run), against
 * the same command moving 1 KiB: the difference is what the transfer itself costs in memory.
 */
import { link, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { runOnce } from './cases';
import { writeDataSet, type Manifest } from './data';
import type { Endpoint } from './endpoints';
import { giveToTestUser, run, type Layout } from './layout';
import type { Progress } from './progress';
import type { MemoryRecord } from './results';
import type { Direction, Tool } from './tools';
import { singleFile } from './workloads';

const MiB = 1024 * 1024;

/** Puts a copy of a generated file where the servers serve downloads from (a hard link: no second GiB). */
async function serve(layout: Layout, name: string): Promise<void> {
  const target = join(layout.serverRoot, 'src', name);
  await rm(target, { force: true });
  await link(join(layout.data, name), target).catch(() =>
    run('cp', [join(layout.data, name), target]),
  );
  await giveToTestUser(layout.serverRoot, [`src/${name}`]);
}

export async function measureMemory(
  ferry: Tool,
  endpoints: Endpoint[],
  layout: Layout,
  bytes: number,
  timeoutMs: number,
  progress: Progress,
): Promise<MemoryRecord[]> {
  const large = singleFile('memory', bytes);
  const tiny = singleFile('tiny', 1024);
  const manifests = new Map<string, Manifest>();
  for (const workload of [large, tiny]) {
    manifests.set(workload.id, await writeDataSet(layout.data, workload.id, workload.files));
    await serve(layout, `${workload.id}.bin`);
  }
  const options = { layout, manifests, timeoutMs };
  const records: MemoryRecord[] = [];
  const directions: Direction[] = ['download', 'upload'];
  progress.setTotal(endpoints.length * directions.length * 2);
  try {
    for (const endpoint of endpoints) {
      for (const direction of directions) {
        const where = { endpoint, direction };
        const baseline = await runOnce(ferry, { ...where, workload: tiny }, 1, options, true);
        progress.step(
          `memory ${endpoint.id} ${direction} 1 KiB`,
          baseline.ok
            ? `peak RSS ${Math.round((baseline.peakRssBytes ?? 0) / MiB)} MiB`
            : `FAILED: ${baseline.failure}`,
        );
        const big = await runOnce(ferry, { ...where, workload: large }, 1, options, true);
        progress.step(
          `memory ${endpoint.id} ${direction} ${Math.round(bytes / MiB)} MiB`,
          big.ok
            ? `peak RSS ${Math.round((big.peakRssBytes ?? 0) / MiB)} MiB, ${(big.seconds ?? 0).toFixed(1)} s`
            : `FAILED: ${big.failure}`,
        );
        const failure =
          big.failure ?? (baseline.failure ? `1 KiB baseline: ${baseline.failure}` : undefined);
        records.push({
          endpoint: endpoint.id,
          direction,
          bytes,
          ...(big.peakRssBytes !== undefined ? { peakRssBytes: big.peakRssBytes } : {}),
          ...(baseline.peakRssBytes !== undefined
            ? { baselineRssBytes: baseline.peakRssBytes }
            : {}),
          ...(big.seconds !== undefined ? { seconds: big.seconds } : {}),
          ...(failure ? { failure } : {}),
        });
      }
    }
  } finally {
    for (const name of ['memory.bin', 'tiny.bin']) {
      await rm(join(layout.data, name), { force: true });
      await rm(join(layout.serverRoot, 'src', name), { force: true });
    }
  }
  return records;
}
