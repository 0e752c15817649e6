/** The servers the benchmark talks to, described once for every tool (peers and Ferry alike). */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { FtpServer, TestServers } from '../e2e/harness/servers';

export type EndpointId = 'sftp' | 'ftps13' | 'ftps12';

export interface Endpoint {
  id: EndpointId;
  title: string;
  protocol: 'sftp' | 'ftps-explicit';
  host: '127.0.0.1';
  port: number;
  user: string;
  password: string;
  /** The test CA (PEM file) that signed the FTPS server's certificate. */
  caPath: string;
  /** An OpenSSH known_hosts file holding exactly the SFTP server's host key. */
  knownHostsPath: string;
  /** OpenSSH-style host key fingerprint ('SHA256:…') and key type of the SFTP server. */
  hostKeyFingerprint: string;
  hostKeyType: string;
  /** The server's log, for failure reports. */
  logPath: string;
  /** `rel` (POSIX, relative to the harness root) as this protocol names it on the server. */
  remotePath(rel: string): string;
  /** `rel` as a path on this machine's disk (the servers run here, so files can be checked directly). */
  diskPath(rel: string): string;
}

export const ENDPOINT_IDS: readonly EndpointId[] = ['sftp', 'ftps13', 'ftps12'];

/** Writes a known_hosts line for the harness's host key (never StrictHostKeyChecking=no). */
async function writeKnownHosts(servers: TestServers, dir: string): Promise<string> {
  const sftp = servers.sftp;
  if (!sftp) return '';
  const lines = await Promise.all(
    sftp.hostKeys.map(async (key) => {
      const [type, blob] = (await readFile(key.publicKeyPath, 'utf8')).trim().split(/\s+/);
      return `[127.0.0.1]:${sftp.port} ${type} ${blob}`;
    }),
  );
  const path = join(dir, 'known_hosts');
  await writeFile(path, `${lines.join('\n')}\n`, { mode: 0o600 });
  return path;
}

export async function describeEndpoints(
  servers: TestServers,
  wanted: readonly EndpointId[],
  scratch: string,
): Promise<Endpoint[]> {
  const knownHostsPath = await writeKnownHosts(servers, scratch);
  const common = {
    host: '127.0.0.1' as const,
    user: servers.user.name,
    password: servers.user.password,
    caPath: servers.ca.certPath,
    knownHostsPath,
    hostKeyFingerprint: servers.sftp?.hostKeys[0]?.fingerprint ?? '',
    hostKeyType: servers.sftp?.hostKeys[0]?.type ?? '',
    diskPath: (rel: string) => join(servers.root, rel),
  };
  const ftp = (id: EndpointId, title: string, server: FtpServer | undefined): Endpoint[] =>
    server
      ? [
          {
            ...common,
            id,
            title,
            protocol: 'ftps-explicit',
            port: server.port,
            logPath: server.logPath,
            remotePath: (rel) => `/${rel}`,
          },
        ]
      : [];
  const all: Endpoint[] = [
    ...(servers.sftp
      ? [
          {
            ...common,
            id: 'sftp' as const,
            title: 'SFTP (OpenSSH sshd)',
            protocol: 'sftp' as const,
            port: servers.sftp.port,
            logPath: servers.sftp.logPath,
            remotePath: (rel: string) => `${servers.root}/${rel}`,
          },
        ]
      : []),
    ...ftp('ftps13', 'FTPS explicit, TLS 1.3 (vsftpd, require_ssl_reuse)', servers.ftpsExplicit),
    ...ftp(
      'ftps12',
      'FTPS explicit, TLS 1.2 (vsftpd, require_ssl_reuse)',
      servers.ftpsExplicitTls12,
    ),
  ];
  return all.filter((endpoint) => wanted.includes(endpoint.id));
}
