/**
 * A file changed after the preview is not the one the user chose to replace or delete: against
 * the real sshd and vsftpd (FTPS), files that someone edits, rewrites to the same size or
 * creates between the preview and Start (or while the bytes travel) are left as they are, each
 * saying so in its transfer row or in the run's failures, while everything else in the plan
 * still happens (checksums).
 */
import { mkdir, mkdtemp, readFile, rm, symlink, utimes, writeFile } from 'node:fs/promises';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { SyncOptions, SyncPlanned } from '../../../shared/contract/sync';
import type { TransferJob } from '../../../shared/contract/transfers';
import { appTrustingOnce } from '../transfers/testing-app';
import {
  paramsFor,
  patterned,
  remoteRoot,
  treeManifest,
  type ProtocolKind,
} from '../transfers/testing';

const KINDS: ProtocolKind[] = ['sftp', 'ftps-explicit'];
const harness = harnessForSuite(KINDS, 'ferry-sync-recheck-');

/** A whole minute a day ago: an FTP listing shows the time, to the minute. */
const BASE = Math.floor((Date.now() - 86_400_000) / 60_000) * 60_000;
const SERVER_CHANGED = 'Changed on the server since the preview — not replaced.';
const SERVER_APPEARED = 'Appeared on the server since the preview — not replaced.';
const LOCAL_CHANGED = 'Changed on this computer since the preview — not replaced.';

let n = 0;

async function put(path: string, text: string | Buffer, offsetMin = 0) {
  await mkdir(join(path, '..'), { recursive: true });
  await writeFile(path, text);
  const when = new Date(BASE + offsetMin * 60_000);
  await utimes(path, when, when);
}

/** The two folders: changes on each side that a sync would carry over. */
async function folders() {
  n++;
  const local = join(harness.scratch, `site-${n}`);
  const serverRel = `site-${n}`;
  const server = async (path: string, text: string, offsetMin = 0) =>
    put(await harness.servers.fixtures.writeFile(`${serverRel}/${path}`, text), text, offsetMin);
  await put(join(local, 'edited.txt'), 'new copy here', 60);
  await server('edited.txt', 'old copy');
  await put(join(local, 'same-size.txt'), 'run(1)', 60);
  await server('same-size.txt', 'run(0)');
  await put(join(local, 'kept.txt'), 'goes up', 60);
  await server('kept.txt', 'old');
  await put(join(local, 'new.txt'), 'only here');
  await put(join(local, 'img/logo.svg'), '<svg logo/>');
  await put(join(local, 'img/icon.svg'), '<svg icon/>');
  await server('old.txt', 'only there');
  await server('stale.txt', 'only there, goes');
  return { local, serverRel };
}

