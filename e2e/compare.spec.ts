/**
 * Directory comparison and synchronized browsing, end to end: the real renderer in Chromium
 * (browser edition) against the harness servers. A local folder and a server folder that differ
 * are compared; the marks are read as a user reads them (icon words in the rows, the summary);
 * the differing local files are selected and uploaded, and arrive byte for byte (SHA-256).
 * Over FTPS the server lists times to the minute only: a file changed within the same minute
 * counts as the same.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, utimes, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { sha256, sha256File } from './harness/checksums';
import type { TestServers } from './harness/servers';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { connectTrusted } from './helpers/connect';
import { localPane, remotePane, type PaneName } from './helpers/panes';

/** A whole minute, two hours ago: "Nov 26 19:24" in an FTP listing. */
const MINUTE = Math.floor((Date.now() - 2 * 3_600_000) / 60_000) * 60_000;
const at = (offsetSeconds: number) => new Date(MINUTE + offsetSeconds * 1000);

interface Side {
  write(rel: string, data: Buffer | string, time: Date): Promise<string>;
  mkdir(rel: string): Promise<void>;
}

function localSide(home: string): Side {
  return {
    async write(rel, data, time) {
      const path = join(home, rel);
      await writeFile(path, data);
      await utimes(path, time, time);
      return path;
    },
    mkdir: async (rel) => void (await mkdir(join(home, rel), { recursive: true })),
  };
}

function serverSide(servers: TestServers): Side {
  return {
    async write(rel, data, time) {
      const path = await servers.fixtures.writeFile(rel, data);
      await utimes(path, time, time);
      return path;
    },
    mkdir: async (rel) => void (await servers.fixtures.mkdir(rel)),
  };
}

const content = {
  same: randomBytes(3000),
  changedHere: randomBytes(5000),
  changedThere: randomBytes(4000),
  newerHere: randomBytes(2000),
  newerThere: randomBytes(2000),
  olderHere: randomBytes(1000),
  olderThere: randomBytes(1000),
  onlyHere: randomBytes(700),
  onlyThere: randomBytes(900),
};

/**
 * `site/` on both sides. `same.txt` has the same bytes; its server copy is 35 s older over FTP
 * (the same minute in the listing), the very same time over SFTP (which lists seconds).
 */
async function differingFolders(local: Side, server: Side, serverRel: string, sameLag: number) {
  await local.mkdir('site/img');
  await server.mkdir(`${serverRel}/img`);
  await local.write('site/same.txt', content.same, at(40));
  await server.write(`${serverRel}/same.txt`, content.same, at(40 - sameLag));
  await local.write('site/changed.txt', content.changedHere, at(10));
  await server.write(`${serverRel}/changed.txt`, content.changedThere, at(10));
  // A minute and more apart: newer over SFTP and over FTP's minutes alike.
  await local.write('site/newer.txt', content.newerHere, at(50));
  await server.write(`${serverRel}/newer.txt`, content.newerThere, at(-30));
  await local.write('site/older.txt', content.olderHere, at(-120));
  await server.write(`${serverRel}/older.txt`, content.olderThere, at(5));
  await local.write('site/local-only.txt', content.onlyHere, at(0));
  await server.write(`${serverRel}/server-only.txt`, content.onlyThere, at(0));
}

/** The name cell of `file` as a screen reader reads it: the name, then the mark's word. */
const markedCell = (page: Page, pane: PaneName, file: string, word: string) =>
  page
    .getByRole('grid', { name: pane })
    .getByRole('gridcell', { name: `${file} ${word}`, exact: true });

async function expectMarks(page: Page, pane: PaneName, marks: Record<string, string>) {
  for (const [file, word] of Object.entries(marks)) {
    await expect(markedCell(page, pane, file, word)).toBeVisible();
  }
}

const compareToggle = (page: Page) => page.getByRole('button', { name: 'Compare folders' });
const syncToggle = (page: Page) => page.getByRole('button', { name: 'Synchronized browsing' });
const summary = (page: Page) =>
  page.getByRole('region', { name: 'Folder comparison' }).getByRole('status');

