import { posix } from 'node:path';
import type { Handlers } from '../../../shared/contract';
import { FerryError } from '../../../shared/errors';
import type { TrustBroker } from '../trust/broker';
import type { SessionClaims } from './session-claims';
import type { SessionManager } from './sessions';

export type RemoteHandlers = Pick<
  Handlers,
  | 'remote.connect'
  | 'remote.disconnect'
  | 'remote.sessions'
  | 'remote.reattach'
  | 'remote.claim'
  | 'remote.list'
  | 'remote.mkdir'
  | 'remote.rename'
  | 'remote.delete'
  | 'remote.chmod'
  | 'trust.respond'
  | 'trust.open'
>;

/** The contract's remote-pane and trust methods, over the session manager. */
export function remoteHandlers(
  sessions: SessionManager,
  broker: TrustBroker,
  claims: SessionClaims,
): RemoteHandlers {
  return {
    // Every handler is async so a thrown error always arrives as a rejection.
    'remote.connect': async (params) => sessions.connect(params),
    'remote.disconnect': async ({ sessionId }) => sessions.disconnect(sessionId),
    'remote.sessions': async () => sessions.list(),
    'remote.reattach': async ({ pageId }) =>
      claims.reattach(pageId).map((id) => sessions.describe(id)),
    'remote.claim': async ({ pageId, sessionId }) => {
      sessions.get(sessionId); // an unknown or closed session: session_not_found
      claims.claim(pageId, sessionId);
    },

    async 'remote.list'({ sessionId, path }) {
      const listing = await sessions.get(sessionId).list(path);
      sessions.noteFolder(sessionId, listing.path);
      return listing;
    },

    async 'remote.mkdir'({ sessionId, parent, name }) {
      const fs = sessions.get(sessionId);
      const path = posix.join(parent, name);
      // RemoteFs.mkdir accepts an existing folder; a user making "New folder" must hear about it.
      if (await fs.stat(path)) throw alreadyExists(name, parent);
      await fs.mkdir(path);
      return path;
    },

    async 'remote.rename'({ sessionId, path, newName }) {
      const fs = sessions.get(sessionId);
      const parent = posix.dirname(path);
      const target = posix.join(parent, newName);
      if (target === path) return path;
      // Some FTP servers replace silently on rename: check first on every protocol.
      if (await fs.stat(target)) throw alreadyExists(newName, parent);
      await fs.rename(path, target);
      return target;
    },

    async 'remote.delete'({ sessionId, paths }) {
      const fs = sessions.get(sessionId);
      for (const path of paths) {
        if (posix.normalize(path) === '/') {
          throw new FerryError('forbidden', 'Ferry will not delete the whole server ("/").');
        }
        const entry = await fs.stat(path);
        if (entry === null) continue; // already gone: what the user wanted
        if (entry.kind === 'folder') await fs.deleteFolder(path);
        else await fs.deleteFile(path);
      }
    },

    'remote.chmod': async ({ sessionId, path, mode }) => sessions.get(sessionId).chmod(path, mode),

    'trust.respond': async ({ promptId, decision }) => broker.respond(promptId, decision),
    'trust.open': async () => broker.open(),
  };
}

function alreadyExists(name: string, parent: string): FerryError {
  return new FerryError(
    'already_exists',
    `Something named "${name}" already exists in ${parent}.`,
    'Choose another name.',
  );
}
