/**
 * Discarding an unfinished upload of a NEW file (nothing was at its name): the half file Ferry
 * wrote at that name is deleted, but only while it is still exactly what Ferry left — the size
 * and time the server gave when Ferry closed, and a plain file still. A file someone changed or
 * replaced since (with a link too), or one Ferry could not describe when it closed, stays, and
 * Discard says why. Real SFTP and FTPS
 * servers; the server's files are checked on its disk.
 */
import { existsSync } from 'node:fs';
import {
  appendFile,
  lstat,
  mkdtemp,
  readFile,
  rename,
  stat,
  symlink,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { sha256File } from '../../../e2e/harness/checksums';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import { SAVED_QUEUE_FILE } from './saved-queue';
import { paramsFor, patterned, remoteRoot, type ProtocolKind } from './testing';
import { appTrustingOnce } from './testing-app';

const harness = harnessForSuite(['sftp', 'ftps-explicit'], 'ferry-unfinished-new-');

async function waitUntil(check: () => Promise<boolean>, timeoutMs = 30_000): Promise<void> {
  for (let waited = 0; waited < timeoutMs; waited += 100) {
    if (await check()) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('Timed out waiting.');
}

const onDisk = (rel: string) => harness.servers.fixtures.abs(rel);
const sizeOnDisk = async (rel: string) => (await stat(onDisk(rel)).catch(() => null))?.size ?? 0;

/**
 * A run closed mid-upload of `new.bin` into the empty folder `rel`: the half file stays at its
 * name; answers the kept list's text.
 */
async function interruptedNewUpload(dataDir: string, kind: ProtocolKind, rel: string) {
  const local = await mkdtemp(join(harness.scratch, 'up-'));
  await writeFile(join(local, 'new.bin'), patterned(4_000_000, 5));
  await harness.servers.fixtures.mkdir(rel);
  const { app } = appTrustingOnce(dataDir);
  await app.handlers['settings.set']({ uploadLimit: { value: 512, unit: 'KiB/s' } });
  const session = await app.handlers['remote.connect'](paramsFor(harness.servers, kind));
  await app.handlers['transfers.enqueue']({
    sessionId: session.sessionId,
    direction: 'upload',
    sources: [join(local, 'new.bin')],
    targetFolder: posix.join(remoteRoot(harness.servers, kind), rel),
  });
  await waitUntil(async () => (await sizeOnDisk(`${rel}/new.bin`)) > 100_000);
  await app.dispose();
  return readFile(join(dataDir, SAVED_QUEUE_FILE), 'utf8');
}

async function discardWithSession(dataDir: string, kind: ProtocolKind) {
  const { app } = appTrustingOnce(dataDir);
  try {
    await app.handlers['remote.connect'](paramsFor(harness.servers, kind));
    expect((await app.handlers['transfers.unfinished']({})).files).toBe(1);
    return await app.handlers['transfers.discardUnfinished']({});
  } finally {
    await app.dispose();
  }
}

describe.each<ProtocolKind>(['sftp', 'ftps-explicit'])('%s', (kind) => {
  it('Discard deletes the half file Ferry left at a new name, as Ferry left it', async () => {
    const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
    const rel = `new-${kind}`;
    const saved = await interruptedNewUpload(dataDir, kind, rel);
    const left = JSON.parse(saved).servers[0].jobs[0].created;
    // What the server said when Ferry closed: the very file on its disk.
    expect(left.size).toBe(await sizeOnDisk(`${rel}/new.bin`));
    expect(typeof left.modified).toBe('number');

    expect(await discardWithSession(dataDir, kind)).toEqual({ local: [], onServers: [] });
    expect(existsSync(onDisk(`${rel}/new.bin`))).toBe(false);
  });
});

it('a Discard with no session there names the new file, and the next session deletes it', async () => {
  const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
  await interruptedNewUpload(dataDir, 'sftp', 'later');
  const params = paramsFor(harness.servers, 'sftp');
  const { app } = appTrustingOnce(dataDir);
  try {
    expect(await app.handlers['transfers.discardUnfinished']({})).toEqual({
      local: [],
      onServers: [
        {
          host: params.host,
          address: `sftp://${params.user}@${params.host}:${params.port}`,
          paths: [],
          newFiles: [posix.join(harness.servers.root, 'later', 'new.bin')],
        },
      ],
    });
    expect(existsSync(onDisk('later/new.bin'))).toBe(true);
    await app.handlers['remote.connect'](params);
    await waitUntil(async () => !existsSync(onDisk('later/new.bin')));
  } finally {
    await app.dispose();
  }
});

describe('a half file that is no longer what Ferry left stays, and Discard says why', () => {
  const target = (rel: string) => posix.join(harness.servers.root, rel, 'new.bin');

  it('someone wrote more to it since', async () => {
    const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
    await interruptedNewUpload(dataDir, 'sftp', 'grown');
    await appendFile(onDisk('grown/new.bin'), 'theirs');
    const before = await sha256File(onDisk('grown/new.bin'));

    const left = await discardWithSession(dataDir, 'sftp');
    expect(left.kept).toEqual([
      {
        host: '127.0.0.1',
        path: target('grown'),
        reason: expect.stringMatching(/^its size changed since Ferry closed \(.* bytes now/),
      },
    ]);
    expect(await sha256File(onDisk('grown/new.bin'))).toBe(before);
  });

  it('it has the same size but a later time', async () => {
    const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
    await interruptedNewUpload(dataDir, 'sftp', 'touched');
    const later = new Date(Date.now() + 120_000);
    await utimes(onDisk('touched/new.bin'), later, later);
    const before = await sha256File(onDisk('touched/new.bin'));

    const left = await discardWithSession(dataDir, 'sftp');
    expect(left.kept).toEqual([
      expect.objectContaining({
        path: target('touched'),
        reason: 'it was changed after Ferry closed: someone else may have written it.',
      }),
    ]);
    expect(await sha256File(onDisk('touched/new.bin'))).toBe(before);
  });

  it('a link to another file now stands at its name (FTP’s SIZE and MDTM follow it)', async () => {
    const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
    await interruptedNewUpload(dataDir, 'ftps-explicit', 'linked');
    // Someone keeps the half as their own file and links its old name to it: the same size and
    // time as Ferry noted, seen through the link.
    await rename(onDisk('linked/new.bin'), onDisk('linked/theirs.bin'));
    await symlink('theirs.bin', onDisk('linked/new.bin'));
    const theirs = await sha256File(onDisk('linked/theirs.bin'));

    const left = await discardWithSession(dataDir, 'ftps-explicit');
    expect(left.kept).toEqual([
      expect.objectContaining({
        path: '/linked/new.bin',
        reason: 'it is a link now, not the file Ferry wrote: someone else put it there.',
      }),
    ]);
    expect((await lstat(onDisk('linked/new.bin'))).isSymbolicLink()).toBe(true);
    expect(await sha256File(onDisk('linked/theirs.bin'))).toBe(theirs);
  });

  it('Ferry could not note its size and time when it closed (a crash)', async () => {
    const dataDir = await mkdtemp(join(harness.scratch, 'data-'));
    const saved = JSON.parse(await interruptedNewUpload(dataDir, 'sftp', 'crashed'));
    // As a run killed mid-upload leaves it: the file's record has no size or time.
    saved.servers[0].jobs[0].created = {};
    await writeFile(join(dataDir, SAVED_QUEUE_FILE), JSON.stringify(saved));
    const before = await sha256File(onDisk('crashed/new.bin'));

    const left = await discardWithSession(dataDir, 'sftp');
    expect(left.kept).toEqual([
      expect.objectContaining({
        path: target('crashed'),
        reason: expect.stringContaining('Ferry could not note its size and time when it closed'),
      }),
    ]);
    expect(await sha256File(onDisk('crashed/new.bin'))).toBe(before);
  });
});
