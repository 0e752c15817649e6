/** Test certificates (a private CA and a server certificate) and the client SSH key pair. */
import { X509Certificate } from 'node:crypto';
import { chmod, copyFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { run } from './processes';

export interface TestPki {
  ca: { certPem: string; certPath: string };
  serverCert: { pem: string; fingerprint256: string; certPath: string; keyPath: string };
}

export interface ClientKey {
  privateKeyPath: string;
  passphrase: string;
  unencryptedPrivateKeyPath: string;
  publicKey: string;
}

export const CLIENT_KEY_PASSPHRASE = 'ferry-test-key-passphrase';

/** A CA and a server certificate valid for 127.0.0.1 and localhost, so hostname checks pass. */
export async function createPki(dir: string): Promise<TestPki> {
  const caKey = join(dir, 'ca.key');
  const caCert = join(dir, 'ca.pem');
  const serverKey = join(dir, 'server.key');
  const serverCsr = join(dir, 'server.csr');
  const serverCert = join(dir, 'server.pem');
  const extensions = join(dir, 'server-ext.cnf');
  await Promise.all([
    run('openssl', [
      'req',
      '-x509',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      caKey,
      '-out',
      caCert,
      '-days',
      '30',
      '-subj',
      '/O=Ferry tests/CN=Ferry Test CA',
      '-addext',
      'basicConstraints=critical,CA:TRUE',
      '-addext',
      'keyUsage=critical,keyCertSign,cRLSign',
    ]),
    run('openssl', [
      'req',
      '-newkey',
      'rsa:2048',
      '-nodes',
      '-keyout',
      serverKey,
      '-out',
      serverCsr,
      '-subj',
      '/O=Ferry tests/CN=localhost',
    ]),
    writeFile(
      extensions,
      [
        'basicConstraints=critical,CA:FALSE',
        'keyUsage=critical,digitalSignature,keyEncipherment',
        'extendedKeyUsage=serverAuth',
        'subjectAltName=IP:127.0.0.1,DNS:localhost',
        '',
      ].join('\n'),
    ),
  ]);
  await run('openssl', [
    'x509',
    '-req',
    '-in',
    serverCsr,
    '-CA',
    caCert,
    '-CAkey',
    caKey,
    '-set_serial',
    `0x${Date.now().toString(16)}`,
    '-days',
    '30',
    '-sha256',
    '-extfile',
    extensions,
    '-out',
    serverCert,
  ]);
  const [caPem, serverPem] = await Promise.all([
    readFile(caCert, 'utf8'),
    readFile(serverCert, 'utf8'),
  ]);
  return {
    ca: { certPem: caPem, certPath: caCert },
    serverCert: {
      pem: serverPem,
      fingerprint256: new X509Certificate(serverPem).fingerprint256,
      certPath: serverCert,
      keyPath: serverKey,
    },
  };
}

/** An ed25519 client key: one copy encrypted with a passphrase, one not (same key). */
export async function createClientKey(dir: string): Promise<ClientKey> {
  const plain = join(dir, 'client_ed25519_unencrypted');
  const encrypted = join(dir, 'client_ed25519');
  await run('ssh-keygen', [
    '-q',
    '-t',
    'ed25519',
    '-N',
    '',
    '-C',
    'ferry-test-client',
    '-f',
    plain,
  ]);
  await copyFile(plain, encrypted);
  await chmod(encrypted, 0o600); // OpenSSH clients refuse keys others can read
  await run('ssh-keygen', ['-q', '-p', '-P', '', '-N', CLIENT_KEY_PASSPHRASE, '-f', encrypted]);
  const publicKey = (await readFile(`${plain}.pub`, 'utf8')).trim();
  return {
    privateKeyPath: encrypted,
    passphrase: CLIENT_KEY_PASSPHRASE,
    unencryptedPrivateKeyPath: plain,
    publicKey,
  };
}
