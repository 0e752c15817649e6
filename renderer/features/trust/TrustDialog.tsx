import type { TrustPrompt } from '../../../shared/contract/remote';
import { Dialog } from '../../ui/Dialog';
import { useTrust } from './trustStore';

/** Asks the oldest open trust question; the connection waits for the answer. */
export function TrustDialog() {
  const prompt = useTrust((s) => s.prompts[0]);
  const answer = useTrust((s) => s.answer);
  if (!prompt) return null;
  const reply = (decision: 'trust-always' | 'trust-once' | 'reject') =>
    void answer(prompt.promptId, decision);
  const actions = (
    <>
      <button type="button" onClick={() => reply('reject')}>
        Cancel
      </button>
      <button type="button" onClick={() => reply('trust-once')}>
        Connect once
      </button>
      <button type="button" className="primary" onClick={() => reply('trust-always')}>
        {prompt.kind === 'host-key' ? 'Trust and remember' : 'Always trust'}
      </button>
    </>
  );
  return prompt.kind === 'host-key' ? (
    <HostKeyQuestion prompt={prompt} actions={actions} onCancel={() => reply('reject')} />
  ) : (
    <CertificateQuestion prompt={prompt} actions={actions} onCancel={() => reply('reject')} />
  );
}

type Question<K extends TrustPrompt['kind']> = {
  prompt: Extract<TrustPrompt, { kind: K }>;
  actions: React.ReactNode;
  onCancel: () => void;
};

function HostKeyQuestion({ prompt, actions, onCancel }: Question<'host-key'>) {
  return (
    <Dialog title="Is this the right server?" actions={actions} onDismiss={onCancel} wide>
      <p>
        This is the first connection to <strong>{hostPort(prompt)}</strong>. The server proves who
        it is with this key. Compare the fingerprint with the one your server’s administrator or
        hosting provider gave you before you trust it.
      </p>
      {prompt.jumpHostFor !== undefined && (
        <p>
          It is the SSH jump host the connection goes through to reach{' '}
          <strong>{prompt.jumpHostFor}</strong>: everything you send there passes through it.
        </p>
      )}
      <dl className="facts">
        <dt>Key type</dt>
        <dd>{prompt.keyType}</dd>
        <dt>Fingerprint</dt>
        <dd className="fingerprint">{prompt.fingerprint}</dd>
      </dl>
      <p className="muted">
        “Trust and remember” saves this key: Ferry will warn you loudly if it ever changes.
      </p>
    </Dialog>
  );
}

function CertificateQuestion({ prompt, actions, onCancel }: Question<'certificate'>) {
  return (
    <Dialog
      title="The server’s certificate is not trusted"
      tone="warning"
      actions={actions}
      onDismiss={onCancel}
      wide
    >
      <p>
        <strong>{hostPort(prompt)}</strong>: {prompt.reason}
      </p>
      <p>
        Someone could be pretending to be this server. Trust this certificate only if you know the
        server uses it — for example, you set it up yourself, or its administrator confirmed the
        fingerprint.
      </p>
      <dl className="facts">
        <dt>Subject</dt>
        <dd>{prompt.subject}</dd>
        <dt>Names</dt>
        <dd>{prompt.subjectAltNames.join(', ') || '—'}</dd>
        <dt>Issuer</dt>
        <dd>{prompt.issuer}</dd>
        <dt>Valid</dt>
        <dd>
          {prompt.validFrom} – {prompt.validTo}
        </dd>
        <dt>SHA-256</dt>
        <dd className="fingerprint">{prompt.fingerprint}</dd>
      </dl>
    </Dialog>
  );
}

function hostPort(prompt: TrustPrompt): string {
  return `${prompt.host}:${prompt.port}`;
}
