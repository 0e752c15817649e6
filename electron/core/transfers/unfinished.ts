/**
 * The transfer queue survives closing Ferry: this run's unfinished files are kept in the data
 * folder, named by how to reach their server again (a saved site's id, or a quick connection's
 * protocol, host, port and user — never a secret), and offered at the next start.
 */
import type { Handlers } from '../../../shared/contract';
import type { TransferJob, UnfinishedServer } from '../../../shared/contract/transfers';
import { FerryError } from '../../../shared/errors';
import type { Protocol } from '../../../shared/protocols';
import type { RemoteFs } from '../remote/remote-fs';
import { addressOf, LeftoverCleanup, sameServer } from './leftover-cleanup';
import { placeOf } from './queue-order';
import { earlierOf, folderOfWork } from './restore-folders';
import { saveJob, saveWalk } from './restore-jobs';
import { SavedQueue, type PendingServer } from './saved-queue';
import type { SavedJob, SavedServer } from './saved-queue-format';
import type { TransferQueue } from './transfer-queue';
import type { FileJob, FolderJob, Job, WalkTask } from './types';

/** How a session was made: enough to make it again, nothing secret. */
export interface ServerOrigin {
  site?: { id: string; name: string };
  protocol: Protocol;
  host: string;
  port: number;
  user: string;
  /** The SSH jump host it goes through, in words (SessionInfo.jump); absent: none. */
  jump?: string;
}

export type UnfinishedHandlers = Pick<
  Handlers,
  'transfers.unfinished' | 'transfers.restoreUnfinished' | 'transfers.discardUnfinished'
>;

export class UnfinishedTransfers {
  private readonly origins = new Map<string, ServerOrigin>();
  private readonly store: SavedQueue;
  private readonly leftovers: LeftoverCleanup;
  /** The jobs the last write kept: their part files are the saved list's once Ferry closes. */
  private keptJobs: FileJob[] = [];
  /** What the kept list depends on of each row, as last seen (see rowsUpdated). */
  private readonly facts = new Map<string, string>();
  private readonly openConnection: ((sessionId: string) => Promise<RemoteFs>) | undefined;

  constructor(
    private readonly queue: TransferQueue,
    options: {
      dataDir: string;
      log: (level: 'info' | 'error', text: string) => void;
      writeDelayMs?: number;
      /** A fresh connection of an open session: deletes discarded uploads' temporary files. */
      openConnection?: (sessionId: string) => Promise<RemoteFs>;
    },
  ) {
    this.openConnection = options.openConnection;
    this.store = new SavedQueue({ ...options, live: () => this.liveServers() });
    this.leftovers = new LeftoverCleanup({
      store: this.store,
      sessions: () => this.origins.entries(),
      log: options.log,
      ...(options.openConnection ? { openConnection: options.openConnection } : {}),
    });
  }

  /**
   * A session was made (quick connect, or a saved site): its transfers can be kept, and the
   * temporary files of uploads discarded while its server was out of reach are deleted there.
   */
  remember(sessionId: string, origin: ServerOrigin): void {
    this.origins.set(sessionId, origin);
    this.leftovers.sessionOpened(sessionId, origin);
  }

  /**
   * The queue told the page that rows changed: the kept list follows when what it keeps of
   * them changed (a state, a place in the order, a size, a part file, whether it can resume, a
   * folder's listing), not for bytes moved. Cheap: only the rows in the event are looked at.
   */
  rowsUpdated(rows: readonly TransferJob[]): void {
    let changed = false;
    for (const row of rows) {
      const facts = keptFacts(row, this.queue.job(row.id));
      if (this.facts.get(row.id) === facts) continue;
      this.facts.set(row.id, facts);
      changed = true;
    }
    if (changed) this.store.changed();
  }

  /** Rows left the queue (finished rows cleared, cancelled ones). */
  rowsRemoved(jobIds: readonly string[]): void {
    for (const id of jobIds) this.facts.delete(id);
    this.store.changed();
  }

  /** Ferry closes: running files stop as for a pause and the list is written one last time. */
  async close(): Promise<void> {
    await this.queue.stopForRestart();
    await this.noteNewFiles();
    await this.leftovers.whenIdle();
    await this.store.close();
    this.queue.handOverParts(this.keptJobs);
  }

