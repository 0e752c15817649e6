/**
 * Ferry's own sites file from anyone: what a hostile or broken file gets. Table-driven where the
 * input is one value; each case says what the user sees (refused in words, a site refused or a
 * setting left out with a note).
 */
import { describe, expect, it } from 'vitest';
import { FerryError } from '../../../../shared/errors';
import { CURRENT_VERSION } from '../document';
import { ferryEmptyFolderPaths } from './ferry';
import { parseImport } from './parse-import';

const site = (fields: Record<string, unknown> = {}) => ({
  name: 'Web',
  folderId: null,
  protocol: 'sftp',
  host: 'example.test',
  port: null,
  user: 'me',
  auth: 'password',
  bookmarks: [],
  ...fields,
});
const file = (sites: unknown[], more: Record<string, unknown> = {}) =>
  JSON.stringify({ format: 'ferry-sites', version: 3, folders: [], sites, ...more });
const parse = (content: string) => parseImport('ferry', content);

function refusal(content: string): FerryError {
  try {
    parse(content);
  } catch (error) {
    if (error instanceof FerryError) return error;
    throw error;
  }
  throw new Error('the file was not refused');
}

describe('Ferry sites file: the whole file refused, in words', () => {
  it.each([
    ['not JSON', 'hello', /not a Ferry sites file\. It is not a JSON file/],
    ['JSON of another kind', '{"servers": []}', /not a Ferry sites file/],
    ['a JSON array', '[1,2,3]', /not a Ferry sites file/],
    ['JSON null', 'null', /not a Ferry sites file/],
    ['sites not a list', file([], { sites: 'many' }), /damaged or too large \(sites:/],
    ['a folder of the wrong type', file([], { folders: [{ id: 7 }] }), /damaged.*folders\.0/],
    ['too many sites', file(Array.from({ length: 5001 }, () => site())), /too large/],
    ['an older version', file([], { version: 2 }), /damaged or too large \(version/],
  ])('%s', (_case, content, message) => {
    const error = refusal(content);
    expect(error.code).toBe('import_failed');
    expect(error.message).toMatch(message);
    expect(error.hint).toMatch(/Export/);
  });

  it('a file from a newer Ferry names both versions and says to update', () => {
    const newer = CURRENT_VERSION + 1;
    const error = refusal(file([site()], { version: newer }));
    expect(error.message).toBe(
      `This sites file was made by a newer Ferry (file version ${newer}; this Ferry reads versions up to ${CURRENT_VERSION}).`,
    );
    expect(error.hint).toBe('Update Ferry on this computer, then import the file again.');
  });

  it('reads every older export: version 3 (no encoding, no proxy) gets the defaults, 4 keeps them', () => {
    const [v3] = parse(file([site({ protocol: 'ftp', port: 21 })], { version: 3 }));
    expect(v3?.draft).toMatchObject({ nameEncoding: 'auto', proxyMode: 'app' });
    const legacy = site({
      protocol: 'ftp',
      port: 21,
      nameEncoding: 'shift_jis',
      proxyMode: 'none',
    });
    const [v4] = parse(file([legacy], { version: 4 }));
    expect(v4?.refused).toBeUndefined();
    expect(v4?.draft).toMatchObject({ nameEncoding: 'shift_jis', proxyMode: 'none' });
    const [current] = parse(file([legacy], { version: CURRENT_VERSION }));
    expect(current?.draft).toMatchObject({ nameEncoding: 'shift_jis', jumpEnabled: false });
  });

  it('deep nesting is refused or ignored without a crash', () => {
    const deep = `${'['.repeat(100_000)}${']'.repeat(100_000)}`;
    expect(refusal(deep).message).toMatch(/not a Ferry sites file/);
    // Built as text: the test's own JSON.stringify would overflow on such depth.
    const withSite = (extra: string) =>
      file([site()]).replace('"bookmarks":[]', `"bookmarks":[],${extra}`);
    const inSite = withSite(`"notes":${'['.repeat(50_000)}${']'.repeat(50_000)}`);
    expect(parse(inSite)[0]?.refused).toBe('Its notes is not valid.');
    const unknown = withSite(`"extra":${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}`);
    expect(parse(unknown)[0]?.refused).toBeUndefined();
  });
});

describe('Ferry sites file: one site at a time', () => {
  it.each([
    ['port of the wrong type', { port: '22' }, 'Its port is not valid.'],
    ['port out of range', { port: 70000 }, 'Its port is not valid.'],
    ['unknown protocol', { protocol: 'gopher' }, 'Its protocol is not valid.'],
    ['no host', { host: '' }, 'Its host is empty.'],
    ['host too long', { host: 'h'.repeat(300) }, 'Its host is longer than 255 characters.'],
    ['a newline in the host', { host: 'evil.test\r\nPASS x' }, 'Its host has control characters.'],
    [
      'a control character in the user',
      { user: 'me\u0000root' },
      'Its user has control characters.',
    ],
    [
      'a newline in the proxy host',
      { proxyMode: 'http', proxyHost: 'p\n' },
      'Its proxy host has control characters.',
    ],
    ['an unknown proxy kind', { proxyMode: 'socks4' }, 'Its proxy is not valid.'],
    ['login kind unknown', { auth: 'kerberos' }, 'Its login kind is not valid.'],
    [
      'time offset off the quarter hours',
      { serverTimeOffsetMinutes: 7 },
      'Its server time offset is not valid.',
    ],
    ['relative remote folder', { remoteDir: 'var/www' }, 'Its remote folder is not valid.'],
  ])('%s: the site is refused with its reason', (_case, fields, reason) => {
    const [candidate] = parse(file([site(fields)]));
    expect(candidate?.refused).toBe(reason);
    expect(candidate?.draft).toBeUndefined();
  });

  it('takes control characters and reordering marks out of names, and bad names become "Site n"', () => {
    const [bell, bidi, missing] = parse(
      file([
        site({ name: 'Ding\u0007dong\n' }),
        site({ name: 'abc\u202Egpj.exe' }),
        site({ name: 42 }),
      ]),
    );
    expect(bell).toMatchObject({ name: 'Ding dong' });
    expect(bell?.notes).toContain('Control characters were taken out of its name.');
    expect(bidi?.name).toBe('abc gpj.exe');
    expect(missing?.name).toBe('Site 3');
  });

  it('keeps a key file as a path to read later, but not one on another computer', () => {
    const [local, network, slashes, control] = parse(
      file([
        site({ auth: 'key', keyFile: '/etc/../root/.ssh/id_rsa' }),
        site({
          auth: 'key',
          keyFile: '\\\\attacker.test\\share\\id_rsa',
          localDir: '//host/share',
        }),
        site({ auth: 'key', keyFile: 'C:\\Users\\me\\.ssh\\id_ed25519' }),
        site({ auth: 'key', keyFile: '/home/me/key\u0000.pub' }),
      ]),
    );
    expect(local?.draft?.keyFile).toBe('/etc/../root/.ssh/id_rsa');
    expect(local?.notes).toContain(
      'Logs in with the key file “/etc/../root/.ssh/id_rsa” on this computer.',
    );
    expect(network?.draft).toMatchObject({ keyFile: '', localDir: '' });
    expect(network?.notes.join(' ')).toMatch(
      /key file “\\\\attacker\.test.*on another computer.*left out/,
    );
    expect(network?.notes.join(' ')).toMatch(
      /local folder “\/\/host\/share” is on another computer/,
    );
    expect(slashes?.draft?.keyFile).toBe('C:\\Users\\me\\.ssh\\id_ed25519');
    expect(control?.draft?.keyFile).toBe('');
  });

  it('never takes a plain-FTP consent, a password or a secret flag from the file', () => {
    const [candidate] = parse(
      file([
        site({
          protocol: 'ftp',
          plainFtpAcknowledgedFor: 'example.test:21',
          password: 'in-the-file',
          hasPassword: true,
          id: 'chosen-id',
        }),
      ]),
    );
    expect(candidate?.draft?.plainFtpAcknowledgedFor).toBeNull();
    expect(candidate?.password).toBeUndefined();
    expect(JSON.stringify(candidate)).not.toMatch(/in-the-file|chosen-id|hasPassword/);
    expect(candidate?.notes).toContain('Plain FTP: Ferry warns before the first connection.');
  });

  it('bookmarks: checked like Ferry’s own; another computer’s folder and bad ones left out', () => {
    const [candidate] = parse(
      file([
        site({
          bookmarks: [
            { name: 'Docs', remoteDir: '/docs', localDir: '/home/me/docs', syncBrowsing: true },
            { name: 'Share', remoteDir: '/s', localDir: '\\\\host\\share', syncBrowsing: true },
            { name: 'docs', remoteDir: '/other', localDir: '', syncBrowsing: false },
            { name: 'Relative', remoteDir: 'up/../x', localDir: '', syncBrowsing: false },
            { name: 'Ctl\u0007', remoteDir: '/x', localDir: '', syncBrowsing: false },
            'not a bookmark',
          ],
        }),
      ]),
    );
    expect(candidate?.bookmarks).toEqual([
      { name: 'Docs', remoteDir: '/docs', localDir: '/home/me/docs', syncBrowsing: true },
      { name: 'Share', remoteDir: '/s', localDir: '', syncBrowsing: false },
    ]);
    const notes = candidate?.notes.join(' ') ?? '';
    expect(notes).toMatch(/“Share” comes without its local folder/);
    expect(notes).toMatch(/“docs” was left out: another bookmark has its name/);
    expect(notes).toMatch(/“Relative” was left out/);
    expect(notes).toMatch(/was left out: a name has no control characters/);
  });

  it('folders: followed to the top; a loop, a missing or a too deep folder puts the site on top', () => {
    const chain = Array.from({ length: 40 }, (_, i) => ({
      id: `f${i}`,
      name: `Level ${i}`,
      parentId: i === 0 ? null : `f${i - 1}`,
    }));
    const folders = [
      { id: 'a', name: 'Work', parentId: null },
      { id: 'b', name: 'Clients\u0000', parentId: 'a' },
      { id: 'x', name: 'Loop', parentId: 'y' },
      { id: 'y', name: 'Loop', parentId: 'x' },
      ...chain,
    ];
    const sites = parse(
      file(
        [
          site({ folderId: 'b' }),
          site({ folderId: 'x' }),
          site({ folderId: 'nowhere' }),
          site({ folderId: 'f39' }),
          site({ folderId: 'f10' }),
        ],
        { folders },
      ),
    );
    expect(sites.map((s) => s.folderPath.length)).toEqual([2, 0, 0, 0, 11]);
    expect(sites[0]?.folderPath).toEqual(['Work', 'Clients']);
    expect(sites[1]?.notes.join(' ')).toMatch(/could not be followed.*top level/);
    expect(sites.every((s) => s.refused === undefined)).toBe(true);
  });

  it('a settings field from a newer Ferry of the same version is ignored, an older file’s missing ones get defaults', () => {
    const [candidate] = parse(file([{ name: 'Bare', host: 'h.test', futureField: { a: 1 } }]));
    expect(candidate?.refused).toBeUndefined();
    expect(candidate?.draft).toMatchObject({
      protocol: 'sftp',
      port: null,
      auth: 'password',
      passive: true,
      serverTimeOffsetMinutes: 0,
    });
    expect(JSON.stringify(candidate)).not.toContain('futureField');
  });

  it('folders without sites come along, at any depth; looping ones do not', () => {
    const folders = [
      { id: 'a', name: 'Work', parentId: null },
      { id: 'b', name: 'Clients', parentId: 'a' },
      { id: 'c', name: ' Later ', parentId: 'a' },
      { id: 'd', name: '', parentId: 'c' },
      { id: 'x', name: 'Loop', parentId: 'y' },
      { id: 'y', name: 'Loop', parentId: 'x' },
    ];
    expect(ferryEmptyFolderPaths(file([site({ folderId: 'b' })], { folders }))).toEqual([
      ['Work', 'Later'],
      ['Work', 'Later', 'Unnamed folder'],
    ]);
  });

  it('reads a file from Ferry’s first Export… (ids, times and a consent in it, all ignored)', () => {
    const first = JSON.stringify({
      format: 'ferry-sites',
      version: 3,
      exportedAt: '2026-11-01T10:00:00.000Z',
      folders: [{ id: '5b0c', name: 'Work', parentId: null }],
      sites: [
        {
          id: '9f1e',
          name: 'Old export',
          folderId: '5b0c',
          protocol: 'ftp',
          host: 'h.test',
          port: null,
          user: 'u',
          auth: 'password',
          keyFile: '',
          localDir: '',
          remoteDir: '/pub',
          passive: true,
          minTlsVersion: 'TLSv1.2',
          transferConcurrency: null,
          colour: null,
          notes: '',
          plainFtpAcknowledgedFor: 'h.test:21',
          serverTimeOffsetMinutes: 0,
          bookmarks: [
            { id: 'b1', name: 'Pub', remoteDir: '/pub', localDir: '', syncBrowsing: false },
          ],
          createdAt: 1,
          updatedAt: 2,
        },
      ],
    });
    const [candidate] = parse(first);
    expect(candidate).toMatchObject({ name: 'Old export', folderPath: ['Work'] });
    expect(candidate?.draft).toMatchObject({ remoteDir: '/pub', plainFtpAcknowledgedFor: null });
    expect(candidate?.bookmarks).toEqual([
      { name: 'Pub', remoteDir: '/pub', localDir: '', syncBrowsing: false },
    ]);
  });
});
