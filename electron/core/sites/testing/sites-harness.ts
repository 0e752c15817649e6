/**
 * Builds the site manager's handlers over a temporary data folder, and calls them the way the
 * transports do (input validated by the contract's schema first).
 */
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  methods,
  type EventName,
  type MethodInput,
  type MethodOutput,
} from '../../../../shared/contract';
import type { ConnectionParams, SessionInfo } from '../../../../shared/types';
import type { SafeStorageLike } from '../../secrets/secret-store';
import { createSites, type SitesHandlers } from '../handlers';

type SitesMethod = keyof SitesHandlers;

export interface SitesHarness {
  dataDir: string;
  call<M extends SitesMethod>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  /** What the session manager was asked to do. */
  connects: ConnectionParams[];
  disconnects: string[];
  events: EventName[];
  recordRecent(params: ConnectionParams): Promise<void>;
}

export async function sitesHarness(
  options: { dataDir?: string; safeStorage?: SafeStorageLike; connectFails?: Error } = {},
): Promise<SitesHarness> {
  const dataDir = options.dataDir ?? (await mkdtemp(join(tmpdir(), 'ferry-sites-')));
  const connects: ConnectionParams[] = [];
  const disconnects: string[] = [];
  const events: EventName[] = [];
  // Stands in for the session manager (owned by the remote-connections work).
  const connect = async (params: ConnectionParams): Promise<SessionInfo> => {
    connects.push(params);
    if (options.connectFails) throw options.connectFails;
    const { protocol, host, port, user } = params;
    return { sessionId: `s${connects.length}`, protocol, host, port, user, home: `/home/${user}` };
  };
  const sites = createSites({
    dataDir,
    edition: 'browser',
    emit: (name) => events.push(name),
    connect,
    disconnect: async (id) => {
      disconnects.push(id);
    },
    ...(options.safeStorage ? { safeStorage: options.safeStorage } : {}),
  });
  return {
    dataDir,
    connects,
    disconnects,
    events,
    recordRecent: sites.recordRecent,
    async call(method, input) {
      const args = methods[method].input.parse(input);
      const handler = sites.handlers[method] as (
        a: unknown,
      ) => Promise<MethodOutput<typeof method>>;
      return handler(args);
    },
  };
}
