/**
 * FTP and FTPS (explicit and implicit) behind the RemoteFs interface, on basic-ftp.
 * See ftp-connect.ts (opening), ftp-trust.ts (certificates), ftp-session.ts (queue, keepalive,
 * reconnect), ftp-data-guard.ts (data connections), ftp-ops-*.ts and ftp-transfer.ts (calls).
 */
import type { Readable, Writable } from 'node:stream';
import { FerryError } from '../../../shared/errors';
import type { ConnectionParams, FileEntry, Listing } from '../../../shared/types';
import type { CertPins } from '../trust/cert-pins';
import type { ConnectDeps } from './connect-deps';
import { openFtp } from './ftp-connect';
import { storeFailure } from './ftp-errors';
import { describeLinks } from './ftp-links';
import { ftpLogHook } from './ftp-log';
import { checkEncodable, codecForSetting } from './ftp-names-wire';
import { listFolder, resolvePath, statPath } from './ftp-ops-read';
import {
  changeMode,
  deleteFile,
  deleteFolder,
  makeFolders,
  renamePath,
  replaceFile,
  setModified,
} from './ftp-ops-write';
import { remotePath } from './ftp-paths';
import { FtpSession } from './ftp-session';
import { readSmallFile, writeSmallFile } from './ftp-small-files';
import { download, upload, type DownloadOptions, type UploadOptions } from './ftp-transfer';
import { openWithTrust } from './ftp-trust';
import { modeOnServer } from './ftp-upload-mode';
import type { NameCodec } from './name-codec';
import { logRoute } from './proxy/proxy-log';
import type { RemoteFs, SmallFileAttributes } from './remote-fs';

export interface FtpOptions {
  /** Extra certificate authorities (PEM) trusted besides the system's, e.g. a test CA. */
  extraCa?: string[];
  /** Pinned certificates: a pinned one connects without asking. */
  certPins?: CertPins;
  /** Idle time before a NOOP keeps the connection open; 0 turns it off. Default 30 s. */
  keepaliveMs?: number;
  /** How long one reply or a stalled transfer may take once connected. Default 30 s or more. */
  operationTimeoutMs?: number;
}

export type FtpProtocol = 'ftp' | 'ftps-explicit' | 'ftps-implicit';

export async function connectFtp(
  params: ConnectionParams,
  deps: ConnectDeps,
  options: FtpOptions = {},
): Promise<FtpRemoteFs> {
  if (params.protocol === 'sftp') {
    throw new FerryError('invalid_input', 'connectFtp was asked to open an SFTP connection.');
  }
  if (params.protocol === 'ftp' && params.plainFtpAcknowledged !== true) {
    throw new FerryError(
      'plain_ftp_not_acknowledged',
      'Plain FTP sends your password and files unencrypted.',
      'Choose FTPS if the server offers it, or confirm that you accept plain FTP.',
    );
  }
  // FTP commands end at a line break: these could smuggle in a second command.
  if (/[\r\n\0]/.test(`${params.user}${params.password ?? ''}`)) {
    throw new FerryError(
      'invalid_input',
      'The user name or password contains a line break, which FTP cannot carry.',
      'Type it again without the line break (a pasted one often brings it along).',
    );
  }
  deps.log.addSecret(params.password);
  logRoute(deps.log, params);
  if (params.passive === false) {
    deps.log.write(
      'info',
      params.proxy || params.jump
        ? 'Active mode cannot work through a proxy or jump host (the server would have to connect back to this computer); using passive mode.'
        : 'Active mode is not supported; using passive mode.',
    );
  }
  const request = {
    params,
    extraCa: options.extraCa ?? [],
    timeoutMs: deps.timeoutMs,
    operationTimeoutMs: options.operationTimeoutMs ?? Math.max(30_000, deps.timeoutMs),
    log: ftpLogHook(deps.log),
    names: codecForSetting(params.nameEncoding),
    ...(deps.tunnel ? { tunnel: deps.tunnel } : {}),
  };
  const { opened, check } = await openWithTrust(request, deps, options.certPins);
  const target = { host: params.host, port: params.port };
  // Reconnects reuse the certificate decision of this session and never ask again.
  const session = new FtpSession(
    opened,
    () => openFtp({ ...request, check }),
    target,
    deps.log,
    options.keepaliveMs ?? 30_000,
  );
  return new FtpRemoteFs(session, params.protocol, request.names);
}

