import type { BookmarkFields } from '../../../../shared/contract/bookmarks';
import { DEFAULT_SITE_SETTINGS, type SiteDraft } from '../../../../shared/contract/sites';
import type { Protocol } from '../../../../shared/protocols';

/** One site found in another client's file, before it becomes a Ferry site. */
export interface ImportCandidate {
  name: string;
  folderPath: string[];
  host: string;
  user: string;
  protocol?: Protocol;
  port?: number;
  /** The site's settings, absent when it cannot be imported (see `refused`). */
  draft?: Omit<SiteDraft, 'id' | 'name' | 'folderId'>;
  /** A readable password from the file; goes to the secret store, never to the renderer. */
  password?: string;
  /** The file had a password Ferry cannot read (encrypted by the other client). */
  passwordNotImported: boolean;
  refused?: string;
  notes: string[];
  /** The other client's bookmarks of this site, already checked (FileZilla). */
  bookmarks?: BookmarkFields[];
}

/** The settings an imported site starts with before the file's own values are applied. */
export function baseDraft(protocol: Protocol): NonNullable<ImportCandidate['draft']> {
  return { ...DEFAULT_SITE_SETTINGS, protocol };
}

/** A port equal to the protocol's preset is stored as "preset" (null). */
export function portSetting(port: number | undefined, preset: number): number | null {
  return port === undefined || port === preset ? null : port;
}

export function parsePort(text: string | undefined): number | undefined | 'invalid' {
  if (text === undefined || text.trim() === '') return undefined;
  const port = Number(text.trim());
  return Number.isInteger(port) && port >= 1 && port <= 65535 ? port : 'invalid';
}
