/**
 * Keep the server's folder up to date, through the app as the page uses it, against the real
 * sshd and vsftpd (FTPS): a website folder here, edited as a user (and their editor, and git)
 * would; the server's copy follows, byte for byte (checksums). What was there at the start is not
 * sent; excluded names, editors' swap files and links are never sent; a burst of 200 rewritten
 * files queues each once; deletions follow only when asked; it stops, saying why, when the local
 * folder goes or the tab disconnects.
 */
import { createHash } from 'node:crypto';
import {
  appendFile,
  mkdir,
  mkdtemp,
  readFile,
  rename,
  rm,
  stat,
  symlink,
  writeFile,
} from 'node:fs/promises';
import { join, posix } from 'node:path';
import { describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { KeepUpState } from '../../../shared/contract/keepup';
import { appTrustingOnce } from '../transfers/testing-app';
import { paramsFor, remoteRoot, waitFor, type ProtocolKind } from '../transfers/testing';

const KINDS: ProtocolKind[] = ['sftp', 'ftps-explicit'];
const harness = harnessForSuite(KINDS, 'ferry-keepup-');

let n = 0;
const sha = (bytes: Buffer | string) => createHash('sha256').update(bytes).digest('hex');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function open(kind: ProtocolKind, deleteOnServer = false) {
  n++;
  const local = join(harness.scratch, `site-${n}`);
  const rel = `kept-${n}`;
  await mkdir(join(local, 'css'), { recursive: true });
  await writeFile(join(local, 'index.html'), '<h1>before</h1>');
  await writeFile(join(local, 'css/site.css'), 'body {}');
  await harness.servers.fixtures.mkdir(rel);
  const { app, events } = appTrustingOnce(await mkdtemp(join(harness.scratch, 'data-')));
  await app.handlers['settings.set']({ excludedNames: ['.git', '*.tmp'] });
  const session = await app.handlers['remote.connect'](paramsFor(harness.servers, kind));
  const states: KeepUpState[] = [];
  events.on('keepup.state', (state) => void states.push(state));
  const logged: string[] = [];
  events.on('log.line', (line: { text: string }) => void logged.push(line.text));
  const first = await app.handlers['keepup.start']({
    pageId: 'page-keepup-1',
    sessionId: session.sessionId,
    localRoot: local,
    remoteRoot: posix.join(remoteRoot(harness.servers, kind), rel),
    deleteOnServer,
  });
  const last = () => states.at(-1) ?? first;
  /** Waits until `count` files were sent and nothing waits. */
  const uploaded = async (count: number) => {
    await waitFor(() => last().uploaded >= count && last().waiting === 0, 60_000);
    return last();
  };
  const server = (path: string) => harness.servers.fixtures.abs(`${rel}/${path}`);
  const serverSha = async (path: string) => sha(await readFile(server(path)));
  const uploadRows = async () =>
    (await app.handlers['transfers.list']({})).filter((r) => r.direction === 'upload');
  const close = async () => {
    await app.handlers['keepup.stop']({ keepId: first.keepId });
    await app.dispose();
  };
  /** Every folder the states said were made (the page refreshes the server pane by them). */
  const madeFolders = () => new Set(states.flatMap((state) => state.madeFolders));
  return {
    ...{ app, session, first, last, local, rel, server, serverSha, uploaded, uploadRows, close },
    madeFolders,
    logged,
  };
}

describe.each(KINDS)('%s', (kind) => {
  it('sends new and changed files and new folders; leaves out what it must', async () => {
    const k = await open(kind);
    try {
      expect(k.first).toMatchObject({ running: true, uploaded: 0, deleteOnServer: false });
      const page = '<h1>after</h1>'.repeat(1000);
      await writeFile(join(k.local, 'index.html'), page); // changed
      await mkdir(join(k.local, 'img/icons'), { recursive: true }); // new folders, one empty
      await mkdir(join(k.local, 'img/empty'));
      await writeFile(join(k.local, 'img/icons/a.svg'), '<svg a/>');
      await mkdir(join(k.local, '.git'));
      await writeFile(join(k.local, '.git/HEAD'), 'ref: main'); // excluded folder
      await writeFile(join(k.local, 'cache.tmp'), 'excluded'); // excluded name
      await writeFile(join(k.local, '.index.html.swp'), 'vim swap'); // editor litter
      await symlink('/etc', join(k.local, 'etc-link')); // never followed
      await symlink('/etc/hostname', join(k.local, 'host-link'));
      // A file written in pieces, a little at a time: sent once, whole.
      const slow = join(k.local, 'slow.bin');
      const pieces = Array.from({ length: 5 }, (_, i) => Buffer.alloc(64 * 1024, i + 1));
      for (const piece of pieces) {
        await appendFile(slow, piece);
        await pause(150);
      }
      const state = await k.uploaded(3);
      expect(await k.serverSha('index.html')).toBe(sha(page));
      expect(await k.serverSha('img/icons/a.svg')).toBe(sha('<svg a/>'));
      expect(await k.serverSha('slow.bin')).toBe(sha(Buffer.concat(pieces)));
      expect((await stat(k.server('img/empty'))).isDirectory()).toBe(true);
      const rows = await k.uploadRows();
      expect(rows.map((r) => r.name).sort()).toEqual(['a.svg', 'index.html', 'slow.bin']);
      expect(rows.every((r) => r.state === 'done')).toBe(true);
      for (const absent of ['.git', 'cache.tmp', '.index.html.swp', 'etc-link', 'host-link'])
        await expect(readFile(k.server(absent))).rejects.toThrow();
      expect(state).toMatchObject({ uploaded: 3, failed: 0, lastPath: expect.any(String) });
      expect(state.foldersMade).toBeGreaterThanOrEqual(3); // img, img/icons, img/empty
      expect(k.madeFolders()).toEqual(new Set(['img', 'img/icons', 'img/empty']));
      expect(state.leftOut).toBeGreaterThanOrEqual(5);
      // css/site.css was there at the start and did not change: not sent.
      await expect(readFile(k.server('css/site.css'))).rejects.toThrow();

      // An editor's save: write a temporary file, then rename it over the page.
      const saved = '<h1>saved by the editor</h1>';
      await writeFile(join(k.local, 'index.html.tmp123'), saved);
      await rename(join(k.local, 'index.html.tmp123'), join(k.local, 'index.html'));
      await k.uploaded(4);
      expect(await k.serverSha('index.html')).toBe(sha(saved));
      // Deleting here leaves the server's copy (not asked to delete).
      await rm(join(k.local, 'img'), { recursive: true });
      await rm(join(k.local, 'slow.bin'));
      await pause(1500);
      expect(await k.serverSha('slow.bin')).toBe(sha(Buffer.concat(pieces)));
      expect(k.last()).toMatchObject({ deleted: 0, running: true });
    } finally {
      await k.close();
    }
  });

  it('queues each of 200 rewritten files once (git checkout), then deletes when asked', async () => {
    const k = await open(kind, true);
    try {
      const content = (i: number, round: number) => `file ${i} round ${round}\n`.repeat(i + 1);
      await mkdir(join(k.local, 'src'));
      // Each file rewritten three times in a burst, as a checkout and a rebase would.
      for (let round = 0; round < 3; round++) {
        await Promise.all(
          Array.from({ length: 200 }, (_, i) =>
            writeFile(join(k.local, 'src', `f${i}.txt`), content(i, round)),
          ),
        );
      }
      await k.uploaded(200);
      const rows = await k.uploadRows();
      expect(rows).toHaveLength(200);
      expect(new Set(rows.map((r) => r.target)).size).toBe(200);
      for (const i of [0, 57, 199]) {
        expect(await k.serverSha(`src/f${i}.txt`)).toBe(sha(content(i, 2)));
      }
      // Deletions follow: a file, then a folder with what it holds.
      await writeFile(join(k.local, 'src', 'gone.txt'), 'soon gone');
      await k.uploaded(201);
      await rm(join(k.local, 'src', 'gone.txt'));
      await waitFor(() => k.last().deleted === 1, 20_000);
      await expect(readFile(k.server('src/gone.txt'))).rejects.toThrow();
      expect(await k.serverSha('src/f1.txt')).toBe(sha(content(1, 2)));
      await rm(join(k.local, 'src'), { recursive: true });
      // One deletion of the folder (or, on a slow disk, of some files first, then the folder).
      await waitFor(() => k.last().deleted >= 2 && k.last().waiting === 0, 60_000);
      await expect(stat(k.server('src'))).rejects.toThrow();
      expect(k.last()).toMatchObject({ failed: 0, running: true });
      // A server folder holding what the exclusion list leaves out is never deleted whole.
      await mkdir(join(k.local, 'lib'));
      await writeFile(join(k.local, 'lib', 'a.js'), 'a()');
      await k.uploaded(202);
      await harness.servers.fixtures.writeFile(`${k.rel}/lib/cache.tmp`, 'theirs');
      await rm(join(k.local, 'lib'), { recursive: true });
      await waitFor(() => k.last().failed === 1, 20_000);
      expect(await readFile(k.server('lib/cache.tmp'), 'utf8')).toBe('theirs');
      expect(await k.serverSha('lib/a.js')).toBe(sha('a()'));
      // Nor one that gained a file there meanwhile (not excluded): someone else's, it stays.
      await mkdir(join(k.local, 'docs'));
      await writeFile(join(k.local, 'docs', 'a.md'), '# a');
      await k.uploaded(203);
      await harness.servers.fixtures.writeFile(`${k.rel}/docs/theirs.md`, 'theirs');
      await rm(join(k.local, 'docs'), { recursive: true });
      await waitFor(() => k.last().failed === 2, 20_000);
      expect(await readFile(k.server('docs/theirs.md'), 'utf8')).toBe('theirs');
      // Nor one holding a link someone made there (links are never sent from here).
      await mkdir(join(k.local, 'media'));
      await writeFile(join(k.local, 'media', 'a.png'), 'png');
      await k.uploaded(204);
      await harness.servers.fixtures.symlink('a.png', `${k.rel}/media/latest.png`);
      await rm(join(k.local, 'media'), { recursive: true });
      await waitFor(() => k.last().failed === 3, 20_000);
      expect(await k.serverSha('media/latest.png')).toBe(sha('png'));
      // The log says what happened and what to do, for each.
      const said = k.logged.filter((text) => text.includes('up to date: "'));
      expect(said).toEqual([
        expect.stringMatching(/"lib": .*exclusion list.*left as it is\. Delete it there yourself/),
        expect.stringMatching(/"docs": .*1 file more .*left as it is\. Look at what is there/),
        expect.stringMatching(/"media": .*links.*left as it is\. Delete it there yourself/),
      ]);
    } finally {
      await k.close();
    }
  });

  it("stops, deleting nothing, when another folder takes the local folder's path", async () => {
    const k = await open(kind, true);
    try {
      await writeFile(join(k.local, 'new.html'), '<p>new</p>');
      await k.uploaded(1);
      // A build's clean step or a fresh clone: the folder deleted and made again, empty.
      await rm(k.local, { recursive: true });
      await mkdir(k.local);
      await waitFor(() => !k.last().running, 10_000);
      expect(k.last()).toMatchObject({ stoppedBecause: 'folderGone', deleted: 0 });
      await pause(1000);
      expect(await k.serverSha('new.html')).toBe(sha('<p>new</p>'));
    } finally {
      await k.close();
    }
  });

  it('stops, saying why, when the local folder goes or the tab disconnects', async () => {
    const k = await open(kind);
    try {
      await rm(k.local, { recursive: true });
      await waitFor(() => !k.last().running, 10_000);
      expect(k.last().stoppedBecause).toBe('folderGone');
      // A fresh one on the same tab, then the tab disconnects.
      await mkdir(k.local);
      const again = await k.app.handlers['keepup.start']({
        pageId: 'page-keepup-1',
        sessionId: k.session.sessionId,
        localRoot: k.local,
        remoteRoot: k.first.remoteRoot,
        deleteOnServer: false,
      });
      await expect(
        k.app.handlers['keepup.start']({
          pageId: 'page-keepup-1',
          sessionId: k.session.sessionId,
          localRoot: k.local,
          remoteRoot: k.first.remoteRoot,
          deleteOnServer: false,
        }),
      ).rejects.toMatchObject({ code: 'forbidden' });
      await k.app.handlers['remote.disconnect']({ sessionId: k.session.sessionId });
      await waitFor(() => k.last().keepId === again.keepId && !k.last().running, 10_000);
      expect(k.last().stoppedBecause).toBe('disconnected');
    } finally {
      await k.close();
    }
  });
});