export class FtpRemoteFs implements RemoteFs {
  readonly protocol = 'ftp';

  constructor(
    private readonly session: FtpSession,
    readonly ftpProtocol: FtpProtocol,
    private readonly names: NameCodec,
  ) {}

  /** An absolute path the server can be sent: a name its encoding cannot write is refused. */
  private path(path: string): string {
    const at = remotePath(path);
    checkEncodable(this.names, at);
    return at;
  }

  /** The server's greeting, e.g. "220 (vsFTPd 3.0.3)". */
  get serverBanner(): string {
    return this.session.greeting;
  }

  async home(): Promise<string> {
    return this.session.home;
  }

  async list(path: string): Promise<Listing> {
    const at = this.path(path);
    return this.session.run(
      `list "${at}"`,
      async (c) => {
        const listing = await listFolder(c, at);
        await describeLinks(c, at, listing.entries);
        return listing;
      },
      { retry: true },
    );
  }

  async stat(path: string): Promise<FileEntry | null> {
    const at = this.path(path);
    return this.session.run(`look up "${at}"`, (c) => statPath(c, at), { retry: true });
  }

  async realpath(path: string): Promise<string> {
    const at = this.path(path);
    return this.session.run(`resolve "${at}"`, (c) => resolvePath(c, at), { retry: true });
  }

  async mkdir(path: string): Promise<void> {
    const at = this.path(path);
    return this.session.run(`create "${at}"`, (c) => makeFolders(c, at), { retry: true });
  }

  async rename(from: string, to: string): Promise<void> {
    const a = this.path(from);
    const b = this.path(to);
    return this.session.run(`rename "${a}"`, (c) => renamePath(c, a, b), { retry: false });
  }

  async replaceFile(from: string, to: string): Promise<void> {
    const a = this.path(from);
    const b = this.path(to);
    return this.session.run(`replace "${b}"`, (c) => replaceFile(c, a, b), { retry: false });
  }

  async deleteFile(path: string): Promise<void> {
    const at = this.path(path);
    return this.session.run(`delete "${at}"`, (c) => deleteFile(c, at), { retry: false });
  }

  async deleteFolder(path: string): Promise<void> {
    const at = this.path(path);
    return this.session.run(`delete "${at}"`, (c) => deleteFolder(c, at), { retry: true });
  }

  async chmod(path: string, mode: number): Promise<void> {
    const at = this.path(path);
    return this.session.run(`change "${at}"`, (c) => changeMode(c, at, mode), { retry: true });
  }

  async upload(source: Readable, path: string, options?: UploadOptions): Promise<void> {
    const at = this.path(path);
    // Never retried: the source stream has been consumed.
    return this.session
      .run(`upload "${at}"`, (c) => upload(c, source, at, options), { retry: false })
      .catch((error: unknown) => {
        throw storeFailure(error, at);
      });
  }

  async download(path: string, target: Writable, options?: DownloadOptions): Promise<void> {
    const at = this.path(path);
    return this.session.run(`download "${at}"`, (c) => download(c, at, target, options), {
      retry: false,
    });
  }

  readSmall(path: string, maxBytes: number): Promise<Buffer> {
    const at = this.path(path);
    // Nothing written anywhere yet: safe to run again on a fresh connection.
    return this.session.run(`download "${at}"`, (c) => readSmallFile(c, at, maxBytes), {
      retry: true,
    });
  }

  writeSmall(path: string, data: Buffer, attributes: SmallFileAttributes): Promise<void> {
    const at = this.path(path);
    return this.session
      .run(`upload "${at}"`, (c) => writeSmallFile(c, at, data, attributes), { retry: false })
      .catch((error: unknown) => {
        throw storeFailure(error, at);
      });
  }

  /** From STAT on the control connection: no data connection, unlike the parent's listing. */
  modeOf(path: string): Promise<number | null> {
    const at = this.path(path);
    return this.session.run(`look up "${at}"`, (c) => modeOnServer(c, at), { retry: true });
  }

  async setModified(path: string, modified: Date): Promise<boolean> {
    const at = this.path(path);
    return this.session.run(`set the time of "${at}"`, (c) => setModified(c, at, modified), {
      retry: true,
    });
  }

  close(): Promise<void> {
    return this.session.close();
  }

  onClose(listener: (reason?: string) => void): void {
    this.session.onClose(listener);
  }
}
