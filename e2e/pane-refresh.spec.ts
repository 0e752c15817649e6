/**
 * A finished upload refreshes the remote pane a moment later. A folder the user opened just
 * before that refresh must still open: the refresh once replaced it, leaving the pane on the old
 * folder while the path bar showed the new one (the UI benchmark's "locator.click: Timeout").
 */
import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { sha256, sha256File } from './harness/checksums';
import { expect, test } from './fixtures';
import { certificateQuestion, connectedStatus, quickConnectAsTestUser } from './helpers/connect';
import { startDelayRelay } from './helpers/delay-relay';
import { localPane, remotePane } from './helpers/panes';

test('FTPS: a folder opened while an upload finishes opens, and the upload lands intact', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const relay = await startDelayRelay(servers.ftpsExplicit!.port);
  try {
    const tag = randomBytes(4).toString('hex');
    const target = `refresh-target-${tag}`;
    const other = `refresh-other-${tag}`;
    await servers.fixtures.mkdir(target);
    await servers.fixtures.writeFile(`${other}/wanted.txt`, 'the folder the user asked for');
    const content = randomBytes(20_000);
    await writeFile(join(ferryApp.home, 'sent.bin'), content);
    const page = await openFerry();
    await quickConnectAsTestUser(page, servers, 'ftps-explicit', relay.port);
    await certificateQuestion(page).getByRole('button', { name: 'Connect once' }).click();
    await expect(connectedStatus(page)).toBeVisible();
    const local = localPane(page);
    const remote = remotePane(page);
    const shownFolder = remote.pane.locator('[aria-current="location"]');
    await remote.goTo(`/${target}`);
    await expect(shownFolder).toHaveAttribute('title', `/${target}`);
    await expect(remote.grid).toHaveAttribute('aria-busy', 'false');

    // The pane's own connection (the only one open yet) answers slowly from now on, so
    // the folder asked for next is still opening when the upload, on a connection of its own,
    // finishes and refreshes the pane.
    relay.holdReplies(3000);
    await remote.pathBar.fill(`/${other}`);
    await remote.pathBar.press('Enter');
    await local.cell('sent.bin').click();
    await local.button('Upload to server').click();

    const finished = page.getByRole('tabpanel', { name: 'Transfers' });
    await finished.getByRole('tab', { name: /^Finished/ }).click();
    await expect(
      finished.getByRole('listitem', { name: 'Upload sent.bin', exact: true }),
    ).toContainText('Done', { timeout: 30_000 });
    expect(await sha256File(servers.fixtures.abs(`${target}/sent.bin`))).toBe(sha256(content));

    await expect(shownFolder).toHaveAttribute('title', `/${other}`, { timeout: 15_000 });
    await expect(remote.cell('wanted.txt')).toBeVisible();
    await expect(remote.grid).toHaveAttribute('aria-busy', 'false');
    await expect(remote.pane.getByRole('alert')).toHaveCount(0);
  } finally {
    await relay.close();
  }
});
