import { describe, expect, it } from 'vitest';
import { DEFAULT_SITE_SETTINGS, type SiteDraft } from '../../../shared/contract/sites';
import { CURRENT_VERSION, parseSitesFile } from './document';
import { connectionParamsFor } from './site-connection';

const site: SiteDraft = {
  ...DEFAULT_SITE_SETTINGS,
  name: 'Old IIS',
  folderId: null,
  protocol: 'ftps-explicit',
  host: 'ftp.example.test',
};

describe("a site's file name encoding", () => {
  it('is Automatic in a sites file written before the setting existed', () => {
    const { nameEncoding: _left, ...older } = site;
    const stored = {
      ...older,
      id: 's1',
      hasPassword: false,
      hasPassphrase: false,
      passwordNotImported: false,
      bookmarks: [],
      revision: 1,
      createdAt: 1,
      updatedAt: 1,
    };
    const file = { version: CURRENT_VERSION, folders: [], sites: [stored], recent: [] };
    const parsed = parseSitesFile(JSON.stringify(file));
    expect(parsed.ok && parsed.document.sites[0]?.nameEncoding).toBe('auto');
    const unknown = { ...file, sites: [{ ...stored, nameEncoding: 'ebcdic' }] };
    expect(parseSitesFile(JSON.stringify(unknown))).toEqual({ ok: false, reason: 'corrupt' });
  });

  it('reaches an FTP connection, never an SFTP one, and Automatic adds nothing', () => {
    const secrets = { password: 'pw' };
    const legacy = { ...site, nameEncoding: 'windows-1252' as const };
    expect(connectionParamsFor(legacy, secrets, false).nameEncoding).toBe('windows-1252');
    expect(connectionParamsFor(site, secrets, false)).not.toHaveProperty('nameEncoding');
    const sftp = { ...legacy, protocol: 'sftp' as const };
    expect(connectionParamsFor(sftp, secrets, false)).not.toHaveProperty('nameEncoding');
  });
});
