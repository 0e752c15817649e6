/**
 * Moving items within one pane, in real Chromium against the real SFTP server and the local
 * disk: a file dragged onto a folder row (and a breadcrumb) moves there on the server, "Move to…"
 * (Shift+F6) asks before replacing, a folder is never moved into itself, and "Copy path" /
 * "Copy URL" put what they say on the clipboard; a local move to another drive (/dev/shm) is
 * copied, checked and removed, and a large one shows progress and stops. Every move is checked
 * on disk by checksum.
 */
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import {
  chown,
  mkdir,
  mkdtemp,
  readdir,
  readFile,
  rm,
  stat,
  truncate,
  utimes,
  writeFile,
} from 'node:fs/promises';
import { join } from 'node:path';
import { sha256 } from './harness/checksums';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { connectTrusted } from './helpers/connect';
import { NOBODY } from './helpers/local-home';
import { expectFocusStaysIn, tabTo } from './helpers/keyboard';
import { localPane, remotePane } from './helpers/panes';

test('SFTP: drag a file onto a folder, Move to… with a clash, and copy paths and URLs', async ({
  servers,
  openFerry,
  context,
}) => {
  await context.grantPermissions(['clipboard-read', 'clipboard-write']);
  const own = `pane-move-${randomBytes(4).toString('hex')}`;
  const report = randomBytes(50_000);
  await servers.fixtures.writeFile(`${own}/report.pdf`, report);
  await servers.fixtures.writeFile(`${own}/notes.txt`, 'the new notes');
  await servers.fixtures.writeFile(`${own}/archive/notes.txt`, 'the old notes');
  await servers.fixtures.mkdir(`${own}/inbox`);
  const disk = (rel: string) => servers.fixtures.abs(`${own}/${rel}`);
  const here = `${servers.root}/${own}`;

  const page = await openFerry();
  await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(here);

  // Drag onto a folder row of the same pane: moved there on the server, not transferred.
  await remote.cell('report.pdf').dragTo(remote.cell('inbox'));
  await expect(remote.cell('report.pdf')).toHaveCount(0);
  expect(sha256(await readFile(disk('inbox/report.pdf')))).toBe(sha256(report));
  await expect(page.getByRole('tabpanel', { name: 'Transfers' }).getByRole('listitem')).toHaveCount(
    0,
  );

  // And back, onto the breadcrumb of the folder above.
  await remote.cell('inbox').dblclick();
  await expect(remote.cell('report.pdf')).toBeVisible();
  const crumbs = remote.pane.getByRole('navigation', { name: /Breadcrumbs/ });
  await remote.cell('report.pdf').dragTo(crumbs.getByRole('button', { name: own, exact: true }));
  await expect(remote.cell('report.pdf')).toHaveCount(0);
  expect(sha256(await readFile(disk('report.pdf')))).toBe(sha256(report));
  await remote.grid.press('Backspace');
  await expect(remote.pathBar).toHaveValue(here);

  // Move to… from the keyboard; the name is taken there, so Ferry asks first.
  await remote.cell('notes.txt').click();
  await remote.grid.press('Shift+F6');
  const moveTo = page.getByRole('dialog', { name: 'Move “notes.txt” to…' });
  const field = moveTo.getByRole('textbox', { name: 'Folder to move to' });
  await expect(field).toBeFocused();
  await expect(field).toHaveValue(here);
  await field.fill('archive');
  await field.press('Enter');
  const clash = page.getByRole('dialog', { name: `“notes.txt” is already in ${here}/archive` });
  await expect(clash).toBeVisible();
  await expect(clash.getByRole('button', { name: 'Skip' })).toBeFocused();
  expect(await readFile(disk('archive/notes.txt'), 'utf8')).toBe('the old notes');
  await clash.getByRole('button', { name: 'Replace' }).click();
  await expect(remote.cell('notes.txt')).toHaveCount(0);
  expect(await readFile(disk('archive/notes.txt'), 'utf8')).toBe('the new notes');
  expect(existsSync(disk('notes.txt'))).toBe(false);

  // A folder into its own subfolder: refused in words, nothing changed.
  await servers.fixtures.mkdir(`${own}/inbox/sub`);
  await remote.cell('inbox').click();
  await remote.grid.press('Shift+F6');
  const moveInbox = page.getByRole('dialog', { name: 'Move “inbox” to…' });
  await moveInbox.getByRole('textbox', { name: 'Folder to move to' }).fill(`${here}/inbox/sub`);
  await moveInbox.getByRole('button', { name: 'Move' }).click();
  await expect(remote.pane.getByRole('alert')).toContainText(
    'The folder "inbox" cannot be moved into itself or into a folder inside it.',
  );
  await expect(remote.cell('inbox')).toBeVisible();

  // Copy path and Copy URL of two items, one a line; never a password.
  await remote.cell('archive').click();
  await remote.cell('inbox').click({ modifiers: ['Control'] });
  await remote.cell('inbox').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Copy paths' }).click();
  const clipboard = () =>
    page.evaluate(() =>
      (
        globalThis as unknown as { navigator: { clipboard: { readText(): Promise<string> } } }
      ).navigator.clipboard.readText(),
    );
  expect(await clipboard()).toBe(`${here}/archive\n${here}/inbox`);
  await remote.cell('inbox').click({ button: 'right' });
  await page.getByRole('menuitem', { name: 'Copy URLs' }).click();
  const base = `sftp://${servers.user.name}@127.0.0.1:${servers.sftp!.port}${here}`;
  expect(await clipboard()).toBe(`${base}/archive\n${base}/inbox`);
  expect(await clipboard()).not.toContain(servers.user.password);
});