async function open(kind: ProtocolKind, local: string, serverRel: string) {
  const { app, events } = appTrustingOnce(await mkdtemp(join(harness.scratch, 'data-')));
  const session = await app.handlers['remote.connect'](paramsFor(harness.servers, kind));
  const plan = async (options: SyncOptions) => {
    const planned = new Promise<SyncPlanned>((resolve) =>
      events.on('sync.planned', (p: SyncPlanned) => resolve(p)),
    );
    await app.handlers['sync.start']({
      pageId: 'page-recheck',
      sessionId: session.sessionId,
      localRoot: local,
      remoteRoot: posix.join(remoteRoot(harness.servers, kind), serverRel),
      options,
    });
    return planned;
  };
  /** Runs the whole plan; `meanwhile` once a transfer has moved its first bytes. */
  const run = async (planned: SyncPlanned, meanwhile?: () => Promise<unknown>) => {
    const result = await app.handlers['sync.run']({
      syncId: planned.syncId,
      itemIds: planned.items.map((i) => i.id),
    });
    for (let i = 0; i < 3000; i++) {
      const rows = await app.handlers['transfers.list']({});
      if (meanwhile && rows.some((r) => r.state === 'active' && r.bytes > 0)) {
        await meanwhile();
        meanwhile = undefined;
      }
      if (rows.every((r) => r.state !== 'queued' && r.state !== 'active')) {
        return { result, rows };
      }
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    throw new Error('The transfers did not finish.');
  };
  return { app, plan, run };
}

const OPTIONS: SyncOptions = {
  direction: 'upload',
  deleteExtra: true,
  compareBy: 'timeAndSize',
  recursive: true,
};

/** Each file row's state and note, by the name it shows. */
const outcomes = (rows: TransferJob[]) =>
  Object.fromEntries(
    rows.filter((r) => r.kind === 'file').map((r) => [r.name, `${r.state} ${r.note ?? ''}`.trim()]),
  );

describe('a local file replaced by a link since the preview', () => {
  it('is not uploaded through the link', async () => {
    const { local, serverRel } = await folders();
    const { app, plan, run } = await open('sftp', local, serverRel);
    try {
      const planned = await plan({ ...OPTIONS, deleteExtra: false });
      const secret = join(harness.scratch, `secret-${n}.key`);
      await writeFile(secret, 'PRIVATE KEY');
      await rm(join(local, 'edited.txt'));
      await symlink(secret, join(local, 'edited.txt'));
      const { rows } = await run(planned);
      expect(outcomes(rows)['edited.txt']).toMatch(/^skipped It is a link now: not sent/);
      expect(outcomes(rows)['kept.txt']).toBe('done');
      const there = harness.servers.fixtures.abs(`${serverRel}/edited.txt`);
      expect(await readFile(there, 'utf8')).toBe('old copy');
    } finally {
      await app.dispose();
    }
  });
});

describe.each(KINDS)('%s', (kind) => {
  it('upload: leaves server files changed since the preview, does the rest', async () => {
    const { local, serverRel } = await folders();
    const { app, plan, run } = await open(kind, local, serverRel);
    try {
      const planned = await plan(OPTIONS);
      expect(planned.items.map((i) => `${i.action} ${i.path}`)).toEqual([
        'upload edited.txt',
        'upload img',
        'upload kept.txt',
        'upload new.txt',
        'deleteRemote old.txt',
        'upload same-size.txt',
        'deleteRemote stale.txt',
      ]);
      // Between the preview and Start, someone works on the server.
      const fixtures = harness.servers.fixtures;
      await fixtures.writeFile(`${serverRel}/edited.txt`, 'their edit, longer than before');
      await fixtures.writeFile(`${serverRel}/same-size.txt`, 'run(7)'); // same size, time now
      await fixtures.writeFile(`${serverRel}/new.txt`, 'theirs');
      await fixtures.writeFile(`${serverRel}/img/logo.svg`, '<svg theirs/>');
      await fixtures.writeFile(`${serverRel}/old.txt`, 'only there, and edited');

      const { result, rows } = await run(planned);
      // Said apart for the dialog's result line, too.
      const leftAlone = rows.filter((r) => r.state === 'skipped').map((r) => r.leftAlone);
      expect(leftAlone).toEqual(['changed', 'changed', 'changed', 'changed']);
      expect(outcomes(rows)).toEqual({
        'edited.txt': `skipped ${SERVER_CHANGED}`,
        'same-size.txt': `skipped ${SERVER_CHANGED}`,
        'new.txt': `skipped ${SERVER_APPEARED}`,
        'kept.txt': 'done',
        'logo.svg': `skipped ${SERVER_APPEARED}`,
        'icon.svg': 'done',
      });
      expect(result.deleted).toBe(1);
      expect(result.failed).toEqual([
        {
          path: 'old.txt',
          error: expect.objectContaining({
            message: '"old.txt": changed on the server since the preview — not deleted.',
            hint: 'Compare again to see what is there now.',
          }),
        },
      ]);
      const there = (await treeManifest(harness.servers.fixtures.abs(serverRel))).files;
      const theirs = (await treeManifest(await theirCopies())).files;
      for (const name of ['edited.txt', 'same-size.txt', 'new.txt', 'img/logo.svg', 'old.txt'])
        expect(there[name], name).toBe(theirs[name]);
      const here = (await treeManifest(local)).files;
      expect(there['kept.txt']).toBe(here['kept.txt']);
      expect(there['img/icon.svg']).toBe(here['img/icon.svg']);
      expect(there['stale.txt']).toBeUndefined();
    } finally {
      await app.dispose();
    }
  });

  it('download: leaves local files changed since the preview, does the rest', async () => {
    const { local, serverRel } = await folders();
    // Newer on the server this time, so the files come down.
    const fixtures = harness.servers.fixtures;
    for (const [name, text] of [
      ['edited.txt', 'server copy'],
      ['kept.txt', 'server kept'],
    ] as const) {
      await put(await fixtures.writeFile(`${serverRel}/${name}`, text), text, 120);
    }
    const { app, plan, run } = await open(kind, local, serverRel);
    try {
      const planned = await plan({ ...OPTIONS, direction: 'download' });
      expect(planned.items.map((i) => `${i.action} ${i.path}`)).toEqual([
        'download edited.txt',
        'deleteLocal img',
        'download kept.txt',
        'deleteLocal new.txt',
        'download old.txt',
        'download stale.txt',
      ]);
      await writeFile(join(local, 'edited.txt'), 'my edit meanwhile');
      await writeFile(join(local, 'new.txt'), 'only here, edited');
      await writeFile(join(local, 'old.txt'), 'made here meanwhile');

      const { result, rows } = await run(planned);
      expect(outcomes(rows)).toEqual({
        'edited.txt': `skipped ${LOCAL_CHANGED}`,
        'kept.txt': 'done',
        'old.txt': 'skipped Appeared on this computer since the preview — not replaced.',
        'stale.txt': 'done',
      });
      expect(result.failed.map((f) => f.error.message)).toEqual([
        '"new.txt": changed on this computer since the preview — not deleted.',
      ]);
      const here = (await treeManifest(local)).files;
      const there = (await treeManifest(fixtures.abs(serverRel))).files;
      expect(here['kept.txt']).toBe(there['kept.txt']);
      expect(here['stale.txt']).toBe(there['stale.txt']);
      expect(here['edited.txt']).not.toBe(there['edited.txt']);
      expect(here['new.txt']).toBeDefined();
      expect(here['img/logo.svg']).toBeUndefined();
    } finally {
      await app.dispose();
    }
  });
});

describe.each(KINDS)('%s, during the transfer', (kind) => {
  it('a file changed while the bytes travel is not replaced; no temporary file is left', async () => {
    n++;
    const local = join(harness.scratch, `slow-${n}`);
    const serverRel = `slow-${n}`;
    await put(join(local, 'big.bin'), patterned(300 * 1024, 3), 60);
    const old = await harness.servers.fixtures.writeFile(`${serverRel}/big.bin`, 'old');
    await put(old, 'old');
    const { app, plan, run } = await open(kind, local, serverRel);
    try {
      // About three seconds for the file (above the small-file path): time for someone to change the server's copy.
      await app.handlers['settings.set']({ uploadLimit: { value: 100, unit: 'KiB/s' } });
      const planned = await plan(OPTIONS);
      expect(planned.items.map((i) => `${i.action} ${i.path}`)).toEqual(['upload big.bin']);
      const { rows } = await run(planned, () =>
        harness.servers.fixtures.writeFile(`${serverRel}/big.bin`, 'theirs, meanwhile'),
      );
      expect(outcomes(rows)).toEqual({ 'big.bin': `skipped ${SERVER_CHANGED}` });
      const there = await treeManifest(harness.servers.fixtures.abs(serverRel));
      expect(Object.keys(there.files)).toEqual(['big.bin']);
      expect(there.files['big.bin']).toBe(
        (await treeManifest(await theirCopy('theirs, meanwhile'))).files['big.bin'],
      );
    } finally {
      await app.dispose();
    }
  });
});

it('download: a file changed here while the bytes travel is not replaced; no part file is left (sftp)', async () => {
  n++;
  const local = join(harness.scratch, `slow-${n}`);
  const serverRel = `slow-${n}`;
  await put(join(local, 'big.bin'), 'old');
  const there = await harness.servers.fixtures.writeFile(
    `${serverRel}/big.bin`,
    patterned(200 * 1024, 4),
  );
  const when = new Date(BASE + 60 * 60_000);
  await utimes(there, when, when);
  const { app, plan, run } = await open('sftp', local, serverRel);
  try {
    await app.handlers['settings.set']({ downloadLimit: { value: 100, unit: 'KiB/s' } });
    const planned = await plan({ ...OPTIONS, direction: 'download' });
    expect(planned.items.map((i) => `${i.action} ${i.path}`)).toEqual(['download big.bin']);
    const { rows } = await run(planned, () => writeFile(join(local, 'big.bin'), 'mine, meanwhile'));
    expect(outcomes(rows)).toEqual({ 'big.bin': `skipped ${LOCAL_CHANGED}` });
    const here = await treeManifest(local);
    expect(Object.keys(here.files)).toEqual(['big.bin']);
    expect(here.files['big.bin']).toBe(
      (await treeManifest(await theirCopy('mine, meanwhile'))).files['big.bin'],
    );
  } finally {
    await app.dispose();
  }
});

/** A folder holding big.bin with `text`, to checksum. */
async function theirCopy(text: string): Promise<string> {
  const root = await mkdtemp(join(harness.scratch, 'copy-'));
  await writeFile(join(root, 'big.bin'), text);
  return root;
}

/** The bytes the "someone" of the upload test wrote, as files to checksum. */
async function theirCopies(): Promise<string> {
  const root = await mkdtemp(join(harness.scratch, 'theirs-'));
  await put(join(root, 'edited.txt'), 'their edit, longer than before');
  await put(join(root, 'same-size.txt'), 'run(7)');
  await put(join(root, 'new.txt'), 'theirs');
  await put(join(root, 'img/logo.svg'), '<svg theirs/>');
  await put(join(root, 'old.txt'), 'only there, and edited');
  return root;
}
