/**
 * Unfinished transfers at the next start, as a user sees them: discarding an upload that was
 * replacing a file says its partial file is still on the server (nothing connected there), and
 * connecting to that server deletes it, leaving the old file whole; discarding uploads of new
 * files deletes the half file still as Ferry left it and keeps one changed since, saying why; a
 * folder transfer restored
 * after a restart comes back under its folder's row, counting the files done before, and every
 * file arrives whole (SHA-256). Real SFTP server; the last run's list is written as Ferry writes it.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readdir, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Page } from '@playwright/test';
import { sha256, sha256File } from './harness/checksums';
import type { TestServers } from './harness/servers';
import { expect, test } from './fixtures';
import { expectAccessible } from './helpers/axe';
import { connectTrusted, hostKeyQuestion } from './helpers/connect';
import { restartableApp } from './helpers/site-manager';
import { writeUnfinishedList } from './helpers/unfinished-list';

const app = restartableApp('ferry-unfinished-discard-e2e-');
const notice = (page: Page) => page.getByRole('region', { name: /not finished when Ferry closed/ });
const leftBehind = (page: Page) =>
  page.getByRole('region', { name: 'Discarded transfers left partial files behind.' });

/** Writes the list a run closed midway leaves, for the harness's SFTP server as a quick connection. */
async function lastRunLeft(servers: TestServers, jobs: object[]): Promise<void> {
  const sftp = servers.sftp;
  if (!sftp) throw new Error('The harness did not start sshd.');
  const server = { protocol: 'sftp', host: sftp.host, port: sftp.port, user: servers.user.name };
  await writeUnfinishedList(app.dataDir, [{ ...server, jobs }]);
}

test('Discard says a partial upload is still on the server; connecting there deletes it', async ({
  page,
  servers,
}) => {
  const rel = `site-${randomBytes(4).toString('hex')}`;
  const old = randomBytes(100_000);
  const temp = '.report.bin.a1b2c3d4e5f6.ferry-part';
  await servers.fixtures.writeFile(`${rel}/report.bin`, old);
  await servers.fixtures.writeFile(`${rel}/${temp}`, randomBytes(40_000));
  const home = join(app.dataDir, '..', 'home');
  await mkdir(home, { recursive: true });
  await writeFile(join(home, 'report.bin'), randomBytes(300_000));
  await lastRunLeft(servers, [
    {
      direction: 'upload',
      source: join(home, 'report.bin'),
      folder: `${servers.root}/${rel}`,
      path: ['report.bin'],
      size: 300_000,
      part: temp,
      resume: true,
      decision: 'overwrite',
    },
  ]);

  await app.start(page);
  await notice(page).getByRole('button', { name: 'Discard' }).click();
  await expect(notice(page)).toHaveCount(0);
  const left = leftBehind(page);
  const address = `sftp://${servers.user.name}@127.0.0.1:${servers.sftp?.port}`;
  await expect(left.getByRole('status')).toHaveText(
    `The partial upload ${servers.root}/${rel}/${temp} is still on 127.0.0.1: Ferry deletes it the next time you connect to ${address}, or delete it yourself.`,
  );
  await expectAccessible(page, 'unfinished transfers: a partial upload left on the server');
  expect(await readdir(servers.fixtures.abs(rel))).toContain(temp);

  await connectTrusted(page, servers, 'sftp');
  await expect
    .poll(async () => (await readdir(servers.fixtures.abs(rel))).sort(), { timeout: 15_000 })
    .toEqual(['report.bin']);
  expect(await sha256File(servers.fixtures.abs(`${rel}/report.bin`))).toBe(sha256(old));
  await left.getByRole('button', { name: 'OK' }).click();
  await expect(left).toHaveCount(0);
});

