import { constants } from 'node:fs';
import { open } from 'node:fs/promises';
import type { AnyAuthMethod, KeyboardInteractiveAuthMethod, ParsedKey } from 'ssh2';
import type { ConnectionParams } from '../../../shared/types';
import { FerryError } from '../../../shared/errors';
import { loadSsh2 } from './ssh2-loader';

/**
 * The login methods to offer, in OpenSSH's order: key file, agent, password, then
 * keyboard-interactive (servers using PAM often only offer that; `keyboard` answers it with the
 * password and puts other questions, such as a one-time code, to the user). After a key is
 * accepted a server may still ask more (key and code): keyboard-interactive follows it too.
 */
export async function authMethods(
  params: ConnectionParams,
  keyboard?: KeyboardInteractiveAuthMethod,
  env: NodeJS.ProcessEnv = process.env,
): Promise<AnyAuthMethod[]> {
  const username = params.user;
  const methods: AnyAuthMethod[] = [];

  if (params.privateKeyPath) {
    const key = await loadPrivateKey(params.privateKeyPath, params.passphrase);
    methods.push({ type: 'publickey', username, key });
  }
  if (params.useAgent) {
    const agentSocket = env.SSH_AUTH_SOCK;
    if (agentSocket) {
      methods.push({ type: 'agent', username, agent: agentSocket });
    } else if (methods.length === 0 && params.password === undefined) {
      throw new FerryError(
        'auth_failed',
        'No SSH agent is running, so Ferry cannot log in with it.',
        'Start your SSH agent (or add your key to it), or log in with a password or key file.',
      );
    }
  }
  if (params.password !== undefined) {
    methods.push({ type: 'password', username, password: params.password });
  }
  if (keyboard) methods.push(keyboard);
  if (methods.length === 0) methods.push({ type: 'none', username });
  return methods;
}

/** Reads and unlocks an OpenSSH or PEM private key, with plain-words errors. */
export async function loadPrivateKey(path: string, passphrase?: string): Promise<ParsedKey> {
  const data = await readKeyFile(path);
  // Loaded here, not at the top: connectSftp loads ssh2 while the server answers.
  const { parseKey } = await loadSsh2();
  const parsed = parseKey(data, passphrase);
  const key = Array.isArray(parsed) ? (parsed[0] as ParsedKey | undefined) : parsed;
  if (key === undefined || key instanceof Error || !key.isPrivateKey()) {
    throw new FerryError(
      'auth_failed',
      passphrase
        ? `The key file ${path} could not be unlocked with that passphrase.`
        : `The key file ${path} could not be read as a private key.`,
      passphrase
        ? 'Check the passphrase, and that you chose the private key (not the .pub file).'
        : 'If the key is protected by a passphrase, enter it. Choose the private key, not the .pub file.',
      key instanceof Error ? { cause: key } : undefined,
    );
  }
  return key;
}

/** Private keys are a few KiB (a 16384-bit RSA key is under 13 KiB); anything larger is not one. */
export const MAX_KEY_FILE_BYTES = 64 * 1024;

/**
 * The key file's bytes, refusing anything that is not a small regular file: a device such as
 * /dev/zero or a pipe would otherwise be read forever. Checked on the open handle, so the file
 * cannot be swapped between the check and the read.
 */
async function readKeyFile(path: string): Promise<Buffer> {
  const notAKey = (what: string): FerryError =>
    new FerryError(
      'auth_failed',
      `The key file ${path} ${what}, so it cannot be a private key.`,
      'Choose the private key file again (for example ~/.ssh/id_ed25519, not the .pub file).',
    );
  let file;
  try {
    // Non-blocking: opening a named pipe for reading would otherwise wait for a writer.
    file = await open(path, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const missing = (error as NodeJS.ErrnoException).code === 'ENOENT';
    throw new FerryError(
      missing ? 'not_found' : 'permission_denied',
      missing ? `The key file ${path} does not exist.` : `Ferry cannot read the key file ${path}.`,
      'Choose the private key file again (not the .pub file).',
      { cause: error },
    );
  }
  try {
    const info = await file.stat();
    if (info.isDirectory()) throw notAKey('is a folder');
    if (!info.isFile()) throw notAKey('is not a regular file');
    if (info.size > MAX_KEY_FILE_BYTES) throw notAKey('is larger than 64 KiB');
    // Read at most one byte past the limit, in case the file grew after the check.
    const buffer = Buffer.alloc(MAX_KEY_FILE_BYTES + 1);
    const { bytesRead } = await file.read(buffer, 0, buffer.length, 0);
    if (bytesRead > MAX_KEY_FILE_BYTES) throw notAKey('is larger than 64 KiB');
    return buffer.subarray(0, bytesRead);
  } catch (error) {
    if (error instanceof FerryError) throw error;
    throw new FerryError(
      'permission_denied',
      `Ferry cannot read the key file ${path}.`,
      'Choose the private key file again (not the .pub file).',
      { cause: error },
    );
  } finally {
    await file.close();
  }
}