test('local pane: drag onto a folder moves on disk; a name taken there can be skipped; cut and paste', async ({
  ferryApp,
  openFerry,
}) => {
  const home = ferryApp.home;
  await mkdir(join(home, 'Music'));
  await mkdir(join(home, 'Old'));
  await writeFile(join(home, 'song.mp3'), 'new song');
  await writeFile(join(home, 'Music', 'song.mp3'), 'old song');
  await writeFile(join(home, 'tune.mp3'), 'tune');
  const page = await openFerry();
  const local = localPane(page);
  await expect(local.cell('song.mp3')).toBeVisible();

  await local.cell('tune.mp3').dragTo(local.cell('Old'));
  await expect(local.cell('tune.mp3')).toHaveCount(0);
  expect(await readFile(join(home, 'Old', 'tune.mp3'), 'utf8')).toBe('tune');

  await local.cell('song.mp3').dragTo(local.cell('Music'));
  const clash = page.getByRole('dialog', { name: /“song.mp3” is already in/ });
  await clash.getByRole('button', { name: 'Skip' }).click();
  await expect(clash).toHaveCount(0);
  await expect(local.cell('song.mp3')).toBeVisible();
  expect(await readFile(join(home, 'Music', 'song.mp3'), 'utf8')).toBe('old song');
  expect(await readFile(join(home, 'song.mp3'), 'utf8')).toBe('new song');

  // Cut and paste, as in WinSCP: Ctrl+X here, Ctrl+V in the folder it goes to.
  await local.cell('song.mp3').click();
  await local.grid.press('Control+x');
  await expect(local.status).toContainText('1 cut (Ctrl+V moves it here)');
  // Dimmed and said as cut, as in Explorer; Escape cancels the cut, Ctrl+X cuts again.
  const cutRow = local.grid.getByRole('row', { name: /^song\.mp3 \(cut\)/ });
  await expect(cutRow).toHaveClass(/is-cut/);
  await local.grid.press('Escape');
  await expect(cutRow).toHaveCount(0);
  await expect(local.cell('song.mp3')).toBeVisible();
  await expect(local.status).not.toContainText('cut');
  await local.grid.press('Control+x');
  await expect(cutRow).toBeVisible();
  await local.cell('Old').dblclick();
  await expect(local.pathBar).toHaveValue(join(home, 'Old'));
  await local.grid.press('Control+v');
  await expect(local.cell('song.mp3')).toBeVisible();
  await expect(local.grid.getByRole('row', { selected: true })).toContainText('song.mp3');
  expect(await readFile(join(home, 'Old', 'song.mp3'), 'utf8')).toBe('new song');
  expect(existsSync(join(home, 'song.mp3'))).toBe(false);
  await expect(local.status).not.toContainText('cut');
});

