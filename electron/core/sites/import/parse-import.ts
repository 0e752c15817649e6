import type { ImportFormat, ImportPreview } from '../../../../shared/contract/sites';
import type { ImportCandidate } from './candidate';
import { checkCandidate } from './check-candidate';
import { parseFerrySites } from './ferry';
import { parseFileZillaSites } from './filezilla';
import { parseWinScpSessions } from './winscp';

/** The other client's sites, each fitted to Ferry's limits or refused with a reason. */
export function parseImport(format: ImportFormat, content: string): ImportCandidate[] {
  const found =
    format === 'filezilla'
      ? parseFileZillaSites(content)
      : format === 'ferry'
        ? parseFerrySites(content)
        : parseWinScpSessions(content);
  return found.map(checkCandidate);
}

/** What the renderer shows before importing: everything but the passwords themselves. */
export function previewOf(format: ImportFormat, candidates: ImportCandidate[]): ImportPreview {
  return {
    format,
    items: candidates.map((c, index) => ({
      index,
      name: c.name,
      folderPath: c.folderPath,
      ...(c.protocol ? { protocol: c.protocol } : {}),
      host: c.host,
      ...(c.port ? { port: c.port } : {}),
      user: c.user,
      withPassword: c.password !== undefined,
      ...(c.refused ? { refused: c.refused } : {}),
      notes: c.notes,
    })),
  };
}
