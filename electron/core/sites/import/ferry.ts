/**
 * Reads Ferry's own sites file (see ferry-format.ts) into import candidates. The file may come
 * from anyone: its outside is checked first (a newer version is refused in words), then each site
 * on its own, so one bad site is refused in the preview rather than failing the whole file.
 * Control characters are taken out of names; paths on another computer are left out.
 */
import { DEFAULT_SITE_SETTINGS, type SiteDraft } from '../../../../shared/contract/sites';
import { FerryError } from '../../../../shared/errors';
import { defaultPort, PROTOCOLS, type Protocol } from '../../../../shared/protocols';
import { clampText } from '../text-limits';
import { checkBookmarks, leaveOutNetworkPath, quoted, type FoundBookmark } from './bookmark-check';
import type { ImportCandidate } from './candidate';
import { fitFolderName } from './check-candidate';
import {
  EXPORT_FOLDER_DEPTH_MAX,
  EXPORT_SITES_MAX,
  FERRY_EXPORT_FORMAT,
  FERRY_EXPORT_VERSION,
  ferryExportFile,
  SITE_SETTING_KEYS,
  type ExportedFolder,
} from './ferry-format';

const CHOOSE_AGAIN =
  'Choose a file made with Export… in Ferry’s site manager (ferry-sites-….json).';

/** C0 and C1 controls, DEL, and the marks that reorder text on screen (a name that lies). */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069]/g;
const HAS_CONTROL = new RegExp(CONTROL.source);
/** Notes keep their line breaks and tabs. */
const NOTES_CONTROL =
  // eslint-disable-next-line no-control-regex -- finding control characters is the point
  /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Fields that must be exactly what the user will connect with: control characters refuse. */
const TEXT_FIELDS = [
  ['host', 'host'],
  ['user', 'user'],
  ['proxyHost', 'proxy host'],
  ['proxyUser', 'proxy user'],
] as const;

export function parseFerrySites(text: string): ImportCandidate[] {
  const file = readOutside(text);
  const folders = new Map(file.folders.map((f) => [f.id, f]));
  return file.sites.map((raw, index) => siteCandidate(raw, index, folders));
}

/**
 * The file's folders that hold no site, at any depth (an empty "Clients" kept for later): the
 * import makes them too, so the folder tree arrives whole. Folders that cannot be followed to
 * the top are left out, as their sites go to the top level.
 */
export function ferryEmptyFolderPaths(text: string): string[][] {
  const file = readOutside(text);
  const folders = new Map(file.folders.map((f) => [f.id, f]));
  const holding = new Set<string>();
  for (const site of file.sites) {
    let id = typeof site.folderId === 'string' ? site.folderId : null;
    for (
      let depth = 0;
      id !== null && !holding.has(id) && depth <= EXPORT_FOLDER_DEPTH_MAX;
      depth++
    ) {
      holding.add(id);
      id = folders.get(id)?.parentId ?? null;
    }
  }
  return file.folders
    .filter((folder) => !holding.has(folder.id))
    .map((folder) => folderPathOf(folder.id, folders))
    .filter((place) => place.note === undefined)
    .map((place) => place.path.map(fitFolderName));
}

function readOutside(text: string) {
  let data: unknown;
  try {
    data = JSON.parse(text);
  } catch {
    throw notFerryFile('It is not a JSON file.');
  }
  const outside = (typeof data === 'object' && data !== null ? data : {}) as Record<
    string,
    unknown
  >;
  if (outside.format !== FERRY_EXPORT_FORMAT) throw notFerryFile();
  const version = outside.version;
  if (typeof version === 'number' && Number.isInteger(version) && version > FERRY_EXPORT_VERSION) {
    throw new FerryError(
      'import_failed',
      `This sites file was made by a newer Ferry (file version ${version}; this Ferry reads versions up to ${FERRY_EXPORT_VERSION}).`,
      'Update Ferry on this computer, then import the file again.',
    );
  }
  const parsed = ferryExportFile.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') || 'the file' : 'the file';
    throw new FerryError(
      'import_failed',
      `This Ferry sites file is damaged or too large (${clampText(where, 60)}: ${issue?.message ?? 'not valid'}).`,
      `Export the sites again from Ferry; a file holds at most ${EXPORT_SITES_MAX.toLocaleString('en')} sites. ${CHOOSE_AGAIN}`,
    );
  }
  return parsed.data;
}

function notFerryFile(why = ''): FerryError {
  return new FerryError(
    'import_failed',
    `This is not a Ferry sites file. ${why}`.trim(),
    CHOOSE_AGAIN,
  );
}

/** Text without control characters; anything that is not text becomes ''. */
function cleanText(value: unknown): { text: string; cleaned: boolean } {
  if (typeof value !== 'string') return { text: '', cleaned: false };
  return { text: value.replace(CONTROL, ' ').trim(), cleaned: HAS_CONTROL.test(value) };
}

function hasControl(value: unknown): boolean {
  return typeof value === 'string' && HAS_CONTROL.test(value);
}

