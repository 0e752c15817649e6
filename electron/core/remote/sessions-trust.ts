import { FerryError } from '../../../shared/errors';
import type { TrustBroker } from '../trust/broker';
import type { CertPins } from '../trust/cert-pins';
import { certificateDecider } from '../trust/cert-pins-trust';
import type { KnownHosts } from '../trust/known-hosts';
import type { CertificateFacts, HostKeyContext, TrustDecider } from './connect-deps';

/**
 * The app's TrustDecider: saved keys and pinned certificates pass silently, a changed host key
 * is refused loudly, anything new asks the user through the broker ("trust always" saves it,
 * "trust once" does not).
 */
export class BrokerTrust implements TrustDecider {
  /** One question per identity at a time: parallel connections to a new server ask once. */
  private readonly asking = new Map<string, SharedQuestion>();
  readonly checkCertificate: TrustDecider['checkCertificate'];

  constructor(
    private readonly knownHosts: KnownHosts,
    certPins: CertPins,
    private readonly broker: TrustBroker,
  ) {
    this.checkCertificate = certificateDecider(certPins, broker);
  }

  checkHostKey(
    host: string,
    port: number,
    keyType: string,
    fingerprint: string,
    signal?: AbortSignal,
    about?: HostKeyContext,
  ): Promise<'trusted' | 'rejected'> {
    const id = `${host}\n${port}\n${keyType}\n${fingerprint}`;
    let question = this.asking.get(id);
    if (!question) {
      const withdraw = new AbortController();
      const asked: SharedQuestion = {
        answer: this.decideHostKey(
          host,
          port,
          keyType,
          fingerprint,
          withdraw.signal,
          about,
        ).finally(() => this.forget(id, asked)),
        withdraw,
        followers: 0,
        unwithdrawable: false,
      };
      this.asking.set(id, asked);
      question = asked;
    }
    return this.follow(id, question, signal);
  }

  /**
   * Waits for a shared question on behalf of one connection. When that connection ends, it
   * stops waiting ('rejected'); the question itself is withdrawn once no connection waits for it.
   */
  private follow(
    id: string,
    question: SharedQuestion,
    signal: AbortSignal | undefined,
  ): Promise<'trusted' | 'rejected'> {
    if (!signal) {
      question.unwithdrawable = true;
      return question.answer;
    }
    question.followers += 1;
    return new Promise((resolve, reject) => {
      const leave = (): void => {
        question.followers -= 1;
        if (question.followers === 0 && !question.unwithdrawable) {
          this.forget(id, question);
          question.withdraw.abort();
        }
        resolve('rejected');
      };
      if (signal.aborted) return leave();
      signal.addEventListener('abort', leave, { once: true });
      question.answer.then(
        (answer) => {
          signal.removeEventListener('abort', leave);
          resolve(answer);
        },
        (error: unknown) => {
          signal.removeEventListener('abort', leave);
          reject(error);
        },
      );
    });
  }

  private forget(id: string, question: SharedQuestion): void {
    if (this.asking.get(id) === question) this.asking.delete(id);
  }

  private async decideHostKey(
    host: string,
    port: number,
    keyType: string,
    fingerprint: string,
    signal: AbortSignal,
    about?: HostKeyContext,
  ): Promise<'trusted' | 'rejected'> {
    const known = await this.knownHosts.lookup(host, port, keyType, fingerprint);
    if (known === 'match') return 'trusted';
    if (known === 'changed') throw hostKeyChanged(host, port, keyType, fingerprint);
    const decision = await this.broker.ask(
      {
        kind: 'host-key',
        host,
        port,
        keyType,
        fingerprint,
        ...(about?.jumpHostFor === undefined ? {} : { jumpHostFor: about.jumpHostFor }),
      },
      signal,
    );
    if (decision === 'reject') return 'rejected';
    if (decision === 'trust-always') await this.knownHosts.add(host, port, keyType, fingerprint);
    return 'trusted';
  }
}

/** A host-key question that parallel connections to the same server share. */
interface SharedQuestion {
  answer: Promise<'trusted' | 'rejected'>;
  /** Withdraws the question from the user. */
  withdraw: AbortController;
  /** Waiting connections that can still end (each brought a signal). */
  followers: number;
  /** A caller without a signal waits too, so the question stays until answered. */
  unwithdrawable: boolean;
}

/** The loud refusal. No password has been sent when this is thrown (keys are checked first). */
export function hostKeyChanged(
  host: string,
  port: number,
  keyType: string,
  fingerprint: string,
): FerryError {
  return new FerryError(
    'host_key_changed',
    `WARNING: ${host}:${port} is not proving the identity you trusted before — its host key has changed. ` +
      'Someone may be intercepting your connection (a "man-in-the-middle" attack), or the server was ' +
      'reinstalled or given new keys. Ferry did not connect and sent no password.',
    "Ask the server's administrator whether the key was changed and what its new fingerprint is. " +
      `This server now presents ${keyType} ${fingerprint}. Only if they confirm it: open ` +
      `Settings → Trusted servers, remove the saved key for ${host}:${port}, then connect again and ` +
      'compare the fingerprint Ferry shows you.',
  );
}

/** What a connection accepted, so more connections of the same session can be held to it. */
export interface AcceptedIdentity {
  hostKey?: string;
  certificate?: string;
}

/** Passes every question to `base` and notes what was trusted. */
export function recordingTrust(base: TrustDecider, accepted: AcceptedIdentity): TrustDecider {
  return {
    async checkHostKey(host, port, keyType, fingerprint, signal, about) {
      const answer = await base.checkHostKey(host, port, keyType, fingerprint, signal, about);
      if (answer === 'trusted') accepted.hostKey = fingerprint;
      return answer;
    },
    async checkCertificate(host, port, cert: CertificateFacts, reason, signal) {
      const answer = await base.checkCertificate(host, port, cert, reason, signal);
      if (answer === 'trusted') accepted.certificate = cert.fingerprint256;
      return answer;
    },
  };
}

/**
 * For a session's extra connections (parallel transfers): the identity the user already accepted
 * — even "trust once" — passes without asking again; anything else goes to `base`.
 */
export function sessionTrust(base: TrustDecider, accepted: AcceptedIdentity): TrustDecider {
  return {
    checkHostKey(host, port, keyType, fingerprint, signal, about) {
      if (accepted.hostKey === fingerprint) return Promise.resolve('trusted');
      return base.checkHostKey(host, port, keyType, fingerprint, signal, about);
    },
    checkCertificate(host, port, cert, reason, signal) {
      if (accepted.certificate === cert.fingerprint256) return Promise.resolve('trusted');
      return base.checkCertificate(host, port, cert, reason, signal);
    },
  };
}
