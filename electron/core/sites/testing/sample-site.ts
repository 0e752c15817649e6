import type { SiteDraft } from '../../../../shared/contract/sites';

/** A complete site form for tests; override what the test is about. */
export function sampleDraft(overrides: Partial<SiteDraft> = {}): SiteDraft {
  return {
    name: 'Example',
    folderId: null,
    protocol: 'sftp',
    host: 'example.test',
    port: null,
    user: 'alice',
    auth: 'password',
    keyFile: '',
    localDir: '',
    remoteDir: '',
    passive: true,
    minTlsVersion: 'TLSv1.2',
    transferConcurrency: null,
    colour: null,
    notes: '',
    ...overrides,
  };
}