function transfersPanel(page: Page) {
  const panel = page.getByRole('tabpanel', { name: 'Transfers' });
  return {
    tab: (name: RegExp) => panel.getByRole('tab', { name }),
    row: (name: string) => panel.getByRole('listitem', { name: `Upload ${name}`, exact: true }),
  };
}

for (const protocol of ['sftp', 'ftps-explicit'] as const) {
  const sameLag = protocol === 'sftp' ? 0 : 35;

  test(`${protocol}: comparison marks both folders, and the differing files it selects upload intact`, async ({
    servers,
    ferryApp,
    openFerry,
  }) => {
    const rel = `compare-${protocol}-${randomBytes(4).toString('hex')}/site`;
    await differingFolders(localSide(ferryApp.home), serverSide(servers), rel, sameLag);
    const page = await openFerry();
    const serverPath = await connectTrusted(page, servers, protocol);
    const local = localPane(page);
    const remote = remotePane(page);
    await remote.goTo(serverPath(rel));
    await local.goTo(join(ferryApp.home, 'site'));
    await expect(local.cell('same.txt')).toBeVisible();
    await expect(remote.cell('same.txt')).toBeVisible();

    // Off by default; on, every entry of both panes carries its mark.
    await expect(compareToggle(page)).toHaveAttribute('aria-pressed', 'false');
    await compareToggle(page).click();
    await expect(compareToggle(page)).toHaveAttribute('aria-pressed', 'true');
    await expectMarks(page, 'Local files', {
      'same.txt': 'same',
      img: 'same',
      'changed.txt': 'other size',
      'newer.txt': 'newer',
      'older.txt': 'older',
      'local-only.txt': 'only here',
    });
    await expectMarks(page, 'Remote files', {
      'same.txt': 'same',
      img: 'same',
      'changed.txt': 'other size',
      'newer.txt': 'older',
      'older.txt': 'newer',
      'server-only.txt': 'only here',
    });
    await expect(summary(page)).toHaveText(
      'Compared: 3 differ · 1 only on this computer · 1 only on the server · 2 the same',
    );
    const legend = page.getByRole('region', { name: 'Folder comparison' });
    await expect(legend).toContainText(
      protocol === 'sftp'
        ? 'Newer: changed later than the other side’s copy (to the second).'
        : 'times in the same minute count as the same',
    );

    // Forced colours (Windows high contrast) drop the tints: the marks keep their outline and icon.
    await page.emulateMedia({ forcedColors: 'active' });
    const badge = markedCell(page, 'Local files', 'newer.txt', 'newer').locator('.compare-mark');
    await expect(badge).toHaveCSS('border-top-style', 'solid');
    await expect(badge.locator('svg')).toBeVisible();
    await page.emulateMedia({ forcedColors: 'none' });

    // What to send up: only here, newer here, another size — not the older copy.
    await expect(local.pane).toContainText('3 files to upload: only here, newer, or another size.');
    await local.button('Select the differing files').click();
    await expect(local.status).toHaveText('6 items, 3 selected');
    const selected = local.grid.locator('[role="row"][aria-selected="true"] .file-name');
    await expect
      .poll(async () => (await selected.allTextContents()).sort())
      .toEqual(['changed.txt', 'local-only.txt', 'newer.txt']);

    // The existing commands send them: the Upload button, or Ctrl+U on the list that now has
    // the keyboard.
    await expect(local.grid).toBeFocused();
    if (protocol === 'sftp') await local.button('Upload to server').click();
    else await page.keyboard.press('Control+u');
    // changed.txt and newer.txt are on the server already: replace them.
    const question = page.getByRole('dialog', { name: 'This file already exists' });
    for (let asked = 0; asked < 2; asked += 1) {
      await question.getByRole('button', { name: 'Overwrite', exact: true }).click();
    }
    const panel = transfersPanel(page);
    await expect(panel.tab(/^Finished \(3\)/)).toBeVisible({ timeout: 30_000 });
    for (const [name, bytes] of [
      ['changed.txt', content.changedHere],
      ['newer.txt', content.newerHere],
      ['local-only.txt', content.onlyHere],
    ] as const) {
      expect(await sha256File(servers.fixtures.abs(`${rel}/${name}`))).toBe(sha256(bytes));
    }
    // The server copy the user did not select is untouched.
    expect(await sha256File(servers.fixtures.abs(`${rel}/older.txt`))).toBe(
      sha256(content.olderThere),
    );

    // The server pane lists its folder again; the uploads kept their times: now the same.
    await expectMarks(page, 'Remote files', {
      'changed.txt': 'same',
      'newer.txt': 'same',
      'local-only.txt': 'same',
      'older.txt': 'newer',
    });
    await expect(summary(page)).toHaveText(
      'Compared: 1 differ · 1 only on the server · 5 the same',
    );
    await expect(remote.pane).toContainText('2 files to download');

    // Off again: the marks go.
    await page.keyboard.press('Control+o');
    await expect(compareToggle(page)).toHaveAttribute('aria-pressed', 'false');
    await expect(local.cell('same.txt')).toBeVisible();
    await expect(summary(page)).toHaveCount(0);
  });
}

