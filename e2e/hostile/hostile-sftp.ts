/**
 * An SFTP server (ssh2's Server with an SFTP subsystem) that serves a hostile tree: its READDIR
 * answers carry whatever names the tree holds. It records every path a client asked to open, so
 * a test can prove hostile names were never requested.
 */
import ssh2 from 'ssh2';
import type { Attributes, SFTPWrapper } from 'ssh2';
import { startSshTestServer } from './ssh-test-server';
import { bytesAt, lookup, longName, type HostileEntry, type HostileFolder } from './tree';

const { utils } = ssh2;
const { STATUS_CODE } = utils.sftp;

export interface HostileSftpServer {
  port: number;
  user: string;
  password: string;
  /** The host key's OpenSSH fingerprint, for a test to trust explicitly. */
  fingerprint: string;
  /** Every path OPEN / OPENDIR / STAT was asked for. */
  requests: string[];
  /** File bytes sent so far (READ answers), over all connections. */
  readonly sent: number;
  close(): Promise<void>;
}

const S_IFDIR = 0o040000;
const S_IFREG = 0o100000;
const S_IFLNK = 0o120000;

function attrsOf(entry: HostileEntry): Attributes {
  const type = entry.kind === 'folder' ? S_IFDIR : entry.kind === 'symlink' ? S_IFLNK : S_IFREG;
  const perm = entry.kind === 'folder' ? 0o755 : 0o644;
  const time = entry.kind === 'file' ? (entry.mtime ?? 1_700_000_000) : 1_700_000_000;
  return {
    mode: type | perm,
    uid: 1000,
    gid: 1000,
    size: entry.kind === 'file' ? entry.data.length : 0,
    atime: time,
    mtime: time,
  };
}

export async function startHostileSftp(tree: HostileFolder): Promise<HostileSftpServer> {
  const user = 'hostile';
  const password = 'hostile-password';
  const requests: string[] = [];
  const counter = { sent: 0 };
  const server = await startSshTestServer({
    user,
    password,
    serve: (sftp) => serveSftp(sftp, tree, requests, counter),
  });
  return {
    port: server.port,
    user,
    password,
    fingerprint: server.fingerprint,
    requests,
    get sent() {
      return counter.sent;
    },
    close: server.close,
  };
}

function serveSftp(
  sftp: SFTPWrapper,
  tree: HostileFolder,
  requests: string[],
  counter: { sent: number },
): void {
  const handles = new Map<number, { entry: HostileEntry; listed: boolean }>();
  let nextHandle = 1;
  const handleFor = (entry: HostileEntry): Buffer => {
    const id = nextHandle++;
    handles.set(id, { entry, listed: false });
    const buffer = Buffer.alloc(4);
    buffer.writeUInt32BE(id);
    return buffer;
  };
  const opened = (handle: Buffer) => handles.get(handle.length === 4 ? handle.readUInt32BE(0) : -1);

  sftp.on('REALPATH', (reqid, path) => {
    const normal = path === '.' || path === '' ? '/' : path;
    sftp.name(reqid, [{ filename: normal, longname: normal, attrs: {} as Attributes }]);
  });
  const stat = (reqid: number, path: string) => {
    requests.push(path);
    const entry = lookup(tree, path);
    if (!entry) return sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE);
    sftp.attrs(reqid, attrsOf(entry));
  };
  sftp.on('STAT', stat);
  sftp.on('LSTAT', stat);
  sftp.on('FSTAT', (reqid, handle) => {
    const entry = opened(handle)?.entry;
    if (!entry) return sftp.status(reqid, STATUS_CODE.FAILURE);
    sftp.attrs(reqid, attrsOf(entry));
  });
  sftp.on('OPENDIR', (reqid, path) => {
    requests.push(path);
    const entry = lookup(tree, path);
    if (entry?.kind !== 'folder') return sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE);
    sftp.handle(reqid, handleFor(entry));
  });
  sftp.on('READDIR', (reqid, handle) => {
    const state = opened(handle);
    if (!state || state.entry.kind !== 'folder') return sftp.status(reqid, STATUS_CODE.FAILURE);
    if (state.listed) return sftp.status(reqid, STATUS_CODE.EOF);
    state.listed = true;
    sftp.name(
      reqid,
      state.entry.entries.map((entry) => ({
        filename: entry.name,
        longname: longName(entry),
        attrs: attrsOf(entry),
      })),
    );
  });
  sftp.on('READLINK', (reqid, path) => {
    const entry = lookup(tree, path);
    if (entry?.kind !== 'symlink') return sftp.status(reqid, STATUS_CODE.FAILURE);
    sftp.name(reqid, [{ filename: entry.target, longname: entry.target, attrs: {} as Attributes }]);
  });
  sftp.on('OPEN', (reqid, path) => {
    requests.push(path);
    const entry = lookup(tree, path);
    if (entry?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.NO_SUCH_FILE);
    sftp.handle(reqid, handleFor(entry));
  });
  sftp.on('READ', (reqid, handle, offset, length) => {
    const entry = opened(handle)?.entry;
    if (entry?.kind !== 'file') return sftp.status(reqid, STATUS_CODE.FAILURE);
    const data = bytesAt(entry, offset, length);
    if (data.length === 0) return sftp.status(reqid, STATUS_CODE.EOF);
    counter.sent += data.length;
    sftp.data(reqid, data);
  });
  sftp.on('CLOSE', (reqid, handle) => {
    handles.delete(handle.readUInt32BE(0));
    sftp.status(reqid, STATUS_CODE.OK);
  });
  for (const refused of [
    'WRITE',
    'MKDIR',
    'REMOVE',
    'RMDIR',
    'RENAME',
    'SETSTAT',
    'FSETSTAT',
  ] as const) {
    sftp.on(refused, (reqid: number) => sftp.status(reqid, STATUS_CODE.PERMISSION_DENIED));
  }
}
