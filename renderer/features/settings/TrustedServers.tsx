import { useEffect, useState } from 'react';
import type { TrustedServers as Trusted, TrustKind } from '../../../shared/contract/trust';
import type { ErrorInfo } from '../../../shared/errors';
import { call, describeError } from '../../api';
import { ErrorNotice } from '../../ui/ErrorNotice';

const server = (host: string, port: number) =>
  host.includes(':') ? `[${host}]:${port}` : `${host}:${port}`;

/**
 * Settings → Trusted servers: the SSH host keys and pinned certificates the user chose to
 * trust. Forgetting one makes the next connection ask again, as on first contact; this is
 * also how a user accepts a server's legitimately changed key.
 */
export function TrustedServers() {
  const [trusted, setTrusted] = useState<Trusted | null>(null);
  const [error, setError] = useState<ErrorInfo | null>(null);
  const [forgotten, setForgotten] = useState<string | null>(null);

  /** Bumped to list again after a change. */
  const [version, setVersion] = useState(0);

  useEffect(() => {
    let live = true;
    call('trust.list', {}).then(
      (list) => live && setTrusted(list),
      (caught: unknown) => live && setError(describeError(caught)),
    );
    return () => {
      live = false;
    };
  }, [version]);

  async function forget(kind: TrustKind, host: string, port: number) {
    try {
      await call('trust.forget', { kind, host, port });
      setForgotten(
        `${server(host, port)} is forgotten: the next connection will ask you to check it again.`,
      );
      setVersion((v) => v + 1);
    } catch (caught) {
      setError(describeError(caught));
    }
  }

  return (
    <section className="trusted-servers" aria-labelledby="trusted-servers-title">
      <h3 id="trusted-servers-title">Trusted servers</h3>
      {error && <ErrorNotice error={error} onDismiss={() => setError(null)} />}
      <p role="status" className="muted">
        {forgotten ?? ''}
      </p>
      {trusted === null && !error && <p className="muted">Loading…</p>}
      {trusted && (
        <>
          <h4>SSH host keys</h4>
          {trusted.hostKeys.length === 0 ? (
            <p className="muted">No saved host keys.</p>
          ) : (
            <ul className="trusted-list" aria-label="Saved SSH host keys">
              {trusted.hostKeys.map((key) => (
                <li key={`${server(key.host, key.port)} ${key.keyType}`}>
                  <div>
                    <strong>{server(key.host, key.port)}</strong>{' '}
                    <span className="muted">{key.keyType}</span>
                    <div className="fingerprint">{key.fingerprint}</div>
                    <div className="muted">Trusted {new Date(key.addedAt).toLocaleString()}</div>
                  </div>
                  <button
                    type="button"
                    aria-label={`Forget the host key of ${server(key.host, key.port)}`}
                    onClick={() => void forget('host-key', key.host, key.port)}
                  >
                    Forget
                  </button>
                </li>
              ))}
            </ul>
          )}
          <h4>Pinned certificates</h4>
          {trusted.certificates.length === 0 ? (
            <p className="muted">No pinned certificates.</p>
          ) : (
            <ul className="trusted-list" aria-label="Pinned certificates">
              {trusted.certificates.map((pin) => (
                <li key={server(pin.host, pin.port)}>
                  <div>
                    <strong>{server(pin.host, pin.port)}</strong>
                    <div className="fingerprint">{pin.fingerprint256}</div>
                    <div className="muted">Pinned {new Date(pin.pinnedAt).toLocaleString()}</div>
                  </div>
                  <button
                    type="button"
                    aria-label={`Forget the certificate of ${server(pin.host, pin.port)}`}
                    onClick={() => void forget('certificate', pin.host, pin.port)}
                  >
                    Forget
                  </button>
                </li>
              ))}
            </ul>
          )}
        </>
      )}
    </section>
  );
}
