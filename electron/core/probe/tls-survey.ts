import type { Socket } from 'node:net';
import type { SecureVersion } from 'node:tls';
import {
  TLS_VERSIONS,
  WEAK_CIPHER_CLASSES,
  type Acceptance,
  type TlsVersion,
  type WeakCipherClass,
} from '../../../shared/contract/probe';
import { limited, type Budget } from './budget';
import { tlsHandshake, type TlsAttempt, type TlsContext, type TlsSettings } from './tls-attempt';

/** Opens a fresh connection up to the point where TLS starts, or undefined if it cannot. */
export type TlsOpener = () => Promise<Socket | undefined>;

/** What Ferry's own FTPS connections offer: TLS 1.2 and up, Node's default ciphers. */
export const FERRY_TLS: TlsSettings = { minVersion: 'TLSv1.2', maxVersion: 'TLSv1.3' };

/**
 * Old versions need OpenSSL's security level 0 even to be offered. That is fine here: the check
 * sends nothing over these connections and never uses them for data.
 */
export const ANYTHING = 'DEFAULT:@SECLEVEL=0';

/** OpenSSL cipher strings for each weak class (TLS 1.2 and older; TLS 1.3 has none of them). */
const CLASS_CIPHERS: Record<WeakCipherClass, string> = {
  // Everything but the AEAD modes: what is left is CBC (or worse).
  cbc: 'ALL:!AESGCM:!AESCCM:!CHACHA20:!ARIAGCM:!eNULL:!aNULL:@SECLEVEL=0',
  'no-forward-secrecy': 'kRSA:!eNULL:!aNULL:@SECLEVEL=0',
  anonymous: 'aNULL:!eNULL:@SECLEVEL=0',
  null: 'eNULL:@SECLEVEL=0',
};

export interface TlsSurvey {
  versions: Record<TlsVersion, Acceptance>;
  weakCiphers: Record<WeakCipherClass, Acceptance>;
  /** Any accepted attempt (for its certificate, if Ferry's own attempt failed). */
  accepted?: TlsAttempt;
}

/** One connection per TLS version and per weak cipher class, a few at a time. */
export async function surveyTls(
  open: TlsOpener,
  context: TlsContext,
  budget: Budget,
): Promise<TlsSurvey> {
  const attempt = (settings: TlsSettings) => async (): Promise<TlsAttempt> => {
    const socket = await open();
    if (!socket) return { outcome: 'unknown' };
    return tlsHandshake(socket, settings, context, budget.upTo(2500));
  };
  const versionTasks = TLS_VERSIONS.map((version) =>
    attempt({ minVersion: version, maxVersion: version, ciphers: ANYTHING }),
  );
  const classTasks = WEAK_CIPHER_CLASSES.map((kind) =>
    attempt({
      minVersion: 'TLSv1' satisfies SecureVersion,
      maxVersion: 'TLSv1.2',
      ciphers: CLASS_CIPHERS[kind],
    }),
  );
  // A few at a time: many servers limit connections per address.
  const results = await limited([...versionTasks, ...classTasks], 4);
  const versions = Object.fromEntries(
    TLS_VERSIONS.map((version, i) => [version, results[i]?.outcome ?? 'unknown']),
  ) as Record<TlsVersion, Acceptance>;
  const weakCiphers = Object.fromEntries(
    WEAK_CIPHER_CLASSES.map((kind, i) => [
      kind,
      results[TLS_VERSIONS.length + i]?.outcome ?? 'unknown',
    ]),
  ) as Record<WeakCipherClass, Acceptance>;
  const survey: TlsSurvey = { versions, weakCiphers };
  const accepted = results.find((r) => r.outcome === 'accepted' && r.certificateDer);
  if (accepted) survey.accepted = accepted;
  return survey;
}
