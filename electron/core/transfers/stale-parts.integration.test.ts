/**
 * Part files a crashed or killed run left beside a download's target: with the "resume" rule
 * the download continues from the largest one (fewer bytes cross the wire, the checksum is
 * right); otherwise they are removed once the download succeeded. Names that only look like
 * Ferry's, links, and part files something wrote to a moment ago are left alone.
 */
import { existsSync } from 'node:fs';
import { lstat, mkdtemp, readFile, readdir, symlink, utimes, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { sha256, sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { startCuttingProxy } from '../../../e2e/hostile/cutting-proxy';
import type { ConflictAction } from '../../../shared/contract/settings';
import type { TransferConflict } from '../../../shared/contract/transfers';
import {
  paramsFor,
  patterned,
  type ProtocolKind,
  queueOver,
  remoteRoot,
  sourceFor,
} from './testing';

const MiB = 1024 * 1024;
const SIZE = 4 * MiB;
const KINDS: ProtocolKind[] = ['sftp', 'ftp'];
const content = patterned(SIZE, 7);
const contentSha = sha256(content);

const harness = harnessForSuite(KINDS, 'ferry-stale-parts-');

/** Writes a file and dates it an hour back, as a run that died an hour ago left it. */
async function leftover(path: string, data: Buffer): Promise<void> {
  await writeFile(path, data);
  const anHourAgo = new Date(Date.now() - 3600_000);
  await utimes(path, anHourAgo, anHourAgo);
}

/** A folder with two stale part files of big.bin and things that must stay. */
async function crashedFolder(): Promise<{ folder: string; outside: string }> {
  const folder = await mkdtemp(join(harness.scratch, 'down-'));
  await leftover(join(folder, '.big.bin.0123456789ab.ferry-part'), content.subarray(0, 3 * MiB));
  await leftover(join(folder, '.big.bin.aaaaaaaaaaaa.ferry-part'), content.subarray(0, MiB));
  // Look-alikes: no token, a token that is not Ferry's, another file's part.
  for (const name of [
    '.big.bin.ferry-part',
    '.big.bin.zz.ferry-part',
    '.other.bin.0123456789ab.ferry-part',
  ]) {
    await leftover(join(folder, name), Buffer.from('not ours'));
  }
  // Written a moment ago: another Ferry may be downloading into it right now.
  await writeFile(join(folder, '.big.bin.cccccccccccc.ferry-part'), content.subarray(0, 2 * MiB));
  // A link under a part name: never followed, never removed.
  const outside = join(harness.scratch, `outside-${Math.random()}.txt`);
  await writeFile(outside, 'keep me');
  await symlink(outside, join(folder, '.big.bin.bbbbbbbbbbbb.ferry-part'));
  return { folder, outside };
}

/** Downloads big.bin into `folder` under `rule`; `answer` answers the questions it asks. */
async function download(
  kind: ProtocolKind,
  folder: string,
  rule: ConflictAction | 'ask',
  answer?: ConflictAction,
) {
  const targetPort = paramsFor(harness.servers, kind).port;
  const counter = await startCuttingProxy({
    targetPort,
    ftp: kind === 'ftp',
    direction: 'download',
    cutAfterBytes: Number.MAX_SAFE_INTEGER,
    times: 0,
  });
  const asked: TransferConflict[] = [];
  const { queue, events } = queueOver(sourceFor(harness.servers, kind, { port: counter.port }), {
    parallelTransfers: 1,
    defaultConflictAction: rule,
  });
  events.on('transfer.conflict', (conflict) => {
    asked.push(conflict);
    if (answer) setTimeout(() => queue.resolveConflict(conflict.conflictId, answer, false));
  });
  try {
    const [id] = await queue.enqueue({
      sessionId: 's',
      direction: 'download',
      items: [
        {
          source: posix.join(remoteRoot(harness.servers, kind), `stale-${kind}`, 'big.bin'),
          targetFolder: folder,
        },
      ],
    });
    await queue.whenIdle();
    return { row: queue.list().find((r) => r.id === id), forwarded: counter.forwarded, asked };
  } finally {
    await queue.dispose();
    await counter.close();
  }
}

async function expectUntouched(folder: string, outside: string): Promise<void> {
  for (const name of [
    '.big.bin.ferry-part',
    '.big.bin.zz.ferry-part',
    '.other.bin.0123456789ab.ferry-part',
  ]) {
    expect(await readFile(join(folder, name), 'utf8')).toBe('not ours');
  }
  expect((await lstat(join(folder, '.big.bin.cccccccccccc.ferry-part'))).size).toBe(2 * MiB);
  expect((await lstat(join(folder, '.big.bin.bbbbbbbbbbbb.ferry-part'))).isSymbolicLink()).toBe(
    true,
  );
  expect(await readFile(outside, 'utf8')).toBe('keep me');
}

describe.each(KINDS)('%s', (kind) => {
  beforeAll(async () => {
    await harness.servers.fixtures.writeFile(`stale-${kind}/big.bin`, content);
  });

  it('continues from the largest part a crashed run left when the rule is "resume"', async () => {
    const { folder, outside } = await crashedFolder();
    const { row, forwarded } = await download(kind, folder, 'resume');
    expect(row?.error).toBeUndefined();
    expect(row?.state).toBe('done');
    expect(await sha256File(join(folder, 'big.bin'))).toBe(contentSha);
    // Only the last MiB (and the protocol's own bytes) crossed the wire.
    expect(forwarded).toBeLessThan(SIZE - 2 * MiB);
    expect(existsSync(join(folder, '.big.bin.0123456789ab.ferry-part'))).toBe(false);
    expect(existsSync(join(folder, '.big.bin.aaaaaaaaaaaa.ferry-part'))).toBe(false);
    await expectUntouched(folder, outside);
    expect((await readdir(folder)).length).toBe(6);
  });

  it('removes the stale parts after a fresh download under another rule', async () => {
    const { folder, outside } = await crashedFolder();
    const { row, forwarded } = await download(kind, folder, 'overwrite');
    expect(row?.state).toBe('done');
    expect(await sha256File(join(folder, 'big.bin'))).toBe(contentSha);
    expect(forwarded).toBeGreaterThanOrEqual(SIZE);
    expect(existsSync(join(folder, '.big.bin.0123456789ab.ferry-part'))).toBe(false);
    expect(existsSync(join(folder, '.big.bin.aaaaaaaaaaaa.ferry-part'))).toBe(false);
    await expectUntouched(folder, outside);
  });

  it('asks about the part a crashed run left, and resumes it when the user says so', async () => {
    const { folder, outside } = await crashedFolder();
    const { row, forwarded, asked } = await download(kind, folder, 'ask', 'resume');
    expect(asked).toHaveLength(1);
    expect(asked[0]).toMatchObject({ partial: true, canResume: true, target: { size: 3 * MiB } });
    expect(row?.state).toBe('done');
    expect(await sha256File(join(folder, 'big.bin'))).toBe(contentSha);
    expect(forwarded).toBeLessThan(SIZE - 2 * MiB);
    expect((await readdir(folder)).length).toBe(6);
    await expectUntouched(folder, outside);
  });

  it('leaves the partial download alone when the user skips it', async () => {
    const { folder } = await crashedFolder();
    const { row, asked } = await download(kind, folder, 'ask', 'skip');
    expect(asked).toHaveLength(1);
    expect(row?.state).toBe('skipped');
    expect(existsSync(join(folder, 'big.bin'))).toBe(false);
    expect((await lstat(join(folder, '.big.bin.0123456789ab.ferry-part'))).size).toBe(3 * MiB);
  });

  it('does not continue a part larger than the remote file', async () => {
    const folder = await mkdtemp(join(harness.scratch, 'down-'));
    await leftover(join(folder, '.big.bin.0123456789ab.ferry-part'), patterned(SIZE + 10, 9));
    const { row, forwarded } = await download(kind, folder, 'resume');
    expect(row?.state).toBe('done');
    expect(await sha256File(join(folder, 'big.bin'))).toBe(contentSha);
    expect(forwarded).toBeGreaterThanOrEqual(SIZE);
    expect(await readdir(folder)).toEqual(['big.bin']);
  });
});
