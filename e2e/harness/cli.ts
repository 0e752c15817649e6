/**
 * `npm run servers [-- kind ...]`: starts the test servers, prints how to connect to each and keeps
 * them running until Ctrl-C.
 */
import {
  SERVER_KINDS,
  startServers,
  type FtpServer,
  type ServerKind,
  type TestServers,
} from './servers';
import type { FtpKind } from './kinds';

const SCHEMES: Record<FtpKind, { scheme: string; label: string }> = {
  'ftps-explicit': { scheme: 'ftpes', label: 'FTPS, explicit TLS (AUTH TLS), TLS required' },
  'ftps-explicit-tls12': { scheme: 'ftpes', label: 'FTPS, explicit TLS, capped at TLS 1.2' },
  'ftps-implicit': { scheme: 'ftps', label: 'FTPS, implicit TLS' },
  ftp: { scheme: 'ftp', label: 'plain FTP, NO encryption' },
  'ftps-weak': { scheme: 'ftpes', label: 'FTPS, explicit, WEAK (TLS 1.0+, weak ciphers)' },
};

function parseKinds(args: string[]): ServerKind[] | undefined {
  if (args.length === 0) return undefined;
  const known: readonly string[] = SERVER_KINDS;
  const unknown = args.filter((arg) => !known.includes(arg));
  if (unknown.length > 0) {
    console.error(
      `Unknown server kind(s): ${unknown.join(', ')}. Known: ${SERVER_KINDS.join(', ')}`,
    );
    process.exit(2);
  }
  return args as ServerKind[];
}

function describe(servers: TestServers): string {
  const { name, password } = servers.user;
  const lines = [
    `User:     ${name}`,
    `Password: ${password}`,
    `Root:     ${servers.root}  (FTP "/"; SFTP starts here)`,
    `Test CA:  ${servers.ca.certPath}`,
    `Server certificate SHA-256: ${servers.serverCert.fingerprint256}`,
    `Client key: ${servers.clientKey.privateKeyPath} (passphrase "${servers.clientKey.passphrase}"), ` +
      `unencrypted: ${servers.clientKey.unencryptedPrivateKeyPath}`,
    '',
  ];
  if (servers.sftp) {
    const { port, hostKeys, logPath } = servers.sftp;
    lines.push(`SFTP (OpenSSH sshd)  127.0.0.1:${port}`);
    lines.push(`  Ferry URL: sftp://${name}@127.0.0.1:${port}/`);
    for (const key of hostKeys) lines.push(`  Host key:  ${key.type} ${key.fingerprint}`);
    lines.push(
      `  Try:       sftp -P ${port} -i ${servers.clientKey.unencryptedPrivateKeyPath} ${name}@127.0.0.1`,
    );
    lines.push(`  Log:       ${logPath}`, '');
  }
  if (servers.sftpOtp) {
    const { port, hostKeys, logPath } = servers.sftpOtp;
    lines.push(`SFTP with two-step login: password, then a one-time code  127.0.0.1:${port}`);
    lines.push(`  Ferry URL: sftp://${name}@127.0.0.1:${port}/`);
    for (const key of hostKeys) lines.push(`  Host key:  ${key.type} ${key.fingerprint}`);
    lines.push(`  Code now:  ${servers.sftpOtp.oneTimeCode()} (a new one every 30 s)`);
    lines.push(`  Log:       ${logPath}`, '');
  }
  const ftp: [FtpKind, FtpServer | undefined][] = [
    ['ftps-explicit', servers.ftpsExplicit],
    ['ftps-explicit-tls12', servers.ftpsExplicitTls12],
    ['ftps-implicit', servers.ftpsImplicit],
    ['ftp', servers.ftp],
    ['ftps-weak', servers.ftpsWeak],
  ];
  for (const [kind, server] of ftp) {
    if (!server) continue;
    const { scheme, label } = SCHEMES[kind];
    lines.push(`${label} (vsftpd)  127.0.0.1:${server.port}`);
    lines.push(`  Ferry URL: ${scheme}://${name}@127.0.0.1:${server.port}/`);
    lines.push(`  Passive:   ${server.passivePorts.min}-${server.passivePorts.max}`);
    lines.push(`  Log:       ${server.logPath}`, '');
  }
  return lines.join('\n');
}

async function main(): Promise<void> {
  const servers = await startServers(parseKinds(process.argv.slice(2)));
  console.log(describe(servers));
  console.log('Running. Press Ctrl-C to stop and remove everything.');
  let stopping = false;
  const shutdown = (): void => {
    if (stopping) return;
    stopping = true;
    console.log('\nStopping servers…');
    void servers.stop().then(() => {
      console.log('Stopped; temporary files removed.');
      process.exit(0);
    });
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
  // Keep the event loop alive until a signal arrives.
  setInterval(() => undefined, 1 << 30);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exit(1);
});
