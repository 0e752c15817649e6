import type { ImportFormat, ImportPreview } from '../../../../shared/contract/sites';
import type { ImportCandidate } from './candidate';
import { parseFileZillaSites } from './filezilla';
import { parseWinScpSessions } from './winscp';

export function parseImport(format: ImportFormat, content: string): ImportCandidate[] {
  return format === 'filezilla' ? parseFileZillaSites(content) : parseWinScpSessions(content);
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
