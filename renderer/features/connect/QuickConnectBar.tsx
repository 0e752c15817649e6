import { useEffect, useRef, type FormEvent } from 'react';
import { PROTOCOL_INFO, PROTOCOLS, type Protocol } from '../../../shared/protocols';
import { SecurityCheckButton } from '../probe/SecurityCheckButton';
import { tabActions, useActiveTab } from '../tabs/tabsStore';
import { PlainFtpWarning } from './PlainFtpWarning';
import { useQuickConnect } from './quickConnectStore';
import { useRemoteConnect } from './useRemoteConnect';

export function QuickConnectBar() {
  const form = useQuickConnect();
  const quick = useRemoteConnect();
  const { connect, busy } = quick;
  const session = useActiveTab().session;
  const password = useRef<HTMLInputElement>(null);
  // A reconnect without a kept password (after a page reload) asks for it here.
  useEffect(() => {
    if (form.passwordWanted > 0) password.current?.focus();
  }, [form.passwordWanted]);

  function onSubmit(event: FormEvent) {
    event.preventDefault();
    form.takeAddress();
    void connect();
  }

  return (
    <form className="quick-connect" onSubmit={onSubmit} aria-label="Quick connect">
      <label>
        <span>Protocol</span>
        <select
          value={form.protocol}
          onChange={(e) => form.setProtocol(e.target.value as Protocol)}
          aria-label="Protocol"
        >
          {PROTOCOLS.map((p) => (
            <option key={p} value={p}>
              {PROTOCOL_INFO[p].label} · {PROTOCOL_INFO[p].defaultPort}
            </option>
          ))}
        </select>
      </label>
      <label className="grow">
        <span>Host</span>
        <input
          value={form.host}
          onChange={(e) => form.setField('host', e.target.value)}
          onBlur={form.takeAddress}
          placeholder="example.com"
          aria-label="Host"
          autoComplete="off"
          spellCheck={false}
        />
      </label>
      <label className="narrow">
        <span>Port</span>
        <input
          value={form.port}
          onChange={(e) => form.setPort(e.target.value.replace(/\D/g, ''))}
          inputMode="numeric"
          aria-label="Port"
        />
      </label>
      <label>
        <span>User</span>
        <input
          value={form.user}
          onChange={(e) => form.setField('user', e.target.value)}
          aria-label="User"
          autoComplete="username"
          spellCheck={false}
        />
      </label>
      <label>
        <span>Password</span>
        <input
          ref={password}
          type="password"
          value={form.password}
          onChange={(e) => form.setField('password', e.target.value)}
          aria-label="Password"
          autoComplete="current-password"
        />
      </label>
      <SecurityCheckButton
        host={form.host}
        port={Number(form.port) || undefined}
        onApply={({ protocol, port }) => form.fill({ protocol, port: String(port) })}
      />
      <button type="submit" disabled={busy || form.host.trim() === ''}>
        {busy ? 'Connecting…' : 'Connect'}
      </button>
      {session && (
        <button type="button" onClick={() => void tabActions.disconnect()}>
          Disconnect
        </button>
      )}
      {quick.pendingPlainFtp && (
        <PlainFtpWarning
          host={quick.pendingPlainFtp.host}
          onConnect={() => void quick.confirmPlainFtp()}
          onCancel={quick.cancelPlainFtp}
          onUseFtps={quick.switchToFtps}
        />
      )}
    </form>
  );
}
