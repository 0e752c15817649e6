/**
 * Transfers end to end: the real renderer in Chromium (browser edition) against the harness
 * servers. Files are dragged between the panes and dropped from "outside the page"; every file
 * that moves is compared by SHA-256 on disk at both ends.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { mkdir, readdir, readFile, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Locator, Page } from '@playwright/test';
import { sha256, sha256File } from './harness/checksums';
import type { TestServers } from './harness/servers';
import { expect, test } from './fixtures';
import { connectTrusted } from './helpers/connect';
import { localPane, remotePane } from './helpers/panes';

/** Every file below `dir` (none when it does not exist). */
async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** A fresh server folder for one test (the servers are shared by the worker's tests). */
async function serverFolder(servers: TestServers, name: string): Promise<string> {
  const rel = `${name}-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.mkdir(rel);
  return rel;
}

function transfers(page: Page) {
  const panel = page.getByRole('tabpanel', { name: 'Transfers' });
  return {
    panel,
    tab: (name: RegExp) => panel.getByRole('tab', { name }),
    row: (direction: 'Upload' | 'Download', name: string) =>
      panel.getByRole('listitem', { name: `${direction} ${name}`, exact: true }),
  };
}

/** Drops at the pane's bottom edge: on its background, not on a folder row. */
async function dragOnto(source: Locator, target: Locator) {
  const box = await target.boundingBox();
  if (!box) throw new Error('drop target not visible');
  await source.dragTo(target, { targetPosition: { x: box.width / 2, y: box.height - 12 } });
}

/** The page's globals these tests use; the Node-side type-check knows no DOM. */
interface PageGlobals {
  progressSeen: Record<string, number[]>;
  document: {
    body: object;
    querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  };
  MutationObserver: new (callback: () => void) => {
    observe(target: object, options: Record<string, unknown>): void;
  };
  atob(text: string): string;
  File: new (parts: Uint8Array[], name: string, options: { type: string }) => object;
  DataTransfer: new () => { items: { add(file: object): void } };
  DragEvent: new (
    type: string,
    init: { dataTransfer: object; bubbles: boolean; cancelable: boolean },
  ) => never;
}

/** Records every value the named progress bars show, for asserting progress was visible. */
async function recordProgress(page: Page, labels: string[]) {
  await page.evaluate((names) => {
    const web = globalThis as unknown as PageGlobals;
    const seen: Record<string, number[]> = {};
    web.progressSeen = seen;
    const look = () => {
      for (const name of names) {
        const bar = web.document.querySelector(`[role="progressbar"][aria-label="${name}"]`);
        const value = bar?.getAttribute('aria-valuenow');
        if (value != null) (seen[name] ??= []).push(Number(value));
      }
    };
    new web.MutationObserver(look).observe(web.document.body, {
      subtree: true,
      childList: true,
      attributes: true,
      attributeFilter: ['aria-valuenow'],
    });
  }, labels);
  return () => page.evaluate(() => (globalThis as unknown as PageGlobals).progressSeen);
}

test('SFTP: a local file dragged onto the remote pane arrives intact, with visible progress', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const content = randomBytes(128 * 1024 * 1024);
  await writeFile(join(ferryApp.home, 'big.bin'), content);
  const folder = await serverFolder(servers, 'drag-up');
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const local = localPane(page);
  const remote = remotePane(page);
  await remote.goTo(at(folder));

  const progressSeen = await recordProgress(page, ['big.bin progress', 'All transfers']);
  await dragOnto(local.cell('big.bin'), remote.grid);

  const panel = transfers(page);
  await expect(panel.tab(/^Finished \(1\)/)).toBeVisible({ timeout: 30_000 });
  await panel.tab(/^Finished/).click();
  await expect(panel.row('Upload', 'big.bin')).toContainText('Done');
  expect(await sha256File(servers.fixtures.abs(`${folder}/big.bin`))).toBe(sha256(content));
  // The remote pane shows the new file without a manual refresh.
  await expect(remote.cell('big.bin')).toBeVisible();

  const seen = await progressSeen();
  const during = [...(seen['big.bin progress'] ?? []), ...(seen['All transfers'] ?? [])];
  expect(during.some((value) => value > 0 && value < 100)).toBe(true);
});

test('SFTP: a file dropped from outside the page is uploaded with the same content', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const content = randomBytes(1024 * 1024 + 17);
  const folder = await serverFolder(servers, 'os-drop');
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(at(folder));

  // What the OS hands a page when a file is dropped on it: a DataTransfer holding a File.
  await remote.grid.evaluate((grid, base64) => {
    const web = globalThis as unknown as PageGlobals;
    const bytes = Uint8Array.from(web.atob(base64), (c) => c.charCodeAt(0));
    const data = new web.DataTransfer();
    data.items.add(new web.File([bytes], 'from the desktop.pdf', { type: 'application/pdf' }));
    for (const type of ['dragenter', 'dragover', 'drop']) {
      grid.dispatchEvent(
        new web.DragEvent(type, { dataTransfer: data, bubbles: true, cancelable: true }),
      );
    }
  }, content.toString('base64'));

  const panel = transfers(page);
  await panel.tab(/^Finished/).click();
  await expect(panel.row('Upload', 'from the desktop.pdf')).toContainText('Done', {
    timeout: 30_000,
  });
  const uploaded = servers.fixtures.abs(`${folder}/from the desktop.pdf`);
  expect(await sha256File(uploaded)).toBe(sha256(content));
  await expect(remote.cell('from the desktop.pdf')).toBeVisible();
  // The browser edition staged the file on this computer on its way: that copy is gone now.
  const staging = join(ferryApp.dataDir, 'upload-staging');
  expect(existsSync(staging)).toBe(true);
  await expect.poll(() => filesUnder(staging)).toEqual([]);
});

test('SFTP: a remote folder dragged onto the local pane is downloaded with all its files', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const folder = await serverFolder(servers, 'drag-down');
  const files: Record<string, Buffer> = {
    'album/cover.jpg': randomBytes(300_001),
    'album/notes é.txt': Buffer.from('liner notes'),
    'album/empty.txt': Buffer.alloc(0),
    'album/disc 2/track 01.flac': randomBytes(2 * 1024 * 1024),
    'album/disc 2/deep/er/x.bin': randomBytes(5),
  };
  for (const [rel, data] of Object.entries(files))
    await servers.fixtures.writeFile(`${folder}/${rel}`, data);
  await servers.fixtures.mkdir(`${folder}/album/nothing here`);
  const target = join(ferryApp.home, 'Downloads');
  await mkdir(target);

  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const local = localPane(page);
  const remote = remotePane(page);
  await local.goTo(target);
  await remote.goTo(at(folder));

  await dragOnto(remote.cell('album'), local.grid);

  const panel = transfers(page);
  await panel.tab(/^Finished/).click();
  const row = panel.row('Download', 'album');
  await expect(row).toContainText('Done', { timeout: 30_000 });
  await expect(row).toContainText('5 of 5 files');
  for (const [rel, data] of Object.entries(files)) {
    expect(await sha256File(join(target, rel)), rel).toBe(sha256(data));
  }
  expect(existsSync(join(target, 'album', 'nothing here'))).toBe(true);
  await expect(local.cell('album')).toBeVisible();
});

/**
 * Puts report.txt on the server and a different report.txt at home, then uploads the local one
 * with the toolbar's Upload button (the keyboard way): the conflict question opens.
 */
async function startConflictingUpload(
  openFerry: () => Promise<Page>,
  servers: TestServers,
  home: string,
  folderName: string,
  existing: string,
) {
  const folder = await serverFolder(servers, folderName);
  await servers.fixtures.writeFile(`${folder}/report.txt`, existing);
  await writeFile(join(home, 'report.txt'), 'a newer local version');
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const local = localPane(page);
  await remotePane(page).goTo(at(folder));
  await local.cell('report.txt').click();
  await local.button('Upload to server').click();
  const question = page.getByRole('dialog', { name: 'This file already exists' });
  await expect(question).toBeVisible();
  await expect(question).toContainText('report.txt');
  return { page, folder, question };
}

/** Skip answers the question; the row says Skipped and the server's file is unchanged. */
async function skipAndExpectUntouched(
  page: Page,
  servers: TestServers,
  question: Locator,
  serverFile: string,
  existing: string,
) {
  await question.getByRole('button', { name: 'Skip', exact: true }).click();
  await expect(question).toHaveCount(0);
  const panel = transfers(page);
  await panel.tab(/^Finished/).click();
  await expect(panel.row('Upload', 'report.txt')).toContainText('Skipped');
  expect(await readFile(servers.fixtures.abs(serverFile), 'utf8')).toBe(existing);
}

test('SFTP: a conflict asks, and Skip leaves the existing file untouched', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const existing = 'the server’s version, which must survive';
  const { page, folder, question } = await startConflictingUpload(
    openFerry,
    servers,
    ferryApp.home,
    'conflict',
    existing,
  );
  await expect(question.getByRole('row', { name: /Existing file/ })).toContainText(
    `${Buffer.byteLength(existing)} B`,
  );
  await expect(question.getByRole('row', { name: /New file/ })).toContainText('21 B');
  await skipAndExpectUntouched(page, servers, question, `${folder}/report.txt`, existing);
});

test('SFTP: a conflict still open when the page reloads is asked again', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const existing = 'the server’s version, which must survive a reload';
  const { page, folder, question } = await startConflictingUpload(
    openFerry,
    servers,
    ferryApp.home,
    'conflict-reload',
    existing,
  );

  // The event that asked went to the old page; the engine still waits for an answer.
  await page.reload();
  await expect(page.getByRole('form', { name: 'Quick connect' })).toBeVisible();
  await expect(question).toBeVisible();
  await expect(question).toContainText('report.txt');
  await skipAndExpectUntouched(page, servers, question, `${folder}/report.txt`, existing);
});

test('FTPS: a file dropped on a folder row lands in that folder; Ctrl+D downloads', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const content = randomBytes(3 * 1024 * 1024 + 3);
  await writeFile(join(ferryApp.home, 'photo.raw'), content);
  const folder = await serverFolder(servers, 'ftps');
  await servers.fixtures.mkdir(`${folder}/inbox`);
  const serverCopy = randomBytes(70_000);
  await servers.fixtures.writeFile(`${folder}/from-server.dat`, serverCopy);
  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'ftps-explicit');
  const local = localPane(page);
  const remote = remotePane(page);
  await remote.goTo(at(folder));

  await local.cell('photo.raw').dragTo(remote.cell('inbox'));

  const panel = transfers(page);
  await panel.tab(/^Finished/).click();
  await expect(panel.row('Upload', 'photo.raw')).toContainText('Done', { timeout: 30_000 });
  expect(await sha256File(servers.fixtures.abs(`${folder}/inbox/photo.raw`))).toBe(sha256(content));
  expect(existsSync(servers.fixtures.abs(`${folder}/photo.raw`))).toBe(false);

  // The keyboard way down: select on the server, Ctrl+D, into the folder the local pane shows.
  await remote.cell('from-server.dat').click();
  await remote.grid.press('Control+d');
  await expect(panel.row('Download', 'from-server.dat')).toContainText('Done', {
    timeout: 30_000,
  });
  expect(await sha256File(join(ferryApp.home, 'from-server.dat'))).toBe(sha256(serverCopy));
});

test('a download whose part a crashed run left asks first, and “Resume” continues that part', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const folder = await serverFolder(servers, 'partial');
  const data = randomBytes(3 * 1024 * 1024);
  await servers.fixtures.writeFile(`${folder}/movie.bin`, data);
  const target = join(ferryApp.home, 'Partial');
  await mkdir(target);
  // What a run killed an hour ago, two thirds through, left behind.
  const part = join(target, '.movie.bin.0123456789ab.ferry-part');
  await writeFile(part, data.subarray(0, 2 * 1024 * 1024));
  const anHourAgo = new Date(Date.now() - 3600_000);
  await utimes(part, anHourAgo, anHourAgo);

  const page = await openFerry();
  const at = await connectTrusted(page, servers, 'sftp');
  const local = localPane(page);
  const remote = remotePane(page);
  await local.goTo(target);
  await remote.goTo(at(folder));
  await dragOnto(remote.cell('movie.bin'), local.grid);

  const question = page.getByRole('dialog', { name: 'Part of this file is already here' });
  await expect(question).toContainText('stopped before it finished');
  await expect(question.getByRole('row', { name: /Partial download/ })).toContainText('2');
  await question.getByRole('button', { name: 'Resume' }).click();
  const panel = transfers(page);
  await panel.tab(/^Finished/).click();
  await expect(panel.row('Download', 'movie.bin')).toContainText('Done', { timeout: 30_000 });
  expect(await sha256File(join(target, 'movie.bin'))).toBe(sha256(data));
  expect(existsSync(part)).toBe(false);
});