test('comparison follows the folders shown, also unrelated ones; what only the server has downloads', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const rel = `compare-follow-${randomBytes(4).toString('hex')}`;
  const server = serverSide(servers);
  await server.write(`${rel}/a/one.txt`, 'one', at(0));
  await server.write(`${rel}/b/two.txt`, 'two', at(0));
  await server.write(`${rel}/b/fonts/three.txt`, 'three', at(0));
  await mkdir(join(ferryApp.home, 'work'));
  await localSide(ferryApp.home).write('work/one.txt', 'one', at(0));
  const page = await openFerry();
  const serverPath = await connectTrusted(page, servers, 'sftp');
  const local = localPane(page);
  const remote = remotePane(page);
  await remote.goTo(serverPath(`${rel}/a`));
  await local.goTo(join(ferryApp.home, 'work'));
  await page.keyboard.press('Control+o');
  await expect(compareToggle(page)).toHaveAttribute('aria-pressed', 'true');
  await expectMarks(page, 'Local files', { 'one.txt': 'same' });
  await expectMarks(page, 'Remote files', { 'one.txt': 'same' });

  // Another server folder, unrelated to the local one: compared all the same.
  await remote.goTo(serverPath(`${rel}/b`));
  await expectMarks(page, 'Remote files', { 'two.txt': 'only here', fonts: 'only here' });
  await expectMarks(page, 'Local files', { 'one.txt': 'only here' });
  await expect(summary(page)).toHaveText(
    'Compared: 0 differ · 1 only on this computer · 2 only on the server · 0 the same',
  );

  // The other way: what only the server has is selected there and downloaded. A folder only
  // there is selected too, and counted apart: it brings all it holds.
  await expect(remote.pane).toContainText(
    '1 file and 1 folder to download: only here, newer, or another size.',
  );
  await remote.button('Select the differing files and folders').click();
  // (The server pane's region also holds the connection's and the comparison's status lines.)
  await expect(remote.status.filter({ hasText: 'selected' })).toHaveText('2 items, 2 selected');
  await remote.button('Download to this computer').click();
  await expectMarks(page, 'Local files', { 'two.txt': 'same', fonts: 'same' });
  await expectMarks(page, 'Remote files', { 'two.txt': 'same', fonts: 'same' });
  expect(await sha256File(join(ferryApp.home, 'work', 'two.txt'))).toBe(sha256('two'));
  expect(await sha256File(join(ferryApp.home, 'work', 'fonts', 'three.txt'))).toBe(sha256('three'));
  await expect(remote.pane).toContainText('Nothing to download');
});

