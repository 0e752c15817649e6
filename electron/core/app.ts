/**
 * The composition root: builds every service once and implements the whole contract.
 * Both transports (IPC and the browser edition's WebSocket) serve the handlers built here.
 */
import type { EmitEvent, Handlers, MethodName } from '../../shared/contract';
import { FerryError } from '../../shared/errors';
import { createLocalHandlers } from './local/local-fs';

export interface AppOptions {
  edition: 'desktop' | 'browser';
  /** Where Ferry keeps its files (sites, known hosts, pinned certificates, settings). */
  dataDir: string;
  version: string;
  emit: EmitEvent;
  /** Moves files to the OS trash; absent where there is none (browser edition deletes for good). */
  trash?: (paths: string[]) => Promise<void>;
}

export interface FerryApp {
  handlers: Handlers;
  dispose(): Promise<void>;
}

function notYetBuilt(name: MethodName) {
  return async (): Promise<never> => {
    throw new FerryError('internal', `"${name}" is not available in this build of Ferry yet.`);
  };
}

export function createApp(options: AppOptions): FerryApp {
  const handlers: Handlers = {
    'app.info': async () => ({
      edition: options.edition,
      version: options.version,
      platform: process.platform,
      deleteMode: options.trash ? 'trash' : 'permanent',
    }),
    ...createLocalHandlers(
      options.trash ? { deleteMode: 'trash', trash: options.trash } : { deleteMode: 'permanent' },
    ),
    'remote.connect': notYetBuilt('remote.connect'),
    'remote.disconnect': notYetBuilt('remote.disconnect'),
    'remote.sessions': notYetBuilt('remote.sessions'),
    'remote.list': notYetBuilt('remote.list'),
    'remote.mkdir': notYetBuilt('remote.mkdir'),
    'remote.rename': notYetBuilt('remote.rename'),
    'remote.delete': notYetBuilt('remote.delete'),
    'remote.chmod': notYetBuilt('remote.chmod'),
    'trust.respond': notYetBuilt('trust.respond'),
  };
  return {
    handlers,
    dispose: async () => undefined,
  };
}