function folderPathOf(
  folderId: unknown,
  folders: Map<string, ExportedFolder>,
): { path: string[]; note?: string } {
  const path: string[] = [];
  const seen = new Set<string>();
  let id = typeof folderId === 'string' ? folderId : null;
  while (id !== null) {
    const folder = folders.get(id);
    if (!folder || seen.has(id) || path.length >= EXPORT_FOLDER_DEPTH_MAX) {
      return {
        path: [],
        note: `Its folder in the file could not be followed (missing, looping, or over ${EXPORT_FOLDER_DEPTH_MAX} levels deep): it goes to the top level.`,
      };
    }
    seen.add(id);
    path.unshift(cleanText(folder.name).text);
    id = folder.parentId;
  }
  return { path };
}

function siteCandidate(
  raw: Record<string, unknown>,
  index: number,
  folders: Map<string, ExportedFolder>,
): ImportCandidate {
  const notes: string[] = [];
  const named = cleanText(raw.name);
  if (named.cleaned) notes.push('Control characters were taken out of its name.');
  const place = folderPathOf(raw.folderId, folders);
  if (place.note) notes.push(place.note);
  const base = {
    name: named.text || `Site ${index + 1}`,
    folderPath: place.path,
    host: typeof raw.host === 'string' ? cleanText(raw.host).text : '',
    user: typeof raw.user === 'string' ? cleanText(raw.user).text : '',
    passwordNotImported: false,
    notes,
  };
  const protocol = PROTOCOLS.includes(raw.protocol as Protocol)
    ? { protocol: raw.protocol as Protocol }
    : {};
  for (const [field, words] of TEXT_FIELDS) {
    if (hasControl(raw[field])) {
      return { ...base, ...protocol, refused: `Its ${words} has control characters.` };
    }
  }
  const settings: Record<string, unknown> = { ...DEFAULT_SITE_SETTINGS };
  for (const key of SITE_SETTING_KEYS) if (raw[key] !== undefined) settings[key] = raw[key];
  const draft = settings as Omit<SiteDraft, 'id' | 'name' | 'folderId'>;
  draft.plainFtpAcknowledgedFor = null;
  leaveOutPath(draft, 'keyFile', 'key file', notes);
  leaveOutPath(draft, 'localDir', 'local folder', notes);
  if (hasControl(draft.remoteDir)) {
    notes.push('Its remote folder at start had control characters and was left out.');
    draft.remoteDir = '';
  }
  if (typeof draft.notes === 'string') draft.notes = draft.notes.replace(NOTES_CONTROL, '');
  const found = checkBookmarks(foundBookmarks(raw.bookmarks));
  notes.push(...found.notes, ...loginNotes(draft));
  const shownPort =
    typeof raw.port === 'number' ? raw.port : protocol.protocol && defaultPort(protocol.protocol);
  const port = shownPort ? { port: shownPort } : {};
  return {
    ...base,
    ...protocol,
    ...port,
    draft,
    notes,
    ...(found.bookmarks.length > 0 ? { bookmarks: found.bookmarks } : {}),
  };
}

/** A key file or start folder on this computer: kept as a path; another computer's, left out. */
function leaveOutPath(
  draft: { keyFile: unknown; localDir: unknown },
  field: 'keyFile' | 'localDir',
  words: string,
  notes: string[],
): void {
  const path = draft[field];
  if (typeof path !== 'string' || path === '') return;
  if (hasControl(path)) {
    notes.push(`Its ${words} had control characters and was left out.`);
    draft[field] = '';
  } else {
    leaveOutNetworkPath(draft as { keyFile: string; localDir: string }, field, notes);
  }
}

function foundBookmarks(value: unknown): FoundBookmark[] {
  if (!Array.isArray(value)) return [];
  return value.slice(0, 1000).flatMap((b: unknown) => {
    if (typeof b !== 'object' || b === null) return [];
    const { name, remoteDir, localDir, syncBrowsing } = b as Record<string, unknown>;
    if (typeof name !== 'string') return [];
    return [
      {
        name,
        remoteDir: typeof remoteDir === 'string' && remoteDir !== '' ? remoteDir : undefined,
        localDir: typeof localDir === 'string' ? localDir : '',
        syncBrowsing: syncBrowsing === true,
      },
    ];
  });
}

function loginNotes(
  draft: Pick<SiteDraft, 'auth' | 'keyFile' | 'protocol' | 'proxyMode' | 'proxyUser'>,
): string[] {
  const notes: string[] = [];
  if (draft.auth === 'password')
    notes.push('No password in the file: Ferry asks when you connect.');
  const ownProxy = draft.proxyMode !== 'app' && draft.proxyMode !== 'none';
  if (ownProxy && typeof draft.proxyUser === 'string' && draft.proxyUser !== '') {
    notes.push('Its proxy’s password is not in the file either.');
  }
  if (draft.auth === 'key' && typeof draft.keyFile === 'string' && draft.keyFile !== '') {
    notes.push(`Logs in with the key file ${quoted(draft.keyFile)} on this computer.`);
  }
  if (draft.protocol === 'ftp') notes.push('Plain FTP: Ferry warns before the first connection.');
  return notes;
}
