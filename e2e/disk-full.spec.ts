/**
 * A local disk that fills up during a folder download, in the browser edition against a real
 * server and a real small file system: the queue stops once with a plain notice (no wall of
 * failed rows), and after making room, Resume queue finishes every file byte for byte.
 */
import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import type { Locator } from '@playwright/test';
import { sha256, sha256File } from './harness/checksums';
import { mountSmallDisk } from './harness/small-disk';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { connectTrusted } from './helpers/connect';
import { localPane, remotePane } from './helpers/panes';

/** Drops at the pane's bottom edge: on its background, not on a folder row. */
async function dragOnto(source: Locator, target: Locator) {
  const box = await target.boundingBox();
  if (!box) throw new Error('drop target not visible');
  await source.dragTo(target, { targetPosition: { x: box.width / 2, y: box.height - 12 } });
}

test('a full disk pauses the queue with a notice; Resume after making room finishes it', async ({
  servers,
  ferryApp,
  openFerry,
}) => {
  const own = `disk-full-${randomBytes(4).toString('hex')}`;
  const folder = 'photos';
  const files = Array.from({ length: 24 }, (_, i) => ({
    name: `img${String(i).padStart(2, '0')}.jpg`,
    data: randomBytes(16 * 1024),
  }));
  for (const file of files) {
    await servers.fixtures.writeFile(`${own}/${folder}/${file.name}`, file.data);
  }
  const disk = mountSmallDisk(join(ferryApp.home, 'usb-stick'), 128 * 1024);
  try {
    const page = await openFerry();
    const local = localPane(page);
    await local.goTo(disk.path);
    const at = await connectTrusted(page, servers, 'sftp');
    const remote = remotePane(page);
    // A folder of this test's own: the top folder fills up with other specs' folders.
    await remote.goTo(at(`/${own}`));
    await dragOnto(remote.cell(folder), local.grid);

    const panel = page.getByRole('tabpanel', { name: 'Transfers' });
    const notice = panel.getByRole('alert').filter({ hasText: 'Transfers paused.' });
    await expect(notice).toBeVisible({ timeout: 30_000 });
    await expect(notice).toContainText('There is no space left on the drive');
    await expect(panel.getByRole('button', { name: 'Resume queue' })).toBeVisible();
    await expect(panel.getByRole('tab', { name: /^Failed/ })).toHaveText('Failed (0)');
    await expectAccessible(page, 'transfers paused by a full disk');

    disk.grow(4 * 1024 * 1024);
    await panel.getByRole('button', { name: 'Resume queue' }).click();
    await expect(notice).toHaveCount(0);
    await panel.getByRole('tab', { name: /^Finished/ }).click();
    await expect(
      panel.getByRole('listitem', { name: `Download ${folder}`, exact: true }),
    ).toContainText('Done', { timeout: 30_000 });
    for (const file of files) {
      expect(await sha256File(join(disk.path, folder, file.name))).toBe(sha256(file.data));
    }
  } finally {
    disk.unmount();
  }
});
