import { describe, expect, it } from 'vitest';
import { CURRENT_VERSION, parseSitesFile } from './document';
import { sampleDraft } from './testing/sample-site';

/** A site as a Ferry that knew only version 3 wrote it: no proxy, no file name encoding. */
function version3Site() {
  const {
    proxyMode: _m,
    proxyHost: _h,
    proxyPort: _p,
    proxyUser: _u,
    nameEncoding: _e,
    ...v3
  } = sampleDraft({ name: 'Shop', protocol: 'ftps-explicit', port: 21 });
  return {
    ...v3,
    id: 's1',
    hasPassword: true,
    hasPassphrase: false,
    passwordNotImported: false,
    bookmarks: [],
    revision: 2,
    createdAt: 1,
    updatedAt: 1,
  };
}

describe('sites file version 4 (a proxy per site, an FTP site’s file name encoding)', () => {
  it('reads a version-3 file with the app’s proxy and Automatic encoding, as version 4', () => {
    const text = JSON.stringify({ version: 3, folders: [], sites: [version3Site()], recent: [] });
    const parsed = parseSitesFile(text);
    expect(parsed).toMatchObject({ ok: true, migratedFrom: 3 });
    if (!parsed.ok) return;
    // And on to the current version (migrate-v4.ts and later), every step keeping the site.
    expect(parsed.document.version).toBe(CURRENT_VERSION);
    expect(parsed.document.sites[0]).toMatchObject({
      name: 'Shop',
      hasPassword: true,
      proxyMode: 'app',
      proxyHost: '',
      proxyUser: '',
      nameEncoding: 'auto',
    });
  });
});
