/**
 * Export… on one computer, Import… on another, through the app's real wiring: app A (sites with
 * every kind of login, trusted for good) exports; app B on an EMPTY data folder imports the file.
 * B's sites equal A's (minus secrets and trust), B asks for each password or passphrase and for
 * each server's key or certificate again, and then logs in to the real sshd and vsftpd (FTPS).
 */
import { mkdir, readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { harnessForSuite } from '../../../e2e/harness/vitest-suite';
import type { TrustDecision } from '../../../shared/contract/remote';
import type { SiteProfile } from '../../../shared/contract/sites';
import { createApp, type FerryApp } from '../app';
import { recorder } from '../transfers/testing';
import { sampleDraft } from './testing/sample-site';

const harness = harnessForSuite(['sftp', 'ftps-explicit'], 'ferry-site-export-');

interface TestApp {
  app: FerryApp;
  dataDir: string;
  /** Trust questions this app asked (each answered with its decision). */
  asked: string[];
}

function startApp(dataDir: string, decision: TrustDecision): TestApp {
  const events = recorder();
  const app = createApp({ edition: 'browser', dataDir, version: 'test', emit: events.emit });
  const asked: string[] = [];
  events.on('trust.prompt', (prompt) => {
    asked.push(`${prompt.kind} ${prompt.port}`);
    setTimeout(() => void app.handlers['trust.respond']({ promptId: prompt.promptId, decision }));
  });
  return { app, dataDir, asked };
}

let here: TestApp;
let there: TestApp;
beforeAll(async () => {
  const dirs = [join(harness.scratch, 'here'), join(harness.scratch, 'there')];
  for (const dir of dirs) await mkdir(dir);
  here = startApp(dirs[0]!, 'trust-always');
  there = startApp(dirs[1]!, 'trust-once');
});
afterAll(async () => {
  await here?.app.dispose();
  await there?.app.dispose();
});

const secretsOf = () => [harness.servers.user.password, harness.servers.clientKey.passphrase];

async function filesUnder(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries.filter((e) => e.isFile()).map((e) => join(e.parentPath, e.name));
}

/** A site as the other computer should see it: no ids, secrets, revisions, times or trust. */
function portable(site: SiteProfile, folders: { id: string; name: string }[]) {
  const { id: _i, revision: _r, createdAt: _c, updatedAt: _u, folderId, ...rest } = site;
  const { hasPassword: _p, hasPassphrase: _q, passwordNotImported: _n, ...flagless } = rest;
  const {
    hasProxyPassword: _x,
    hasJumpPassword: _j,
    hasJumpPassphrase: _k,
    ...settings
  } = flagless;
  return {
    ...settings,
    folder: folders.find((f) => f.id === folderId)?.name ?? null,
    bookmarks: site.bookmarks.map(({ id: _b, ...b }) => b),
  };
}

describe('sites moved to another computer', () => {
  it('arrive identical minus secrets, ask for them, and log in to the real servers', async () => {
    const { servers } = harness;
    const call = here.app.handlers;
    await call['sites.secrets.useMasterPassword']({ masterPassword: 'a long master pw' });
    const folder = await call['sites.folder.create']({ name: 'Harness', parentId: null });
    await servers.fixtures.writeFile('moved/inside.txt', 'inside');
    const sftpBase = { host: '127.0.0.1', port: servers.sftp!.port, user: servers.user.name };
    const withPassword = await call['sites.save']({
      site: sampleDraft({
        ...sftpBase,
        name: 'sshd, password',
        folderId: folder.id,
        remoteDir: `${servers.root}/moved`,
        localDir: '/tmp',
        transferConcurrency: 2,
        serverTimeOffsetMinutes: 60,
        colour: 'blue',
        notes: 'Made for the round trip',
      }),
      secrets: { password: servers.user.password },
    });
    await call['sites.bookmark.add']({
      siteId: withPassword.id,
      bookmark: {
        name: 'Moved',
        remoteDir: `${servers.root}/moved`,
        localDir: '/tmp',
        syncBrowsing: true,
      },
    });
    const withKey = await call['sites.save']({
      site: sampleDraft({
        ...sftpBase,
        name: 'sshd, key file',
        auth: 'key',
        keyFile: servers.clientKey.privateKeyPath,
      }),
      secrets: { passphrase: servers.clientKey.passphrase },
    });
    const ftps = await call['sites.save']({
      site: sampleDraft({
        name: 'vsftpd, FTPS',
        folderId: folder.id,
        protocol: 'ftps-explicit',
        host: '127.0.0.1',
        port: servers.ftpsExplicit!.port,
        user: servers.user.name,
        passive: true,
        minTlsVersion: 'TLSv1.2',
      }),
      secrets: { password: servers.user.password },
    });
    // This computer trusts every server for good before exporting.
    for (const site of [withPassword, withKey, ftps]) {
      const session = await call['sites.connect']({ siteId: site.id });
      await call['remote.disconnect']({ sessionId: session.sessionId });
    }
    expect(here.asked).toHaveLength(2);

    const exported = await call['sites.export']({});
    for (const secret of secretsOf()) expect(exported.content).not.toContain(secret);
    expect(exported.content).not.toMatch(/fingerprint|BEGIN CERTIFICATE|ssh-ed25519 AAAA/);

    const other = there.app.handlers;
    const summary = await other['sites.import.commit']({
      format: 'ferry',
      content: exported.content,
      skip: [],
    });
    expect(summary).toMatchObject({ imported: 3, foldersCreated: 1, refused: [] });
    const before = await call['sites.list']({});
    const after = await other['sites.list']({});
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(after.sites.map((s) => portable(s, after.folders)).sort(byName)).toEqual(
      before.sites.map((s) => portable(s, before.folders)).sort(byName),
    );
    const imported = (name: string) => after.sites.find((s) => s.name === name)!;

    // No secret came along: each login asks (a code the page turns into a question), and a
    // key file without its passphrase says so.
    for (const name of ['sshd, password', 'vsftpd, FTPS']) {
      await expect(other['sites.connect']({ siteId: imported(name).id })).rejects.toMatchObject({
        code: 'secret_unavailable',
      });
    }
    await expect(
      other['sites.connect']({ siteId: imported('sshd, key file').id }),
    ).rejects.toMatchObject({ code: 'auth_failed', hint: expect.stringMatching(/passphrase/) });
    expect(there.asked).toEqual([]);

    // Given the password, it logs in; the server's key is asked about again here.
    const sftp = await other['sites.connect']({
      siteId: imported('sshd, password').id,
      password: servers.user.password,
    });
    expect(sftp.initialRemoteDir).toBe(`${servers.root}/moved`);
    const listing = await other['remote.list']({
      sessionId: sftp.sessionId,
      path: `${servers.root}/moved`,
    });
    expect(listing.entries.map((e) => e.name)).toContain('inside.txt');
    const keyed = await other['sites.connect']({
      siteId: imported('sshd, key file').id,
      passphrase: servers.clientKey.passphrase,
    });
    const tls = await other['sites.connect']({
      siteId: imported('vsftpd, FTPS').id,
      password: servers.user.password,
    });
    expect(there.asked).toEqual([
      `host-key ${servers.sftp!.port}`,
      `host-key ${servers.sftp!.port}`,
      `certificate ${servers.ftpsExplicit!.port}`,
    ]);
    for (const session of [sftp, keyed, tls]) {
      await other['remote.disconnect']({ sessionId: session.sessionId });
    }

    // Nothing secret sits in the other computer's data folder either.
    for (const file of await filesUnder(there.dataDir)) {
      const text = await readFile(file, 'utf8');
      for (const secret of secretsOf()) expect(text, file).not.toContain(secret);
    }
  });
});
