import type { HostVerifier } from 'ssh2';
import { FerryError } from '../../../shared/errors';
import type { SessionLog } from '../log';
import { sshFingerprint, sshKeyType } from '../trust/known-hosts-fingerprint';
import type { ConnectDeadline } from './connect-deadline';
import type { HostKeyContext, TrustDecider } from './connect-deps';

export interface HostKeyCheck {
  verifier: HostVerifier;
  /**
   * Why the key was refused, if it was. ssh2 reports a refused host key and a refused login
   * with the same shapeless error, so the verifier keeps its own record.
   */
  rejection(): FerryError | undefined;
}

/**
 * Asks the trust decider about the server's host key. The connect deadline is paused while the
 * user is asked. A re-key later in the session must present the very key accepted at first.
 * `connectionEnded` aborts when the socket closes: a question still open is then withdrawn.
 */
export function hostKeyCheck(
  target: { host: string; port: number },
  trust: TrustDecider,
  deadline: ConnectDeadline,
  log: SessionLog,
  connectionEnded?: AbortSignal,
  about?: HostKeyContext,
): HostKeyCheck {
  let accepted: string | undefined;
  let rejection: FerryError | undefined;

  const verifier: HostVerifier = (key, verify) => {
    const keyType = sshKeyType(key);
    const fingerprint = sshFingerprint(key);
    if (accepted !== undefined) {
      if (accepted !== fingerprint) rejection = changedDuringSession(target);
      verify(accepted === fingerprint);
      return;
    }
    log.write('info', `Server host key: ${keyType} ${fingerprint}`);
    deadline.pause();
    // Set at once (not when the decider answers): ssh2 reports the close right after this.
    const onLost = (): void => {
      rejection = closedWhileAsking(target);
    };
    connectionEnded?.addEventListener('abort', onLost, { once: true });
    trust
      .checkHostKey(target.host, target.port, keyType, fingerprint, connectionEnded, about)
      .then(
        (answer) => {
          if (connectionEnded?.aborted) return;
          if (answer === 'trusted') accepted = fingerprint;
          else rejection = declined(target);
        },
        (error: unknown) => {
          rejection =
            error instanceof FerryError
              ? error
              : new FerryError(
                  'internal',
                  'Ferry could not check whether this server is trusted.',
                  'Try again. If it keeps happening, copy the log and report it.',
                  { cause: error },
                );
        },
      )
      .finally(() => {
        connectionEnded?.removeEventListener('abort', onLost);
        deadline.resume();
        // A connection that has ended takes no answer: ssh2 has torn its protocol down, and
        // answering it would throw where nobody catches (the whole app would stop).
        if (connectionEnded?.aborted) return;
        verify(accepted === fingerprint);
      });
  };

  return { verifier, rejection: () => rejection };
}

function declined(target: { host: string; port: number }): FerryError {
  return new FerryError(
    'trust_declined',
    `You chose not to trust ${target.host}:${target.port}, so Ferry did not connect.`,
    "Connect again if you change your mind — compare the fingerprint with the one the server's administrator gives you first.",
  );
}

function closedWhileAsking(target: { host: string; port: number }): FerryError {
  return new FerryError(
    'connection_lost',
    `${target.host}:${target.port} closed the connection while Ferry was waiting for your answer about its identity, so Ferry did not connect.`,
    'Servers wait only a limited time (often 2 minutes) for a login. Connect again and answer the question sooner.',
  );
}

function changedDuringSession(target: { host: string; port: number }): FerryError {
  return new FerryError(
    'host_key_changed',
    `${target.host}:${target.port} presented a different identity in the middle of the session. Someone may be intercepting the connection, so Ferry closed it.`,
    "Do not reconnect until you have checked with the server's administrator.",
  );
}
