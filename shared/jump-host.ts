/**
 * An SSH jump host (OpenSSH's ProxyJump, WinSCP's "Connect through SSH tunnel"): Ferry logs in
 * to it over SSH and reaches the server from there. Shared by the core, the page and `ferry`.
 */

/** Where the jump host is and who logs in there. */
export interface JumpHostEndpoint {
  host: string;
  port: number;
  user: string;
}

/** A jump host with its login, as a connection uses it (core only: never sent to the page). */
export interface JumpHostSettings extends JumpHostEndpoint {
  password?: string;
  privateKeyPath?: string;
  passphrase?: string;
}

export const DEFAULT_JUMP_PORT = 22;

/** "SSH jump host me@bastion.example.com:22", for log lines and the page. */
export function describeJumpHost(jump: JumpHostEndpoint): string {
  const host = jump.host.includes(':') ? `[${jump.host}]` : jump.host;
  return `SSH jump host ${jump.user}@${host}:${jump.port}`;
}

/**
 * Reads `user@host[:port]` (the `ferry --jump` form, as `ssh -J`). A password in it is refused:
 * it would sit in the shell's history and the process list. Returns a reason in words when the
 * text is not one.
 */
export function parseJumpAddress(text: string): JumpHostEndpoint | { problem: string } {
  const match =
    /^(?:ssh:\/\/)?([^@/:\s]+)(:[^@/]*)?@(\[[^\]/]+\]|[^:/@[\]\s]+)(?::(\d+))?\/?$/i.exec(
      text.trim(),
    );
  if (!match) {
    return { problem: `"${text}" is not a jump host like me@bastion.example.com:22.` };
  }
  const [, user = '', password, rawHost = '', rawPort] = match;
  if (password !== undefined) {
    return {
      problem: 'Put no password in the jump host; give it in an environment variable.',
    };
  }
  const port = rawPort === undefined ? DEFAULT_JUMP_PORT : Number(rawPort);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { problem: `The jump host port ${rawPort ?? ''} is not a port (1–65535).` };
  }
  return { host: rawHost.replace(/^\[(.*)\]$/, '$1'), port, user: decodeURIComponent(user) };
}
