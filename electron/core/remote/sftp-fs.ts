import { posix } from 'node:path';
import type { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type { Client, SFTPWrapper } from 'ssh2';
import { FerryError } from '../../../shared/errors';
import type { FileEntry, Listing } from '../../../shared/types';
import type { BytePacer, OnBytes, RemoteFs, SmallFileAttributes } from './remote-fs';
import { SftpChannel } from './sftp-channel';
import { isSelfOrParent, refusedNameReason } from './server-names';
import { deleteTree } from './sftp-delete-tree';
import { kindOf, toFileEntry } from './sftp-entries';
import { connectionLost, localSideError, SFTP_STATUS, sftpError, sftpStatus } from './sftp-errors';
import { runLimited } from './run-limited';
import { serverFullOr } from './sftp-server-full';
import { readSmallFile, writeSmallFile } from './sftp-small-files';
import { abandonedStream } from './sftp-pace';
import { readInOrder, writeFromStream } from './sftp-transfer';

/** New files get this unless the caller says otherwise (ssh2 would make them 0666). */
const DEFAULT_FILE_MODE = 0o644;
/** Links being looked up at once while listing a folder. */
export const LINK_CONCURRENCY = 16;

/**
 * What closing a RemoteFs ends: its own SSH connection, or only its SFTP channel when it shares
 * the connection of the session it was opened from (RemoteFs.openChannel).
 */
type Link = Pick<Client, 'end' | 'destroy'> | Pick<SFTPWrapper, 'end' | 'destroy'>;

/** RemoteFs over one SSH connection and its SFTP channel. */
export class SftpRemoteFs implements RemoteFs {
  readonly protocol = 'sftp';
  openChannel?: () => Promise<RemoteFs>;
  private open = true;
  private closedByUs = false;
  private lastError: unknown;
  private readonly closeListeners = new Set<(reason?: string) => void>();
  private readonly closed: Promise<void>;
  /** Ends this RemoteFs (listeners told) without waiting for the server to confirm. */
  private markEnded: () => void = () => undefined;

  constructor(
    private readonly client: Client,
    private readonly channel: SftpChannel,
    private readonly homePath: string,
    /** The server's SSH identification line. */
    readonly serverBanner: string,
    /** Given when this shares its session's connection: its own SFTP channel. */
    private readonly sharedChannel?: SFTPWrapper,
  ) {
    this.closed = new Promise<void>((resolve) => {
      const noteError = (error: unknown): void => {
        this.lastError = error;
      };
      client.on('error', noteError);
      const ended = (): void => {
        if (!this.open) return;
        this.open = false;
        // A channel's listeners must not pile up on the connection it shares.
        client.off('error', noteError).off('close', ended);
        channel.markClosed();
        const reason = this.closedByUs ? undefined : closeReason(this.lastError);
        for (const listener of this.closeListeners) listener(reason);
        resolve();
      };
      this.markEnded = ended;
      client.once('close', ended);
      sharedChannel?.once('close', ended);
    });
  }

  /**
   * From now on, connections for transfers are further SFTP channels of this connection (its
   * login needed the user; a new login would ask them again).
   */
  shareForTransfers(): void {
    this.openChannel = () => this.channelSibling();
  }

  private async channelSibling(): Promise<RemoteFs> {
    if (!this.open) throw connectionLost();
    const sftp = await new Promise<SFTPWrapper>((resolve, reject) => {
      this.client.sftp((error, opened) => (error ? reject(error) : resolve(opened)));
    }).catch((error: unknown) => {
      throw new FerryError(
        'connection_lost',
        'The server allowed no further channel on this connection (transfers, searches and synchronizations each take one).',
        'Lower "Most transfer connections" for this site (Site manager), or set fewer parallel transfers in Settings.',
        { cause: error },
      );
    });
    return new SftpRemoteFs(
      this.client,
      new SftpChannel(sftp),
      this.homePath,
      this.serverBanner,
      sftp,
    );
  }

  private get link(): Link {
    return this.sharedChannel ?? this.client;
  }

  home(): Promise<string> {
    return Promise.resolve(this.homePath);
  }

  async list(path: string): Promise<Listing> {
    const raw = await this.guard('list', path, () => this.channel.readdir(path));
    const entries: FileEntry[] = [];
    const skipped: NonNullable<Listing['skipped']> = [];
    for (const item of raw) {
      if (isSelfOrParent(item.filename)) continue;
      const refused = refusedNameReason(item.filename);
      if (refused === undefined)
        entries.push(toFileEntry(item.filename, item.attrs, item.longname));
      else skipped.push({ name: item.filename, reason: refused });
    }
    // One STAT (and READLINK) per link, a few links at a time: what each link leads to.
    const links = entries.filter((entry) => entry.kind === 'symlink');
    await runLimited(links, LINK_CONCURRENCY, (entry) =>
      this.describeLink(entry, posix.join(path, entry.name)),
    );
    return skipped.length > 0 ? { path, entries, skipped } : { path, entries };
  }

  async stat(path: string): Promise<FileEntry | null> {
    try {
      const attrs = await this.channel.lstat(path);
      const entry = toFileEntry(posix.basename(path) || '/', attrs);
      if (entry.kind === 'symlink') await this.describeLink(entry, path);
      return entry;
    } catch (error) {
      if (this.open && sftpStatus(error) === SFTP_STATUS.NO_SUCH_FILE) return null;
      throw sftpError(error, 'look at', path, this.open);
    }
  }

  realpath(path: string): Promise<string> {
    return this.guard('look at', path, () => this.channel.realpath(path));
  }

  async mkdir(path: string): Promise<void> {
    let first: unknown;
    try {
      return await this.channel.mkdir(path);
    } catch (error) {
      first = error;
    }
    // Work out why from the server's view, not from its message text.
    const existing = await this.followedKind(path);
    if (existing === 'folder') return;
    if (existing !== undefined) {
      throw new FerryError(
        'already_exists',
        `${path} already exists on the server, and it is not a folder.`,
        'Choose another name, or rename the file that is in the way.',
      );
    }
    const parent = posix.dirname(path);
    if (sftpStatus(first) !== SFTP_STATUS.NO_SUCH_FILE || parent === path) {
      throw sftpError(first, 'create', path, this.open);
    }
    await this.mkdir(parent);
    await this.channel.mkdir(path).catch(async (error: unknown) => {
      if ((await this.followedKind(path)) !== 'folder') {
        throw sftpError(error, 'create', path, this.open);
      }
    });
  }

  async rename(from: string, to: string): Promise<void> {
    try {
      await this.channel.rename(from, to);
    } catch (error) {
      // SFTP v3 rename never replaces: a FAILURE with the target present means "exists".
      if (this.open && sftpStatus(error) === SFTP_STATUS.FAILURE && (await this.exists(to))) {
        throw new FerryError(
          'already_exists',
          `Something named "${posix.basename(to)}" already exists in ${posix.dirname(to)}.`,
          'Choose another name, or delete or rename the existing one first.',
          { cause: error },
        );
      }
      throw sftpError(error, 'rename', from, this.open);
    }
  }

  async replaceFile(from: string, to: string): Promise<void> {
    if (!this.open) throw connectionLost();
    const atomic = this.channel.posixRename(from, to);
    if (atomic !== undefined) {
      return atomic.catch((error: unknown) => {
        throw sftpError(error, 'replace', to, this.open);
      });
    }
    // SFTP v3 RENAME never replaces, so the old file goes first. Until the RENAME that follows
    // (one round trip) nothing is under the target's name; if the connection drops in between,
    // the complete new file waits under the temporary name and a retry renames it. Renaming the
    // old file aside instead would need a third name to clean up, for the same window.
    await this.channel.unlink(to).catch((error: unknown) => {
      if (this.open && sftpStatus(error) === SFTP_STATUS.NO_SUCH_FILE) return;
      throw sftpError(error, 'replace', to, this.open);
    });
    await this.guard('replace', to, () => this.channel.rename(from, to));
  }

  deleteFile(path: string): Promise<void> {
    return this.guard('delete', path, () => this.channel.unlink(path));
  }

  async deleteFolder(path: string): Promise<void> {
    // Emptying "/" would delete everything the account can reach (as FTP and the handler refuse).
    if (posix.normalize(path).replace(/\/+$/, '') === '') {
      throw new FerryError(
        'invalid_input',
        'Ferry will not delete the top folder of the server ("/").',
        'Choose the folders inside it that you want to delete.',
      );
    }
    const attrs = await this.guard('delete', path, () => this.channel.lstat(path));
    // A link to a folder is removed as a link: its target is not ours to empty.
    if (kindOf(attrs.mode) !== 'folder') return this.deleteFile(path);
    await deleteTree(this.channel, path, (action, at, work) => this.guard(action, at, work));
  }

  chmod(path: string, mode: number): Promise<void> {
    return this.guard('change the permissions of', path, () => this.channel.chmod(path, mode));
  }

  async upload(
    source: Readable,
    path: string,
    options: { offset?: number; onBytes?: OnBytes; mode?: number; pacer?: BytePacer } = {},
  ): Promise<void> {
    const offset = options.offset ?? 0;
    // Resuming writes into the existing file; a fresh upload replaces it.
    const flags = offset > 0 ? 'r+' : 'w';
    const handle = await this.guard('upload to', path, () =>
      this.channel.open(path, flags, { mode: options.mode ?? DEFAULT_FILE_MODE }),
    ).catch((error: unknown) => {
      source.destroy();
      throw error;
    });
    const remoteError = (error: unknown): FerryError =>
      sftpError(error, 'upload to', path, this.open);
    // The open mode only applies to new files (and is cut by the server's umask).
    if (options.mode !== undefined) {
      await this.channel.fchmod(handle, options.mode).catch(async (error: unknown) => {
        source.destroy();
        await this.channel.close(handle).catch(() => undefined);
        throw remoteError(error);
      });
    }
    // On failure writeFromStream closes the handle itself, in the background.
    await writeFromStream(
      this.channel,
      handle,
      source,
      offset,
      remoteError,
      options.onBytes,
      options.pacer,
    ).catch(async (error: unknown) => {
      // Remote failures arrive already mapped; anything else is the local side's.
      throw await serverFullOr(localSideError(error, true), this.channel, path, 0);
    });
    // Closing can fail (quota, disk full on flush): that is a failed upload.
    await this.guard('upload to', path, () => this.channel.close(handle)).catch(
      async (error: unknown) => {
        throw await serverFullOr(error, this.channel, path, 0);
      },
    );
  }

  async download(
    path: string,
    target: Writable,
    options: { offset?: number; onBytes?: OnBytes; pacer?: BytePacer } = {},
  ): Promise<void> {
    const handle = await this.guard('download', path, () => this.channel.open(path, 'r', {})).catch(
      (error: unknown) => {
        target.destroy();
        throw error;
      },
    );
    const remoteError = (error: unknown): FerryError =>
      sftpError(error, 'download', path, this.open);
    const chunks = readInOrder(
      this.channel,
      handle,
      options.offset ?? 0,
      remoteError,
      // A cancel destroys `target`: stop waiting for READs that a slow link still carries.
      abandonedStream(target),
      options.onBytes,
      options.pacer,
    );
    try {
      // pipeline ends `target` and waits until it is flushed and closed.
      await pipeline(chunks, target);
    } catch (error) {
      // The server answers the READs asked for before the CLOSE: nobody waits for those.
      void this.channel.close(handle).catch(() => undefined);
      throw localSideError(error, false);
    }
    await this.channel.close(handle).catch(() => undefined);
  }

  readSmall(path: string, maxBytes: number): Promise<Buffer> {
    if (!this.open) return Promise.reject(connectionLost());
    return readSmallFile(this.channel, path, maxBytes, (error) =>
      sftpError(error, 'download', path, this.open),
    );
  }

  writeSmall(path: string, data: Buffer, attributes: SmallFileAttributes): Promise<void> {
    if (!this.open) return Promise.reject(connectionLost());
    return writeSmallFile(this.channel, path, data, attributes, (error) =>
      sftpError(error, 'upload to', path, this.open),
    ).catch(async (error: unknown) => {
      throw await serverFullOr(error, this.channel, path, data.length);
    });
  }

  async setModified(path: string, modified: Date): Promise<boolean> {
    try {
      await this.channel.utimes(path, new Date(), modified);
      return true;
    } catch (error) {
      if (this.open && sftpStatus(error) === SFTP_STATUS.OP_UNSUPPORTED) return false;
      throw sftpError(error, 'change the date of', path, this.open);
    }
  }

  async close(options: { abandon?: boolean } = {}): Promise<void> {
    if (this.open) {
      this.closedByUs = true;
      // end() says goodbye after everything queued, which a slow link sends at its own pace.
      if (options.abandon) this.link.destroy();
      else this.link.end();
      // A server that never answers our goodbye must not keep us waiting.
      const timer = setTimeout(() => {
        this.link.destroy();
        // A channel's close waits for the server's confirmation, which may never come.
        if (this.sharedChannel) this.markEnded();
      }, 2000);
      await this.closed;
      clearTimeout(timer);
    }
  }

  onClose(listener: (reason?: string) => void): void {
    this.closeListeners.add(listener);
  }

  private async guard<T>(action: string, path: string, work: () => Promise<T>): Promise<T> {
    if (!this.open) throw connectionLost();
    try {
      return await work();
    } catch (error) {
      throw sftpError(error, action, path, this.open);
    }
  }

  /** Fills in where a link points and what is there (nothing, when the link is broken). */
  private async describeLink(entry: FileEntry, path: string): Promise<void> {
    const [target, targetKind] = await Promise.all([
      this.channel.readlink(path).catch(() => ''),
      this.followedKind(path),
    ]);
    if (target) entry.target = target;
    if (targetKind) entry.targetKind = targetKind;
  }

  private async exists(path: string): Promise<boolean> {
    return this.channel.lstat(path).then(
      () => true,
      () => false,
    );
  }

  /** What is at `path` with links followed, or undefined if nothing is. */
  private async followedKind(path: string): Promise<FileEntry['kind'] | undefined> {
    return this.channel.stat(path).then(
      (attrs) => kindOf(attrs.mode),
      () => undefined,
    );
  }
}

function closeReason(error: unknown): string {
  return error instanceof Error && error.message
    ? `The connection to the server was lost (${error.message}).`
    : 'The server closed the connection.';
}
