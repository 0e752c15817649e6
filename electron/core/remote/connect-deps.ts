import type { LoginQuestion } from '../../../shared/contract/login';
import type { CertificateFacts } from '../../../shared/types';
import type { SessionLog } from '../log';
import type { Dialer } from './route';

// Re-exported: the trust deciders (app and CLI) take it from here with the rest of this seam.
export type { CertificateFacts };

/** What every protocol's connect function needs from the session manager. */
export interface ConnectDeps {
  trust: TrustDecider;
  log: SessionLog;
  /** ms for TCP+handshake+login */
  timeoutMs: number;
  /** Asks the user what an SSH server asks beyond the password; absent: nobody can answer. */
  askLogin?: LoginAsker;
  /**
   * The session's SSH jump host tunnel (jump/jump-tunnel.ts), when its params name a jump host:
   * every connection of the session, and every FTP data connection, is opened through it.
   */
  tunnel?: Dialer;
}

export type LoginQuestionDetails = Omit<LoginQuestion, 'questionId'>;

/** Puts a server's login questions (keyboard-interactive) to the user. */
export interface LoginAsker {
  /**
   * Resolves with one answer per prompt, or undefined when the user cancels. `signal` aborts
   * when the connection asking has ended: the question is withdrawn.
   */
  ask(question: LoginQuestionDetails, signal?: AbortSignal): Promise<string[] | undefined>;
}

/** What a host key question is about beyond the host itself. */
export interface HostKeyContext {
  /** The host is the SSH jump host on the way to this server ("host:port"). */
  jumpHostFor?: string;
}

/**
 * Decides whether a server's identity is trusted. Implemented by the session manager with the
 * TrustBroker and the stores; tests can pass a real instance with a fixed answer policy.
 */
export interface TrustDecider {
  /**
   * Throws FerryError `host_key_changed` when the stored key differs. `signal` aborts when the
   * connection asking has ended: the question to the user is withdrawn and the answer is
   * 'rejected'. `about` says what the key is for, when the user must know (a jump host's).
   */
  checkHostKey(
    host: string,
    port: number,
    keyType: string,
    fingerprint: string,
    signal?: AbortSignal,
    about?: HostKeyContext,
  ): Promise<'trusted' | 'rejected'>;
  /** `signal` as for checkHostKey. */
  checkCertificate(
    host: string,
    port: number,
    cert: CertificateFacts,
    reason: string,
    signal?: AbortSignal,
  ): Promise<'trusted' | 'rejected'>;
}
