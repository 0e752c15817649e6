import type { Readable, Writable } from 'node:stream';
import type { FileEntry, Listing } from '../../../shared/types';

/** Progress callback: bytes moved so far in this call. */
export type OnBytes = (bytesSoFar: number) => void;

/**
 * A speed limit shared by many transfers (transfers/token-bucket.ts): bytes wait for it before
 * they are sent or asked for. The limit may change (or go) while a transfer runs.
 */
export interface BytePacer {
  /** Bytes per second now, or null: no limit. */
  readonly rate: number | null;
  /**
   * Undefined: `bytes` may go now (always so without a limit: no promise on the fast path).
   * Otherwise wait for the promise; it rejects (cancelled) at once when `signal` aborts.
   */
  take(bytes: number, signal?: AbortSignal): Promise<void> | undefined;
}

export interface SmallFileAttributes {
  mode: number;
  /** Null: leave the server's. */
  modified: Date | null;
  /** Nothing was at the path when the caller looked just before (FTP may then skip a chmod). */
  created?: boolean;
}

/**
 * The one way the rest of Ferry talks to a server. Paths are absolute POSIX paths.
 * Every method rejects with a FerryError carrying a code (see shared/errors.ts).
 */
export interface RemoteFs {
  readonly protocol: 'sftp' | 'ftp';
  /** What the server said it is (SSH identification line or FTP greeting), when known. */
  readonly serverBanner?: string;
  /** The folder the server put us in after login. */
  home(): Promise<string>;
  list(path: string): Promise<Listing>;
  /** null when nothing exists at `path`. */
  stat(path: string): Promise<FileEntry | null>;
  realpath(path: string): Promise<string>;
  /** Creates the folder and any missing parents; fine if it exists. */
  mkdir(path: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  /**
   * Moves the file `from` onto `to`, replacing the file there (an upload's temporary file onto
   * its target): in one step where the server can, else by deleting `to` just before.
   */
  replaceFile(from: string, to: string): Promise<void>;
  deleteFile(path: string): Promise<void>;
  /** Deletes a folder and everything below it, never following symlinks. */
  deleteFolder(path: string): Promise<void>;
  chmod(path: string, mode: number): Promise<void>;
  /** Streams `source` into the remote file, starting at `offset` (resume) when given. */
  upload(
    source: Readable,
    path: string,
    options?: {
      offset?: number;
      onBytes?: OnBytes;
      mode?: number;
      /** Nothing was at `path` when the caller looked just before (FTP may then skip a chmod). */
      fresh?: boolean;
      /** The upload speed limit its bytes wait for. */
      pacer?: BytePacer;
    },
  ): Promise<void>;
  /** Streams the remote file into `target`, starting at `offset` when given. */
  download(
    path: string,
    target: Writable,
    /** `pacer`: the download speed limit; new bytes are asked for once it lets the last ones in. */
    options?: { offset?: number; onBytes?: OnBytes; pacer?: BytePacer },
  ): Promise<void>;
  /**
   * Optional (SFTP, FTP): up to `maxBytes` from the start of a file, in one request. Fewer bytes mean
   * the end of the file — or a server that answers in pieces: only the caller, knowing the size
   * the listing gave, can tell.
   */
  readSmall?(path: string, maxBytes: number): Promise<Buffer>;
  /**
   * Optional (SFTP, FTP): writes `data` as the whole file (created or replaced) with these permission
   * bits and modification time, its requests sent back to back.
   */
  writeSmall?(path: string, data: Buffer, attributes: SmallFileAttributes): Promise<void>;
  /**
   * Optional (FTP): the permission bits of the regular file at `path`, asked without a data
   * connection; null when the answer is unclear (then the parent's listing tells).
   */
  modeOf?(path: string): Promise<number | null>;
  /** Sets the modification time, where the protocol allows. Resolves false when it cannot. */
  setModified(path: string, modified: Date): Promise<boolean>;
  /**
   * Closes the connection; safe to call twice. Aborts anything in flight. `abandon`: drop it
   * without a goodbye (after a cancel, bytes still queued for a slow link are not worth sending).
   */
  close(options?: { abandon?: boolean }): Promise<void>;
  /** Resolves/fires when the connection ends for any reason. */
  onClose(listener: (reason?: string) => void): void;
  /**
   * Set when logging in again would need the user (they typed a one-time code): connections
   * for transfers are then opened as channels of this one, with no new login. Absent: open new
   * connections.
   */
  openChannel?: () => Promise<RemoteFs>;
}
