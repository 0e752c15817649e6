/**
 * "Test connection" on a saved site, through the app's real wiring (session manager, FTP client)
 * against a recording FTP server: a saved password goes only to the server it was saved for,
 * and in clear text only where the user said yes to plain FTP.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import {
  methods,
  type MethodArgs,
  type MethodInput,
  type MethodName,
  type MethodOutput,
} from '../../../shared/contract';
import {
  plainFtpRouteKey,
  plainFtpServerKey,
  type SiteProfile,
} from '../../../shared/contract/sites';
import { createApp, type FerryApp } from '../app';
import { startRecordingFtp, type RecordingFtpServer } from './testing/recording-ftp';
import { SITES_FILE } from './site-store';
import { sampleDraft } from './testing/sample-site';

const STORED = 'stored-ssh-Pässword';
const TYPED = 'typed-for-this-test';

let dataDir: string;
let app: FerryApp;
let ftp: RecordingFtpServer;

beforeEach(async () => {
  dataDir = await mkdtemp(join(tmpdir(), 'ferry-sites-test-'));
  app = createApp({ edition: 'browser', dataDir, version: 'test', emit: () => undefined });
  ftp = await startRecordingFtp();
  await call('sites.secrets.useMasterPassword', { masterPassword: 'a long master pw' });
});
afterEach(async () => {
  await app.dispose();
  await ftp.close();
  await rm(dataDir, { recursive: true, force: true });
});

/** Calls a handler the way the transports do: input validated by the contract first. */
function call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  const args = methods[method].input.parse(input) as MethodArgs<M>;
  return app.handlers[method](args);
}

function editable(site: SiteProfile) {
  const { hasPassword: _a, hasPassphrase: _b, passwordNotImported: _c, ...rest } = site;
  const { revision: _d, createdAt: _e, updatedAt: _f, ...draft } = rest;
  return draft;
}

const passwordsSent = () => ftp.commands.filter((c) => c.startsWith('PASS '));

describe('“Test connection” with a saved password', () => {
  it('never sends a saved SFTP password to the FTP server the form now points at', async () => {
    const saved = await call('sites.save', {
      site: sampleDraft({ name: 'SSH box', host: '127.0.0.1', port: 2222, user: 'alice' }),
      secrets: { password: STORED },
    });
    expect(saved.hasPassword).toBe(true);

    // The auditor's case: the form switched to plain FTP on another port, password untouched.
    const switched = { ...editable(saved), protocol: 'ftp' as const, port: ftp.port };
    const refused = call('sites.test', { site: switched, plainFtpAcknowledged: true });
    await expect(refused).rejects.toMatchObject({
      code: 'secret_unavailable',
      message: expect.stringContaining('saved password for “SSH box”'),
      hint: expect.stringContaining('Type the password'),
    });
    expect(ftp.connections()).toBe(0);

    // A password typed in the form goes to the new server; the saved one never does.
    await expect(
      call('sites.test', { site: switched, password: TYPED, plainFtpAcknowledged: true }),
    ).rejects.toMatchObject({ code: 'auth_failed' });
    expect(passwordsSent()).toEqual([`PASS ${TYPED}`]);
    expect(ftp.commands.join('\n')).not.toContain(STORED);
  });

  it('uses the saved password only while protocol, host, port and user are the saved ones', async () => {
    const saved = await call('sites.save', {
      site: sampleDraft({
        name: 'Old FTP',
        protocol: 'ftp',
        host: '127.0.0.1',
        port: ftp.port,
        user: 'bob',
      }),
      secrets: { password: STORED },
    });
    const form = editable(saved);

    // Same server, other settings edited: the saved password is used.
    await expect(
      call('sites.test', { site: { ...form, notes: 'edited' }, plainFtpAcknowledged: true }),
    ).rejects.toMatchObject({ code: 'auth_failed' });
    expect(passwordsSent()).toEqual([`PASS ${STORED}`]);

    const other = await startRecordingFtp();
    try {
      for (const changed of [
        { user: 'mallory' },
        { host: 'localhost' },
        { port: other.port },
        { protocol: 'ftps-explicit' as const },
      ]) {
        await expect(
          call('sites.test', { site: { ...form, ...changed }, plainFtpAcknowledged: true }),
          JSON.stringify(changed),
        ).rejects.toMatchObject({ code: 'secret_unavailable' });
      }
      expect(other.connections()).toBe(0);
      expect(ftp.connections()).toBe(1);
    } finally {
      await other.close();
    }
  });
});

describe('Connecting to a saved plain-FTP site', () => {
  it('counts the page’s yes only for where the saved site goes now, not a bare “yes”', async () => {
    const saved = await call('sites.save', {
      site: sampleDraft({ name: 'Old FTP', protocol: 'ftp', host: '127.0.0.1', port: ftp.port }),
      secrets: { password: STORED },
    });
    const refused = { code: 'plain_ftp_not_acknowledged' };
    // A page whose copy of the site still went through a jump host (saved since without one):
    // its yes was for that way, not this one.
    const before = plainFtpRouteKey('127.0.0.1', ftp.port, { host: 'bastion.test', port: 22 });
    await expect(
      call('sites.connect', { siteId: saved.id, plainFtpConsentFor: before }),
    ).rejects.toMatchObject(refused);
    // A yes that names no way at all (what pages sent before) is no yes either.
    const bare = { siteId: saved.id, plainFtpAcknowledged: true };
    await expect(call('sites.connect', bare as { siteId: string })).rejects.toMatchObject(refused);
    expect(ftp.connections()).toBe(0);

    // The yes for where it goes now: the saved password goes there (and is refused by it).
    await expect(
      call('sites.connect', { siteId: saved.id, plainFtpConsentFor: plainFtpServerKey(saved) }),
    ).rejects.toMatchObject({ code: 'auth_failed' });
    expect(passwordsSent()).toEqual([`PASS ${STORED}`]);
  });

  it('an earlier build’s yes to a site behind a jump host (“host:port” alone) does not carry to the way without it', async () => {
    const behind = await call('sites.save', {
      site: sampleDraft({
        name: 'Behind bastion',
        protocol: 'ftp',
        host: '127.0.0.1',
        port: ftp.port,
        jumpEnabled: true,
        jumpHost: 'bastion.test',
        jumpUser: 'me',
      }),
      secrets: { password: STORED, jumpPassword: 'jump-pw' },
    });
    // As a build before consents named the way wrote it: the server alone.
    const file = join(dataDir, SITES_FILE);
    const written = (await readFile(file, 'utf8')).replace(
      '"plainFtpAcknowledgedFor": null',
      `"plainFtpAcknowledgedFor": "127.0.0.1:${ftp.port}"`,
    );
    await writeFile(file, written);
    const loaded = (await call('sites.list', {})).sites.find((s) => s.id === behind.id)!;

    // The user turns the tunnel off, the form saving the site as it was loaded.
    await call('sites.save', { site: { ...editable(loaded), jumpEnabled: false } });
    await expect(call('sites.connect', { siteId: behind.id })).rejects.toMatchObject({
      code: 'plain_ftp_not_acknowledged',
    });
    expect(ftp.connections()).toBe(0);
  });
});