test('Discard of new files’ uploads deletes the half file still as Ferry left it, and keeps one changed since, saying why', async ({
  page,
  servers,
}) => {
  const rel = `new-${randomBytes(4).toString('hex')}`;
  await servers.fixtures.writeFile(`${rel}/draft.bin`, randomBytes(70_000));
  const theirs = randomBytes(90_000);
  await servers.fixtures.writeFile(`${rel}/notes.bin`, theirs);
  const home = join(app.dataDir, '..', 'home');
  await mkdir(home, { recursive: true });
  const upload = async (name: string, created: object) => {
    await writeFile(join(home, name), randomBytes(200_000));
    return {
      direction: 'upload',
      source: join(home, name),
      folder: `${servers.root}/${rel}`,
      path: [name],
      size: 200_000,
      resume: true,
      decision: 'overwrite',
      created,
    };
  };
  // What the server said when the last run closed: draft.bin is still that; notes.bin grew since.
  const draft = await stat(servers.fixtures.abs(`${rel}/draft.bin`));
  const closedAt = Math.floor(draft.mtimeMs / 1000) * 1000;
  await lastRunLeft(servers, [
    await upload('draft.bin', { size: 70_000, modified: closedAt }),
    await upload('notes.bin', { size: 60_000, modified: closedAt }),
  ]);

  await app.start(page);
  await connectTrusted(page, servers, 'sftp');
  await notice(page).getByRole('button', { name: 'Discard' }).click();
  const left = leftBehind(page);
  await expect(left.getByRole('status')).toHaveText(
    `The partial upload ${servers.root}/${rel}/notes.bin was left on 127.0.0.1: its size changed since Ferry closed (90,000 bytes now, 60,000 then): someone else may have written it.`,
  );
  await expectAccessible(page, 'unfinished transfers: a new file left on the server, and why');
  expect(await readdir(servers.fixtures.abs(rel))).toEqual(['notes.bin']);
  expect(await sha256File(servers.fixtures.abs(`${rel}/notes.bin`))).toBe(sha256(theirs));
});

test('a folder download restored after a restart comes back under its folder, counting the files done before', async ({
  page,
  servers,
}) => {
  const rel = `album-${randomBytes(4).toString('hex')}`;
  const home = join(app.dataDir, '..', 'home');
  const sums: string[] = [];
  for (let i = 0; i < 5; i++) {
    const data = randomBytes(150_000 + i);
    await servers.fixtures.writeFile(`${rel}/photo-${i}.raw`, data);
    sums.push(sha256(data));
    // The last run had finished the first three.
    if (i < 3) {
      await mkdir(join(home, rel), { recursive: true });
      await writeFile(join(home, rel, `photo-${i}.raw`), data);
    }
  }
  const file = (i: number) => ({
    direction: 'download',
    source: `${servers.root}/${rel}/photo-${i}.raw`,
    folder: home,
    path: [rel, `photo-${i}.raw`],
    size: 150_000 + i,
  });
  await lastRunLeft(servers, [{ ...file(3), earlier: { files: 3, bytes: 450_003 } }, file(4)]);

  await app.start(page);
  await expect(notice(page)).toContainText('2 transfers were not finished when Ferry closed');
  await notice(page).getByRole('button', { name: 'Restore' }).click();
  const prompt = page.getByRole('dialog', { name: 'Password for 127.0.0.1' });
  await prompt.getByLabel('Server password').fill(servers.user.password);
  await prompt.getByRole('button', { name: 'Connect' }).click();
  await hostKeyQuestion(page).getByRole('button', { name: 'Trust and remember' }).click();

  // One row for the whole folder, as before the restart: its files are counted in it.
  for (let i = 0; i < 5; i++) {
    await expect
      .poll(() => sha256File(join(home, rel, `photo-${i}.raw`)).catch(() => ''), {
        timeout: 30_000,
      })
      .toBe(sums[i]);
  }
  await page.getByRole('tab', { name: 'Finished' }).click();
  const finished = page.getByRole('list', { name: 'Finished transfers' });
  await expect(finished.getByRole('listitem')).toHaveCount(1);
  await expect(finished.getByRole('listitem', { name: `Download ${rel}` })).toContainText(
    '5 of 5 files',
  );
  await expectAccessible(page, 'unfinished transfers: a folder restored under its row');
});
