/**
 * Turns parsed candidates into Ferry sites: folders merged by name, names made unique, readable
 * passwords moved into the secret store (when one is in effect), a summary of what happened.
 */
import { randomUUID } from 'node:crypto';
import type { ImportFormat, ImportSummary } from '../../../shared/contract/sites';
import { secretName } from '../secrets/secret-store';
import type { Secrets } from '../secrets/secrets';
import type { SitesDocument } from './document';
import type { ImportCandidate } from './import/candidate';
import { ferryEmptyFolderPaths } from './import/ferry';
import { parseImport } from './import/parse-import';
import * as ops from './site-ops';

const FOLDER_NAMES = new Intl.Collator(undefined, { sensitivity: 'accent' });

/** The folder at `path` (created as needed); `known` remembers paths placed in this import. */
function ensureFolderPath(
  doc: SitesDocument,
  path: string[],
  known: Map<string, string | null>,
): string | null {
  const key = path.join('\u0000');
  const placed = known.get(key);
  if (placed !== undefined) return placed;
  let parentId: string | null = null;
  for (const name of path) {
    const existing = doc.folders.find(
      (f) => f.parentId === parentId && FOLDER_NAMES.compare(f.name, name) === 0,
    );
    parentId =
      existing?.id ??
      ops.createFolder(doc, ops.freeName(doc, name, parentId), parentId, randomUUID()).id;
  }
  known.set(key, parentId);
  return parentId;
}

export async function importSites(
  format: ImportFormat,
  content: string,
  skip: number[],
  secrets: Secrets,
  change: <T>(edit: (doc: SitesDocument) => T) => Promise<T>,
): Promise<ImportSummary> {
  const candidates = parseImport(format, content);
  const emptyFolders = format === 'ferry' ? ferryEmptyFolderPaths(content) : [];
  const skipped = new Set(skip);
  const summary: ImportSummary = {
    imported: 0,
    foldersCreated: 0,
    refused: [],
    passwordsStored: 0,
    passwordsDropped: 0,
    withoutPassword: [],
  };
  const chosen: { candidate: ImportCandidate; id: string; stored: boolean }[] = [];
  for (const [index, candidate] of candidates.entries()) {
    if (skipped.has(index)) continue;
    if (candidate.refused || !candidate.draft) {
      summary.refused.push({
        name: candidate.name,
        reason: candidate.refused ?? 'Not importable.',
      });
      continue;
    }
    chosen.push({ candidate, id: randomUUID(), stored: false });
  }
  // Secrets first, so no imported site claims a password the store does not have.
  for (const entry of chosen) {
    const { password } = entry.candidate;
    if (password === undefined || entry.candidate.draft?.auth !== 'password') continue;
    if (!secrets.canStore) {
      summary.passwordsDropped += 1;
      continue;
    }
    await secrets.set(secretName(entry.id, 'password'), password);
    entry.stored = true;
    summary.passwordsStored += 1;
  }
  try {
    await change((doc) => {
      const foldersBefore = doc.folders.length;
      const now = Date.now();
      const freeName = ops.freeNamesFor(doc);
      const folderPaths = new Map<string, string | null>();
      for (const { candidate, id, stored } of chosen) {
        const draft = candidate.draft;
        if (!draft) continue;
        const folderId = ensureFolderPath(doc, candidate.folderPath, folderPaths);
        const name = freeName(candidate.name, folderId);
        const passwordNotImported =
          candidate.passwordNotImported || (candidate.password !== undefined && !stored);
        const site = ops.addSite(
          doc,
          { ...draft, name, folderId },
          id,
          { hasPassword: stored, hasPassphrase: false, passwordNotImported },
          now,
        );
        site.bookmarks = (candidate.bookmarks ?? []).map((b) => ({ id: randomUUID(), ...b }));
        if (passwordNotImported) summary.withoutPassword.push(name);
      }
      for (const path of emptyFolders) ensureFolderPath(doc, path, folderPaths);
      summary.foldersCreated = doc.folders.length - foldersBefore;
      summary.imported = chosen.length;
    });
  } catch (error) {
    for (const { id, stored } of chosen)
      if (stored) await secrets.delete(secretName(id, 'password'));
    throw error;
  }
  return summary;
}
