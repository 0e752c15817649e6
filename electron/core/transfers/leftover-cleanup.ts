/**
 * Discarding an unfinished upload that was replacing a file leaves its temporary file (a hidden
 * `.ferry-part` name) on the server. Ferry deletes it through a session to that same server (the
 * saved protocol, host, port and user, as a restore requires): at once when one is open, else the
 * next time one opens, in this run or a later one (the saved list keeps it as a `leftover`). Only
 * the exact name Ferry recorded is deleted: the saved part name is checked again to be one Ferry
 * gives that target (saved-queue-format.ts), never a name a listing showed.
 */
import type { UnfinishedLeft } from '../../../shared/contract/transfers';
import { FerryError } from '../../../shared/errors';
import { PROTOCOL_INFO } from '../../../shared/protocols';
import type { RemoteFs } from '../remote/remote-fs';
import { isNetworkFailure } from './retry-policy';
import { partPathOf, targetOf, type SavedJob, type SavedServer } from './saved-queue-format';
import type { DiscardLeft, PendingServer, SavedQueue } from './saved-queue';
import type { Log } from './saved-queue-shared';

/** How a session reaches its server, as far as matching a saved server goes. */
export interface ServerAddress {
  protocol: SavedServer['protocol'];
  host: string;
  port: number;
  user: string;
}

export interface LeftoverCleanupOptions {
  store: SavedQueue;
  /** A fresh connection of an open session (throws for a closed one). */
  openConnection?: (sessionId: string) => Promise<RemoteFs>;
  /** The sessions of this run and the servers they reach, newest last. */
  sessions: () => Iterable<[string, ServerAddress]>;
  log: Log;
}

export class LeftoverCleanup {
  private readonly running = new Set<Promise<void>>();

  constructor(private readonly options: LeftoverCleanupOptions) {}

  /** A session to `address` opened: the leftovers waiting for that server go (in the background). */
  sessionOpened(sessionId: string, address: ServerAddress): void {
    const work: Promise<void> = this.options.store.loaded
      .then(async () => void (await this.cleanOn(sessionId, address)))
      .catch(() => undefined)
      .finally(() => this.running.delete(work));
    this.running.add(work);
  }

  /**
   * After a Discard: deletes the leftovers through an open session to their server, where there
   * is one, and answers what is still there (or could not be removed here).
   */
  async afterDiscard(left: DiscardLeft): Promise<UnfinishedLeft> {
    for (const server of left.servers) {
      const open = [...this.options.sessions()].filter(([, a]) => sameServer(a, server));
      for (const [sessionId, address] of open.reverse()) {
        if (await this.cleanOn(sessionId, address)) break;
      }
    }
    const ids = new Set(left.servers.map((server) => server.id));
    const still = this.options.store.withLeftovers().filter((server) => ids.has(server.id));
    return {
      local: left.local,
      onServers: still.map((server) => ({
        host: server.host,
        address: addressOf(server),
        paths: (server.leftovers ?? []).flatMap((job) => {
          const temp = tempPathOf(job);
          return temp === undefined ? [] : [temp];
        }),
      })),
    };
  }

  /** Waits for clean-ups under way (Ferry closes), at most `waitMs`: what is left stays kept. */
  async whenIdle(waitMs = 5000): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([Promise.all(this.running), late]);
    clearTimeout(timer);
  }

  /** Deletes the leftovers of the servers `address` is; false when no connection could be made. */
  private async cleanOn(sessionId: string, address: ServerAddress): Promise<boolean> {
    const servers = this.options.store.withLeftovers().filter((s) => sameServer(address, s));
    if (servers.length === 0 || !this.options.openConnection) return servers.length === 0;
    let fs: RemoteFs;
    try {
      fs = await this.options.openConnection(sessionId);
    } catch {
      return false;
    }
    try {
      for (const server of servers) await this.cleanServer(fs, server);
    } finally {
      await fs.close().catch(() => undefined);
    }
    return true;
  }

  private async cleanServer(fs: RemoteFs, server: PendingServer): Promise<void> {
    const gone: SavedJob[] = [];
    for (const job of server.leftovers ?? []) {
      const temp = tempPathOf(job);
      if (temp === undefined) {
        gone.push(job);
        continue;
      }
      try {
        await fs.deleteFile(temp);
        this.options.log(
          'info',
          `Deleted ${temp} on ${server.host}: a discarded upload's partial file.`,
        );
        gone.push(job);
      } catch (error) {
        if (error instanceof FerryError && error.code === 'not_found') {
          gone.push(job);
          continue;
        }
        this.options.log(
          'error',
          `Could not delete ${temp} on ${server.host} (a discarded upload's partial file): ${describeError(error)} Ferry tries again the next time you connect to it.`,
        );
        if (isNetworkFailure(error) || !(error instanceof FerryError)) break;
        if (error.code === 'connection_lost' || error.code === 'timeout') break;
      }
    }
    await this.options.store.forgetLeftovers(server.id, gone);
  }
}

/** The temporary file's path, only when its name is exactly one Ferry gives that target. */
function tempPathOf(job: SavedJob): string | undefined {
  const target = targetOf(job);
  return target === undefined ? undefined : partPathOf(job, target);
}

export function sameServer(a: ServerAddress, b: ServerAddress): boolean {
  return a.protocol === b.protocol && a.host === b.host && a.port === b.port && a.user === b.user;
}

/** sftp://user@host:port, as FileZilla writes an address. */
export function addressOf(server: ServerAddress): string {
  return `${PROTOCOL_INFO[server.protocol].scheme}://${server.user}@${server.host}:${server.port}`;
}

function describeError(error: unknown): string {
  if (error instanceof FerryError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
