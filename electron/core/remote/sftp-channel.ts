import type { FileEntryWithStats, InputAttributes, OpenMode, SFTPWrapper, Stats } from 'ssh2';
import { FerryError } from '../../../shared/errors';
import { readDirect } from './sftp-read-direct';

/**
 * A folder listing stops past these: a server that never ends a folder (or names millions of
 * entries) must not grow our memory without limit. Generous for real folders.
 */
export const LISTING_LIMITS = { entries: 200_000, nameChars: 64 * 1024 * 1024 };

/** SFTP status "end of file", which also ends a folder's READDIR answers. */
const STATUS_EOF = 1;

/**
 * ssh2's callback SFTP API as promises, nothing more. Errors pass through raw (with their SFTP
 * status code) so the caller can map them with the path and action in hand.
 */
export class SftpChannel {
  private closed = false;

  constructor(private readonly sftp: SFTPWrapper) {
    sftp.once('end', () => this.markClosed()).once('close', () => this.markClosed());
  }

  /**
   * After the channel or connection is gone, ssh2 would queue a new request and never answer
   * it; refusing it here turns a hang into a connection_lost.
   */
  markClosed(): void {
    this.closed = true;
  }

  private call<T>(start: (done: (error: Error | undefined | null, value: T) => void) => void) {
    return new Promise<T>((resolve, reject) => {
      if (this.closed) return reject(new Error('The SFTP channel is closed'));
      start((error, value) => (error ? reject(error) : resolve(value)));
    });
  }

  private run(start: (done: (error?: Error | null) => void) => void): Promise<void> {
    return this.call<void>((done) => start((error) => done(error, undefined)));
  }

  realpath(path: string): Promise<string> {
    return this.call((done) => this.sftp.realpath(path, done));
  }
  /**
   * The folder's entries (without `.` and `..`), read chunk by chunk (OPENDIR, READDIR until the
   * server says the folder ended) and refused past LISTING_LIMITS with a coded error.
   */
  async readdir(path: string): Promise<FileEntryWithStats[]> {
    const handle = await this.call<Buffer>((done) => this.sftp.opendir(path, done));
    const entries: FileEntryWithStats[] = [];
    let nameChars = 0;
    try {
      for (;;) {
        const chunk = await this.readdirChunk(handle);
        if (chunk === undefined) return entries;
        for (const item of chunk) {
          entries.push(item);
          nameChars += item.filename.length + item.longname.length;
        }
        if (entries.length > LISTING_LIMITS.entries || nameChars > LISTING_LIMITS.nameChars) {
          throw listingTooLarge(path);
        }
      }
    } finally {
      await this.close(handle).catch(() => undefined);
    }
  }
  /** One READDIR answer; undefined once the server says the folder ended. */
  private readdirChunk(handle: Buffer): Promise<FileEntryWithStats[] | undefined> {
    return this.call((done) =>
      this.sftp.readdir(handle, (error, list) => {
        const ended = (error as { code?: unknown } | undefined)?.code === STATUS_EOF;
        done(ended ? undefined : error, ended ? undefined : list);
      }),
    );
  }
  lstat(path: string): Promise<Stats> {
    return this.call((done) => this.sftp.lstat(path, done));
  }
  stat(path: string): Promise<Stats> {
    return this.call((done) => this.sftp.stat(path, done));
  }
  readlink(path: string): Promise<string> {
    return this.call((done) => this.sftp.readlink(path, done));
  }
  mkdir(path: string): Promise<void> {
    return this.run((done) => this.sftp.mkdir(path, done));
  }
  rmdir(path: string): Promise<void> {
    return this.run((done) => this.sftp.rmdir(path, done));
  }
  unlink(path: string): Promise<void> {
    return this.run((done) => this.sftp.unlink(path, done));
  }
  rename(from: string, to: string): Promise<void> {
    return this.run((done) => this.sftp.rename(from, to, done));
  }
  /**
   * OpenSSH's posix-rename@openssh.com: rename(2), which replaces `to` in one step.
   * Undefined when the server did not offer it (ssh2 then refuses before sending anything).
   */
  posixRename(from: string, to: string): Promise<void> | undefined {
    if (this.closed) return Promise.reject(new Error('The SFTP channel is closed'));
    let settle: (error?: Error | null) => void = () => undefined;
    const request = new Promise<void>((resolve, reject) => {
      settle = (error) => (error ? reject(error) : resolve());
    });
    try {
      this.sftp.ext_openssh_rename(from, to, settle);
    } catch {
      return undefined; // thrown only for a server without the extension
    }
    return request;
  }
  /**
   * Bytes the user may still write on the file system holding `path` (OpenSSH's
   * statvfs@openssh.com), or undefined when the server cannot say.
   */
  freeBytes(path: string): Promise<number | undefined> {
    return new Promise((resolve) => {
      if (this.closed) return resolve(undefined);
      try {
        this.sftp.ext_openssh_statvfs(path, (error, info: StatvfsAnswer | undefined) => {
          const free = Number(info?.f_bavail) * Number(info?.f_frsize);
          resolve(error || !Number.isFinite(free) ? undefined : free);
        });
      } catch {
        resolve(undefined); // thrown only for a server without the extension
      }
    });
  }
  chmod(path: string, mode: number): Promise<void> {
    return this.run((done) => this.sftp.chmod(path, mode, done));
  }
  utimes(path: string, atime: Date, mtime: Date): Promise<void> {
    return this.run((done) => this.sftp.utimes(path, atime, mtime, done));
  }
  open(path: string, flags: OpenMode, attributes: InputAttributes): Promise<Buffer> {
    return this.call((done) => this.sftp.open(path, flags, attributes, done));
  }
  fsetstat(handle: Buffer, attributes: InputAttributes): Promise<void> {
    return this.run((done) => this.sftp.fsetstat(handle, attributes, done));
  }
  fchmod(handle: Buffer, mode: number): Promise<void> {
    return this.run((done) => this.sftp.fchmod(handle, mode, done));
  }
  close(handle: Buffer): Promise<void> {
    return this.run((done) => this.sftp.close(handle, done));
  }
  write(handle: Buffer, data: Buffer, position: number): Promise<void> {
    return this.run((done) => this.sftp.write(handle, data, 0, data.length, position, done));
  }
  /**
   * Resolves with the bytes read (ssh2's own buffer, not a copy); an empty buffer means end of
   * file.
   */
  read(handle: Buffer, length: number, position: number): Promise<Buffer> {
    return this.call<Buffer>((done) => readDirect(this.sftp, handle, length, position, done));
  }
}

/** The fields of a statvfs@openssh.com answer Ferry reads (ssh2 gives numbers or bigints). */
interface StatvfsAnswer {
  f_bavail: number | bigint;
  f_frsize: number | bigint;
}

function listingTooLarge(path: string): FerryError {
  const most = LISTING_LIMITS.entries.toLocaleString('en-US');
  return new FerryError(
    'protocol_mismatch',
    `The server kept listing ${path} past ${most} entries (or 64 MiB of names), so Ferry stopped reading it.`,
    'A folder this large cannot be shown. Open a subfolder, or ask the server administrator: the server may be faulty.',
  );
}