// /dev/shm is a tmpfs: a move there from the disk crosses drives (copy, check, then delete).
test('local pane: a move to another drive copies, checks and removes; a large one shows progress and stops', async ({
  ferryApp,
  openFerry,
}) => {
  test.skip(process.platform !== 'linux', 'needs /dev/shm');
  const home = ferryApp.home;
  const other = await mkdtemp('/dev/shm/ferry-e2e-move-');
  try {
    const video = randomBytes(3 * 1024 * 1024);
    await writeFile(join(home, 'video.mp4'), video);
    const when = new Date('2024-01-02T03:04:05Z');
    await utimes(join(home, 'video.mp4'), when, when);
    await writeFile(join(other, 'video.mp4'), 'an older video');
    // Sparse: 1 GiB at no cost, long enough to copy for the progress to show.
    await writeFile(join(home, 'disk.img'), '');
    await truncate(join(home, 'disk.img'), 1024 ** 3);
    const page = await openFerry();
    const local = localPane(page);

    // Move to… the other drive; the name is taken there, so Ferry asks as on one drive.
    await local.cell('video.mp4').click();
    await local.grid.press('Shift+F6');
    const moveTo = page.getByRole('dialog', { name: 'Move “video.mp4” to…' });
    await moveTo.getByRole('textbox', { name: 'Folder to move to' }).fill(other);
    await moveTo.getByRole('button', { name: 'Move' }).click();
    const clash = page.getByRole('dialog', { name: `“video.mp4” is already in ${other}` });
    await clash.getByRole('button', { name: 'Replace' }).click();
    await expect(local.cell('video.mp4')).toHaveCount(0);
    expect(sha256(await readFile(join(other, 'video.mp4')))).toBe(sha256(video));
    expect((await stat(join(other, 'video.mp4'))).mtime).toEqual(when);
    expect(existsSync(join(home, 'video.mp4'))).toBe(false);
    expect(await readdir(other)).toEqual(['video.mp4']);

    // A large move shows how far it is; Stop leaves the original and no partial copy.
    await local.cell('disk.img').click();
    await local.grid.press('Shift+F6');
    const moveImage = page.getByRole('dialog', { name: 'Move “disk.img” to…' });
    await moveImage.getByRole('textbox', { name: 'Folder to move to' }).fill(other);
    await moveImage.getByRole('button', { name: 'Move' }).click();
    // The dialog shows it while it stays open; closed, the pane does.
    await expect(moveImage.getByRole('progressbar', { name: 'Moving “disk.img”' })).toBeVisible();
    await expectAccessible(page, 'Move to… with a move to another drive in progress');
    await moveImage.getByRole('button', { name: 'Cancel' }).click();
    await expect(local.pane.getByRole('progressbar', { name: 'Moving “disk.img”' })).toBeVisible();
    await expectAccessible(page, 'a pane with a move to another drive in progress');
    await local.button('Stop').click();
    await expect(local.pane.getByRole('alert')).toContainText(
      'The move was stopped: nothing was moved.',
    );
    await expect(local.pane.getByRole('progressbar')).toHaveCount(0);
    await expect(local.cell('disk.img')).toBeVisible();
    expect((await stat(join(home, 'disk.img'))).size).toBe(1024 ** 3);
    expect(await readdir(other)).toEqual(['video.mp4']);
  } finally {
    await rm(other, { recursive: true, force: true });
  }
});

