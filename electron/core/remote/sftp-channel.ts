import type { FileEntryWithStats, InputAttributes, OpenMode, SFTPWrapper, Stats } from 'ssh2';

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
  readdir(path: string): Promise<FileEntryWithStats[]> {
    return this.call((done) => this.sftp.readdir(path, done));
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
  chmod(path: string, mode: number): Promise<void> {
    return this.run((done) => this.sftp.chmod(path, mode, done));
  }
  utimes(path: string, atime: Date, mtime: Date): Promise<void> {
    return this.run((done) => this.sftp.utimes(path, atime, mtime, done));
  }
  open(path: string, flags: OpenMode, attributes: InputAttributes): Promise<Buffer> {
    return this.call((done) => this.sftp.open(path, flags, attributes, done));
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
  /** Resolves with the bytes read; an empty buffer means end of file. */
  read(handle: Buffer, length: number, position: number): Promise<Buffer> {
    return this.call<Buffer>((done) =>
      this.sftp.read(handle, Buffer.allocUnsafe(length), 0, length, position, (error, bytes, buf) =>
        done(error, error ? Buffer.alloc(0) : buf.subarray(0, bytes)),
      ),
    );
  }
}
