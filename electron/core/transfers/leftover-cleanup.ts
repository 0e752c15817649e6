/**
 * Discarding an unfinished upload that was replacing a file leaves its temporary file (a hidden
 * `.ferry-part` name) on the server; one of a new file leaves the half file at its name. The
 * latter is deleted only while it is still exactly what Ferry left: the size and time the server
 * gave when Ferry closed (`SavedJob.created`), neither newer nor older; otherwise, or when that cannot be
 * told, it stays and the user is told why. Ferry deletes them through a session to that same server (the
 * saved protocol, host, port and user, as a restore requires): at once when one is open, else the
 * next time one opens, in this run or a later one (the saved list keeps it as a `leftover`). Only
 * the exact name Ferry recorded is deleted: the saved part name is checked again to be one Ferry
 * gives that target (saved-queue-format.ts), never a name a listing showed.
 */
import { posix } from 'node:path';
import type { UnfinishedLeft } from '../../../shared/contract/transfers';
import { FerryError } from '../../../shared/errors';
import { PROTOCOL_INFO } from '../../../shared/protocols';
import type { RemoteFs } from '../remote/remote-fs';
import type { FileEntry } from '../../../shared/types';
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
  /**
   * The SSH jump host it is reached through, in words ("SSH jump host me@bastion:22"); absent:
   * none. Behind another jump host (or none) the same address is another machine (10.0.0.5 in
   * two networks), so it is part of which server this is.
   */
  jump?: string;
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
    const kept: KeptFile[] = [];
    for (const server of left.servers) {
      const open = [...this.options.sessions()].filter(([, a]) => sameServer(a, server));
      for (const [sessionId, address] of open.reverse()) {
        if (await this.cleanOn(sessionId, address, kept)) break;
      }
    }
    const ids = new Set(left.servers.map((server) => server.id));
    const still = this.options.store.withLeftovers().filter((server) => ids.has(server.id));
    return {
      local: left.local,
      onServers: still.map((server) => ({
        host: server.host,
        address: addressOf(server),
        ...pathsOf(server.leftovers ?? []),
      })),
      ...(kept.length > 0 ? { kept } : {}),
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
  private async cleanOn(
    sessionId: string,
    address: ServerAddress,
    kept: KeptFile[] = [],
  ): Promise<boolean> {
    const servers = this.options.store.withLeftovers().filter((s) => sameServer(address, s));
    if (servers.length === 0 || !this.options.openConnection) return servers.length === 0;
    let fs: RemoteFs;
    try {
      fs = await this.options.openConnection(sessionId);
    } catch {
      return false;
    }
    try {
      for (const server of servers) await this.cleanServer(fs, server, kept);
    } finally {
      await fs.close().catch(() => undefined);
    }
    return true;
  }

  private async cleanServer(fs: RemoteFs, server: PendingServer, kept: KeptFile[]): Promise<void> {
    const gone: SavedJob[] = [];
    for (const job of server.leftovers ?? []) {
      const temp = leftoverPathOf(job);
      if (temp === undefined) {
        gone.push(job);
        continue;
      }
      try {
        if (job.part === undefined) {
          // A new file's half: only while it is still what Ferry left, and a plain file.
          const reason = whyNotOurs(job, await fs.stat(temp)) ?? (await notPlainFile(fs, temp));
          if (reason === 'gone') {
            gone.push(job);
            continue;
          }
          if (reason !== undefined) {
            kept.push({ host: server.host, path: temp, reason });
            this.options.log(
              'info',
              `Left ${temp} on ${server.host} (a discarded upload's partial file): ${reason}`,
            );
            gone.push(job);
            continue;
          }
        }
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

/**
 * The file a discarded upload left: its temporary file, only when its name is exactly one Ferry
 * gives that target; a new file's upload, the target itself.
 */
function leftoverPathOf(job: SavedJob): string | undefined {
  const target = targetOf(job);
  if (target === undefined || job.direction !== 'upload') return undefined;
  if (job.part === undefined) return job.created === undefined ? undefined : target;
  return partPathOf(job, target);
}

type KeptFile = NonNullable<UnfinishedLeft['kept']>[number];

/**
 * Why `path` is not a plain file in its folder's listing, undefined when it is. FTP's SIZE and
 * MDTM follow links (a link put in place of the half file would pass as it), so the folder's
 * listing, which shows a link as one, has the last word.
 */
async function notPlainFile(fs: RemoteFs, path: string): Promise<string | undefined> {
  const name = posix.basename(path);
  const entry = (await fs.list(posix.dirname(path))).entries.find((e) => e.name === name);
  if (entry?.kind === 'file') return undefined;
  return entry?.kind === 'symlink'
    ? 'it is a link now, not the file Ferry wrote: someone else put it there.'
    : 'its folder’s listing does not show it as a plain file, so Ferry cannot tell it is the one it wrote.';
}

/** A server's leftovers by kind: temporary files, and new files' halves (checked first). */
function pathsOf(leftovers: readonly SavedJob[]): { paths: string[]; newFiles?: string[] } {
  const paths: string[] = [];
  const newFiles: string[] = [];
  for (const job of leftovers) {
    const at = leftoverPathOf(job);
    if (at !== undefined) (job.part === undefined ? newFiles : paths).push(at);
  }
  return newFiles.length > 0 ? { paths, newFiles } : { paths };
}

/**
 * Why a new file's half may not be deleted (in words), 'gone' when nothing is there, undefined
 * when it is still exactly what Ferry left: the size and the time the server gave when Ferry
 * closed (its clock, read the same way both times).
 */
export function whyNotOurs(job: SavedJob, now: FileEntry | null): string | 'gone' | undefined {
  if (now === null) return 'gone';
  const left = job.created ?? {};
  if (now.kind !== 'file') return 'it is no longer a file.';
  if (left.size === undefined || left.modified === undefined) {
    return 'Ferry could not note its size and time when it closed, so it cannot tell whether someone else wrote it since. Delete it yourself if it is not needed.';
  }
  if (now.size !== left.size) {
    return `its size changed since Ferry closed (${now.size.toLocaleString('en')} bytes now, ${left.size.toLocaleString('en')} then): someone else may have written it.`;
  }
  if (now.modified === null) {
    return 'the server does not say when it was last changed, so Ferry cannot tell whether someone else wrote it since. Delete it yourself if it is not needed.';
  }
  if (now.modified > left.modified)
    return 'it was changed after Ferry closed: someone else may have written it.';
  // An older time is not Ferry's half either: a copy that kept its original time (as FileZilla's
  // and rsync's do) or a time set back took its place.
  if (now.modified < left.modified)
    return 'its time changed since Ferry closed (set back): someone else may have put another file there.';
  return undefined;
}

export function sameServer(a: ServerAddress, b: ServerAddress): boolean {
  return (
    a.protocol === b.protocol &&
    a.host === b.host &&
    a.port === b.port &&
    a.user === b.user &&
    (a.jump ?? '') === (b.jump ?? '')
  );
}

/** sftp://user@host:port, as FileZilla writes an address (and the jump host it goes through). */
export function addressOf(server: ServerAddress): string {
  const address = `${PROTOCOL_INFO[server.protocol].scheme}://${server.user}@${server.host}:${server.port}`;
  return server.jump === undefined ? address : `${address} through the ${server.jump}`;
}

function describeError(error: unknown): string {
  if (error instanceof FerryError) return error.message;
  return error instanceof Error ? error.message : String(error);
}