test('keyboard only, and scanned: the menu, Move to…, the clash question with “for all”, the summary', async ({
  servers,
  openFerry,
}) => {
  const own = `pane-move-keys-${randomBytes(4).toString('hex')}`;
  for (const name of ['a.txt', 'b.txt']) {
    await servers.fixtures.writeFile(`${own}/${name}`, `new ${name}`);
    await servers.fixtures.writeFile(`${own}/target/${name}`, `old ${name}`);
  }
  await servers.fixtures.writeFile(`${own}/photos/mine.jpg`, 'mine');
  await servers.fixtures.writeFile(`${own}/target/photos/theirs.jpg`, 'theirs');
  const disk = (rel: string) => servers.fixtures.abs(`${own}/${rel}`);
  const here = `${servers.root}/${own}`;

  const page = await openFerry();
  await connectTrusted(page, servers, 'sftp');
  const remote = remotePane(page);
  await remote.goTo(here);
  await expect(remote.cell('target')).toBeVisible();
  await remote.grid.focus();
  await remote.grid.press('Control+a');

  await remote.grid.press('Shift+F10');
  const menu = page.getByRole('menu', { name: 'Remote files actions' });
  await expect(menu.getByRole('menuitem', { name: 'Move to…' })).toBeVisible();
  await expect(menu.getByRole('menuitem', { name: 'Copy URLs' })).toBeVisible();
  await expectAccessible(page, 'file-pane menu with Move to… and Copy paths');
  await page.keyboard.press('Escape');

  await remote.grid.press('Shift+F6');
  const moveTo = page.getByRole('dialog', { name: 'Move 4 items to…' });
  await expect(moveTo).toBeVisible();
  await expectAccessible(page, 'Move to… dialog');
  await expectFocusStaysIn(page, moveTo);
  const field = moveTo.getByRole('textbox', { name: 'Folder to move to' });
  await tabTo(page, field);
  await page.keyboard.press('Control+a');
  await page.keyboard.type('target');
  await page.keyboard.press('Enter');

  const clash = page.getByRole('dialog', { name: `“a.txt” is already in ${here}/target` });
  await expect(clash).toBeVisible();
  await expectAccessible(page, 'the clash question, with “for all”');
  await expectFocusStaysIn(page, clash);
  await tabTo(page, clash.getByRole('checkbox', { name: 'Do the same for the other 1 clash' }));
  await page.keyboard.press('Space');
  await tabTo(page, clash.getByRole('button', { name: 'Replace' }));
  await page.keyboard.press('Enter');

  // Both files replaced (one answer for all); the folder clash and the folder into itself are
  // said in one notice, and the keyboard is back on the list.
  const notice = remote.pane.getByRole('alert');
  await expect(notice).toContainText('2 of 4 not moved');
  await expect(notice).toContainText('A folder named "photos" is already in');
  await expect(notice).toContainText('The folder "target" cannot be moved into itself');
  await expect(notice).toContainText('The others were moved.');
  await expect(remote.grid).toBeFocused();
  await expectAccessible(page, 'a pane saying what did not move');
  expect(await readFile(disk('target/a.txt'), 'utf8')).toBe('new a.txt');
  expect(await readFile(disk('target/b.txt'), 'utf8')).toBe('new b.txt');
  expect(await readFile(disk('photos/mine.jpg'), 'utf8')).toBe('mine');
  expect(existsSync(disk('a.txt'))).toBe(false);

  // Escape leaves Move to… without moving anything; the keyboard goes back to the list.
  await remote.grid.press('Shift+F6');
  await expect(page.getByRole('dialog', { name: /^Move / })).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByRole('dialog', { name: /^Move / })).toHaveCount(0);
  await expect(remote.grid).toBeFocused();
});

test.describe('as an ordinary user', () => {
  // Root may move anything; the app runs as `nobody` so that permissions apply.
  test.use({ ferryOptions: { runAs: NOBODY } });

  test('a move the system refuses is said in words, and the other item still moves', async ({
    ferryApp,
    openFerry,
  }) => {
    const home = ferryApp.home;
    await mkdir(join(home, 'Inbox'));
    await chown(join(home, 'Inbox'), NOBODY.uid, NOBODY.gid);
    // Root's folder: moving it elsewhere needs write access to it, which nobody lacks.
    await mkdir(join(home, 'Shared'), { mode: 0o755 });
    await writeFile(join(home, 'free.txt'), 'free');
    const page = await openFerry();
    const local = localPane(page);
    await expect(local.cell('Shared')).toBeVisible();

    await local.cell('Shared').click();
    await local.cell('free.txt').click({ modifiers: ['Control'] });
    await local.cell('free.txt').dragTo(local.cell('Inbox'));
    const notice = local.pane.getByRole('alert');
    await expect(notice).toContainText(
      `1 of 2 not moved: "Shared": You do not have permission to move ${join(home, 'Shared')}.`,
    );
    await expect(notice).toContainText('The others were moved.');
    expect(await readFile(join(home, 'Inbox', 'free.txt'), 'utf8')).toBe('free');
    await expect(local.cell('Shared')).toBeVisible();
    await expect(local.cell('free.txt')).toHaveCount(0);
  });
});