  /**
   * The new files unfinished uploads were writing, as the server has them now (size and time, by
   * its clock): a Discard at the next start deletes one only while it is still exactly that. One
   * connection per server, at most `waitMs` in all; a file not described stays unchecked (a
   * Discard then leaves it, saying so).
   */
  private async noteNewFiles(waitMs = 5000): Promise<void> {
    const open = this.openConnection;
    const bySession = new Map<string, FileJob[]>();
    for (const job of this.queue.unfinished()) {
      if (!job.createdTarget || job.batch.direction !== 'upload') continue;
      delete job.leftBehind;
      const jobs = bySession.get(job.batch.sessionId) ?? [];
      jobs.push(job);
      bySession.set(job.batch.sessionId, jobs);
    }
    if (!open || bySession.size === 0) return;
    const asked = [...bySession].map(async ([sessionId, jobs]) => {
      const fs = await open(sessionId);
      try {
        for (const job of jobs) {
          const entry = await fs.stat(job.row.target);
          if (entry?.kind === 'file') {
            job.leftBehind = { size: entry.size, modified: entry.modified };
          }
        }
      } finally {
        await fs.close().catch(() => undefined);
      }
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<void>((resolve) => (timer = setTimeout(resolve, waitMs)));
    await Promise.race([Promise.allSettled(asked), late]);
    clearTimeout(timer);
  }

  get handlers(): UnfinishedHandlers {
    return {
      'transfers.unfinished': async () => {
        await this.store.loaded;
        const servers = this.store.pending().map(describeServer);
        return { files: servers.reduce((n, s) => n + s.files, 0), servers };
      },
      'transfers.restoreUnfinished': async ({ serverId, sessionId }) => {
        await this.store.loaded;
        const server = this.store.pending().find((s) => s.id === serverId);
        if (!server) {
          throw new FerryError(
            'not_found',
            'Those unfinished transfers are no longer waiting.',
            'They were restored or discarded already.',
          );
        }
        const origin = this.origins.get(sessionId);
        if (!origin || !sameServer(origin, server)) throw notThatServer(origin, server);
        const ids = this.queue.restore(sessionId, server.jobs);
        this.store.take(serverId);
        return ids;
      },
      'transfers.discardUnfinished': async ({ serverId }) => {
        await this.store.loaded;
        return this.leftovers.afterDiscard(await this.store.discard(serverId));
      },
    };
  }

  private liveServers(): SavedServer[] {
    const byServer = new Map<string, SavedServer>();
    const add = (sessionId: string, saved: SavedJob | undefined): boolean => {
      const origin = this.origins.get(sessionId);
      if (!origin || !saved) return false;
      const key = serverKey(origin);
      let server = byServer.get(key);
      if (!server) {
        server = { ...origin, jobs: [] };
        byServer.set(key, server);
      }
      server.jobs.push(saved);
      return true;
    };
    const kept: FileJob[] = [];
    const counted = new Set<FolderJob>();
    /** A folder's first saved entry carries what of it had finished (restore-folders.ts). */
    const withEarlier = (item: FileJob | WalkTask, saved: SavedJob | undefined) => {
      const folder = folderOfWork(item);
      if (!saved || !folder || counted.has(folder)) return saved;
      counted.add(folder);
      const earlier = earlierOf(folder);
      return earlier.files > 0 ? { ...saved, earlier } : saved;
    };
    // In the start order the user left (queue-order.ts), which a restore keeps.
    const work = [...this.queue.unfinished(), ...this.queue.unlistedFolders()];
    for (const item of work.sort((a, b) => placeOf(a) - placeOf(b))) {
      if (item.type === 'walk') add(item.folder.batch.sessionId, withEarlier(item, saveWalk(item)));
      else if (add(item.batch.sessionId, withEarlier(item, saveJob(item)))) kept.push(item);
    }
    this.keptJobs = kept;
    return [...byServer.values()];
  }
}

/** One saved server per site and address: a site edited during the run is two servers. */
function serverKey(origin: ServerOrigin): string {
  const { site, protocol, host, port, user, jump } = origin;
  return JSON.stringify([site?.id, protocol, host, port, user, jump]);
}

/*
 * The connection reaches the server the files were going to (sameServer): the same protocol,
 * host, port and user, through the same SSH jump host (or none). A saved site's id is not enough: the site may have been edited since
 * (staging to production), and its files must not go to the server it points to now.
 */

function notThatServer(origin: ServerOrigin | undefined, server: SavedServer): FerryError {
  const going = addressOf(server);
  if (origin && server.site && origin.site?.id === server.site.id) {
    return new FerryError(
      'invalid_input',
      `The site “${server.site.name}” now points to ${addressOf(origin)}; these transfers were going to ${going}.`,
      `Discard them, or connect to ${going} with a quick connection and choose Restore again.`,
    );
  }
  return new FerryError(
    'invalid_input',
    `That connection is not to ${going}, where these transfers were going.`,
    'Connect to that server, then choose Restore again.',
  );
}

export { addressOf };

/** What of a row the kept list depends on; bytes, speed and time left are not part of it. */
function keptFacts(row: TransferJob, job: Job | undefined): string {
  const file = job?.type === 'file' ? job : undefined;
  return JSON.stringify([
    row.state,
    row.order,
    row.total,
    row.error?.code,
    file?.partPath,
    file?.uploadTempPath,
    file?.resumable,
    file?.decision,
    job?.type === 'folder' ? job.pendingWalks : undefined,
  ]);
}

function describeServer(server: PendingServer): UnfinishedServer {
  const { id, protocol, host, port, user, jobs } = server;
  return {
    id,
    ...(server.site ? { site: server.site } : {}),
    protocol,
    host,
    port,
    user,
    files: jobs.length,
    bytes: jobs.reduce((sum: number, job: SavedJob) => sum + (job.size ?? 0), 0),
  };
}
