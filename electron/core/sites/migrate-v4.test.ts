import { describe, expect, it } from 'vitest';
import { parseSitesFile } from './document';
import { sampleDraft } from './testing/sample-site';

/** A site as a Ferry that knew only version 4 wrote it: no jump host. */
function version4Site() {
  const {
    jumpEnabled: _e,
    jumpHost: _h,
    jumpPort: _p,
    jumpUser: _u,
    jumpAuth: _a,
    jumpKeyFile: _k,
    ...v4
  } = sampleDraft({ name: 'Intranet', protocol: 'sftp', port: 22, proxyMode: 'none' });
  return {
    ...v4,
    id: 's1',
    hasPassword: true,
    hasPassphrase: false,
    passwordNotImported: false,
    hasProxyPassword: false,
    bookmarks: [],
    revision: 3,
    createdAt: 1,
    updatedAt: 1,
  };
}

describe('sites file version 5 (an SSH jump host per site)', () => {
  it('reads a version-4 file with no jump host and everything else as it was, as version 5', () => {
    const text = JSON.stringify({ version: 4, folders: [], sites: [version4Site()], recent: [] });
    const parsed = parseSitesFile(text);
    expect(parsed).toMatchObject({ ok: true, migratedFrom: 4 });
    if (!parsed.ok) return;
    expect(parsed.document.version).toBe(5);
    expect(parsed.document.sites[0]).toMatchObject({
      name: 'Intranet',
      hasPassword: true,
      proxyMode: 'none',
      jumpEnabled: false,
      jumpHost: '',
      jumpPort: null,
      jumpUser: '',
      jumpAuth: 'password',
      jumpKeyFile: '',
    });
  });

  it('a file of a later version is not read as this one (an older Ferry would drop its fields)', () => {
    expect(
      parseSitesFile(JSON.stringify({ version: 6, folders: [], sites: [], recent: [] })),
    ).toEqual({ ok: false, reason: 'newer-version' });
  });
});
