import type { Handlers } from '../../../shared/contract';
import type { SessionManager } from '../remote/sessions';
import { readLocalText, writeLocalText } from './local-text';
import { readTextFile } from './read-text';
import { writeTextFile } from './write-text';

export type EditorHandlers = Pick<
  Handlers,
  'remote.readText' | 'remote.writeText' | 'local.readText' | 'local.writeText'
>;

/**
 * The built-in editor's methods, on the session's browsing connection (the file is small; a
 * transfer connection may be busy or limited by the site).
 */
export function createEditorHandlers(sessions: Pick<SessionManager, 'get'>): EditorHandlers {
  return {
    'remote.readText': async ({ sessionId, path }) => readTextFile(sessions.get(sessionId), path),
    'remote.writeText': async ({ sessionId, ...input }) =>
      writeTextFile(sessions.get(sessionId), input),
    'local.readText': async ({ path }) => readLocalText(path),
    'local.writeText': async (input) => writeLocalText(input),
  };
}