test('ftps: a server whose listed times are hours off (its time zone) still finds the unchanged files the same', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const rel = `compare-zone-${randomBytes(4).toString('hex')}`;
  const local = localSide(ferryApp.home);
  const server = serverSide(servers);
  await local.mkdir('zone');
  // vsftpd lists UTC; a server three hours behind lists every time three hours earlier.
  const behind = (time: Date) => new Date(time.getTime() - 3 * 3_600_000);
  for (const [i, name] of ['a.txt', 'b.txt', 'c.txt'].entries()) {
    const bytes = randomBytes(500 + i);
    await local.write(`zone/${name}`, bytes, at(i * 70));
    await server.write(`${rel}/${name}`, bytes, behind(at(i * 70)));
  }
  // Changed here after the server's copy was written: of another size, and newer here.
  const edited = randomBytes(800);
  await local.write('zone/edited.txt', edited, at(0));
  await server.write(`${rel}/edited.txt`, randomBytes(600), behind(at(-600)));

  const page = await openFerry();
  const serverPath = await connectTrusted(page, servers, 'ftps-explicit');
  const localPaneOf = localPane(page);
  const remote = remotePane(page);
  await remote.goTo(serverPath(rel));
  await localPaneOf.goTo(join(ferryApp.home, 'zone'));
  await expect(remote.cell('edited.txt')).toBeVisible();
  await compareToggle(page).click();

  const same = { 'a.txt': 'same', 'b.txt': 'same', 'c.txt': 'same', 'edited.txt': 'other size' };
  await expectMarks(page, 'Local files', same);
  await expectMarks(page, 'Remote files', same);
  await expect(summary(page)).toHaveText(
    'Compared: 1 differ · 3 the same. The server’s times look 3 hours off (its time zone); compared with that in mind.',
  );
  await expect(localPaneOf.pane).toContainText('1 file to upload');
  await expect(remote.pane).toContainText('Nothing to download');
  await expectAccessible(page, 'directory comparison with a server whose times are hours off');
});

test('synchronized browsing: into a subfolder and up in step; a folder the server lacks turns it off', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const rel = `sync-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.writeFile(`${rel}/site/css/main.css`, 'body{}');
  await mkdir(join(ferryApp.home, 'site', 'css'), { recursive: true });
  await mkdir(join(ferryApp.home, 'site', 'drafts'));
  await writeFile(join(ferryApp.home, 'site', 'css', 'main.css'), 'body{}');
  const page = await openFerry();
  const serverPath = await connectTrusted(page, servers, 'sftp');
  const local = localPane(page);
  const remote = remotePane(page);
  await remote.goTo(serverPath(`${rel}/site`));
  await local.goTo(join(ferryApp.home, 'site'));

  await expect(syncToggle(page)).toHaveAttribute('aria-pressed', 'false');
  await syncToggle(page).click();
  await expect(syncToggle(page)).toHaveAttribute('aria-pressed', 'true');

  // Into css on this computer: the server pane opens its css too.
  await local.cell('css').dblclick();
  await expect(local.pathBar).toHaveValue(join(ferryApp.home, 'site', 'css'));
  await expect(remote.pathBar).toHaveValue(serverPath(`${rel}/site/css`));
  await expect(remote.cell('main.css')).toBeVisible();

  // Up on the server, with the keyboard: this computer goes up too.
  await remote.cell('main.css').click();
  await page.keyboard.press('Backspace');
  await expect(remote.pathBar).toHaveValue(serverPath(`${rel}/site`));
  await expect(local.pathBar).toHaveValue(join(ferryApp.home, 'site'));

  // drafts is only here: the user is told, the server pane stays, and syncing is off.
  await local.cell('drafts').dblclick();
  await expect(local.pathBar).toHaveValue(join(ferryApp.home, 'site', 'drafts'));
  await expect(
    page.getByRole('status').filter({ hasText: 'Synchronized browsing is off' }),
  ).toHaveText(
    `Synchronized browsing is off: the server has no folder “drafts” in ${serverPath(`${rel}/site`)}.`,
  );
  await expect(syncToggle(page)).toHaveAttribute('aria-pressed', 'false');
  await expect(remote.pathBar).toHaveValue(serverPath(`${rel}/site`));
  await expect(page.getByRole('alert')).toHaveCount(0);
  await expect(page.getByRole('dialog')).toHaveCount(0);

  // Off: moving on here leaves the server pane where it is. Ctrl+Y switches it on again.
  await local.button('Up one folder').click();
  await expect(local.pathBar).toHaveValue(join(ferryApp.home, 'site'));
  await expect(remote.pathBar).toHaveValue(serverPath(`${rel}/site`));
  await page.getByRole('button', { name: 'Dismiss', exact: true }).click();
  await expect(page.getByText('Synchronized browsing is off')).toHaveCount(0);
  await local.grid.focus();
  await page.keyboard.press('Control+y');
  await expect(syncToggle(page)).toHaveAttribute('aria-pressed', 'true');
  await local.cell('css').dblclick();
  await expect(remote.pathBar).toHaveValue(serverPath(`${rel}/site/css`));
});
