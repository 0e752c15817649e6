/**
 * FileZilla's `sitemanager.xml`: <FileZilla3><Servers> with nested <Folder> elements (a folder's
 * name is its own text) and <Server> elements. Readable (base64 or legacy plain) passwords come
 * along for the secret store; master-password-encrypted ones ("crypt") are left out and marked.
 */
import { fileZillaEncoding } from './name-encoding-import';
import type { SiteColour, SiteDraft } from '../../../../shared/contract/sites';
import { FerryError } from '../../../../shared/errors';
import { defaultPort, type Protocol } from '../../../../shared/protocols';
import { baseDraft, parsePort, portSetting, type ImportCandidate } from './candidate';
import { fileZillaBookmarks, fileZillaTimeOffset } from './filezilla-bookmarks';
import { decodeFileZillaPath } from './filezilla-path';
import { childElements, childText, ownText, parseXml, type XmlElement } from './xml-lite';

/** FileZilla's protocol numbers Ferry can speak. 0 is "FTP, TLS if available": Ferry insists. */
const PROTOCOLS: Record<string, { protocol: Protocol; note?: string }> = {
  '0': {
    protocol: 'ftps-explicit',
    note: 'FileZilla used TLS only if the server offered it; Ferry requires it.',
  },
  '1': { protocol: 'sftp' },
  '3': { protocol: 'ftps-implicit' },
  '4': { protocol: 'ftps-explicit' },
  '6': { protocol: 'ftp', note: 'Plain FTP sends everything in clear text, password included.' },
};

function refusalFor(code: string): string {
  if (code === '2' || code === '5') return 'HTTP(S) is not a file-transfer protocol Ferry speaks.';
  if (code === '7') return 'Amazon S3 is not supported by Ferry.';
  if (code === '8') return 'Storj is not supported by Ferry.';
  if (/^\d+$/.test(code)) return 'This cloud-storage protocol (FileZilla Pro) is not supported.';
  return `"${code}" is not a protocol FileZilla knows.`;
}

const COLOURS: Record<string, SiteColour | null> = {
  '0': null,
  '1': 'red',
  '2': 'green',
  '3': 'blue',
  '4': 'yellow',
  '5': 'cyan',
  '6': 'purple',
  '7': 'orange',
};

export function parseFileZillaSites(xml: string): ImportCandidate[] {
  const root = parseXml(xml);
  const servers = root.name === 'FileZilla3' ? childElements(root, 'Servers')[0] : undefined;
  if (!servers) {
    throw new FerryError(
      'import_failed',
      'This is not a FileZilla site manager file.',
      'Choose sitemanager.xml from FileZilla’s settings folder (~/.config/filezilla on Linux).',
    );
  }
  const found: ImportCandidate[] = [];
  const walk = (element: XmlElement, path: string[]) => {
    for (const child of childElements(element)) {
      if (child.name === 'Folder') walk(child, [...path, ownText(child) || 'Unnamed folder']);
      else if (child.name === 'Server') found.push(serverCandidate(child, path));
    }
  };
  walk(servers, []);
  return found;
}

function serverCandidate(server: XmlElement, folderPath: string[]): ImportCandidate {
  const text = (name: string) => childText(server, name) ?? '';
  const host = text('Host');
  const user = text('User');
  const name = text('Name') || ownText(server) || host || 'Unnamed site';
  const base = { name, folderPath, host, user, passwordNotImported: false, notes: [] };
  const code = text('Protocol') || '0';
  const known = PROTOCOLS[code];
  if (!known) return { ...base, refused: refusalFor(code) };
  const port = parsePort(childText(server, 'Port'));
  if (port === 'invalid')
    return {
      ...base,
      protocol: known.protocol,
      refused: 'Its port is not a number from 1 to 65535.',
    };
  if (host === '') return { ...base, protocol: known.protocol, refused: 'It has no host.' };

  const notes = known.note ? [known.note] : [];
  const draft: NonNullable<ImportCandidate['draft']> = {
    ...baseDraft(known.protocol),
    host,
    user,
    port: portSetting(port, defaultPort(known.protocol)),
    passive: text('PasvMode') !== 'MODE_ACTIVE',
    colour: COLOURS[text('Colour')] ?? null,
    notes: text('Comments'),
    localDir: text('LocalDir'),
    // FileZilla's proxy is one for all sites; a site can only bypass it.
    ...(text('BypassProxy') === '1' ? { proxyMode: 'none' as const } : {}),
  };
  const remote = decodeFileZillaPath(text('RemoteDir'));
  if (remote.path !== undefined) draft.remoteDir = remote.path;
  if (remote.note) notes.push(remote.note);

  const offset = fileZillaTimeOffset(childText(server, 'TimezoneOffset'));
  draft.serverTimeOffsetMinutes = offset.minutes;
  if (offset.note) notes.push(offset.note);
  const charset = fileZillaEncoding(known.protocol, text('EncodingType'), text('CustomEncoding'));
  draft.nameEncoding = charset.nameEncoding;
  if (charset.note) notes.push(charset.note);
  const login = applyLogon(server, draft, user);
  notes.push(...login.notes);
  const saved = fileZillaBookmarks(server);
  notes.push(...saved.notes);
  const candidate: ImportCandidate = {
    ...base,
    protocol: known.protocol,
    port: port ?? defaultPort(known.protocol),
    draft,
    passwordNotImported: login.passwordNotImported,
    notes,
    ...(saved.bookmarks.length > 0 ? { bookmarks: saved.bookmarks } : {}),
  };
  if (login.password !== undefined) candidate.password = login.password;
  return candidate;
}

interface Logon {
  password?: string;
  passwordNotImported: boolean;
  notes: string[];
}

/** Logontype: 0 anonymous, 1 normal, 2 ask, 3 interactive, 4 account, 5 key file. */
function applyLogon(server: XmlElement, draft: SiteDraftFields, user: string): Logon {
  const logonType = childText(server, 'Logontype') ?? '1';
  const pass = childElements(server, 'Pass')[0];
  const encoding = pass?.attributes.encoding;
  const rawPass = pass?.children.filter((c): c is string => typeof c === 'string').join('') ?? '';
  const result: Logon = { passwordNotImported: false, notes: [] };
  switch (logonType) {
    case '0':
      draft.user = user || 'anonymous';
      result.notes.push('Anonymous login: leave the password empty when Ferry asks.');
      return result;
    case '2':
    case '3':
      draft.auth = 'ask';
      return result;
    case '5':
      draft.auth = 'key';
      draft.keyFile = childText(server, 'Keyfile') ?? '';
      return result;
    case '4':
      result.notes.push('FileZilla’s extra "account" value is not used by Ferry.');
      break;
  }
  if (!pass || rawPass === '') return result;
  if (encoding === 'crypt') {
    result.passwordNotImported = true;
    result.notes.push(
      'Its password is locked by FileZilla’s master password: Ferry will ask for it.',
    );
  } else if (encoding === 'base64') {
    result.password = Buffer.from(rawPass.trim(), 'base64').toString('utf8');
  } else if (encoding === undefined || encoding === 'plain') {
    result.password = rawPass;
  } else {
    result.passwordNotImported = true;
    result.notes.push('Its password is stored in a way Ferry cannot read: Ferry will ask for it.');
  }
  return result;
}

type SiteDraftFields = Omit<SiteDraft, 'id' | 'name' | 'folderId'>;
