import { useState } from 'react';
import type { MethodInput } from '../../../shared/contract';
import { plainFtpRouteKey } from '../../../shared/contract/sites';
import { toErrorInfo } from '../../../shared/errors';
import { defaultPort, parseRemoteUrl } from '../../../shared/protocols';
import { tabActions, useActiveTab } from '../tabs/tabsStore';
import { useQuickConnect } from './quickConnectStore';
import { hasPlainFtpConsent, rememberPlainFtpConsent } from './plainFtpConsent';

type ConnectInput = MethodInput<'remote.connect'>;

/**
 * Quick connect: reads the form, asks about plain FTP when needed, then connects: into the shown
 * tab when it is empty, otherwise into a new tab.
 */
export function useRemoteConnect() {
  const connecting = useActiveTab().connecting;
  const [pendingPlainFtp, setPendingPlainFtp] = useState<ConnectInput>();

  function paramsFromForm(): ConnectInput {
    const form = useQuickConnect.getState();
    const port = Number(form.port) || defaultPort(form.protocol);
    const params: ConnectInput = {
      protocol: form.protocol,
      host: form.host.trim(),
      port,
      user: form.user.trim() || (form.protocol === 'sftp' ? '' : 'anonymous'),
    };
    if (form.password) params.password = form.password;
    return params;
  }

  async function connect() {
    const typed = useQuickConnect.getState().host.trim();
    if (/^[a-z]+:\/\//i.test(typed)) {
      // An address the form could not take apart: say why instead of looking it up as a host.
      try {
        parseRemoteUrl(typed);
      } catch (error) {
        tabActions.showError(toErrorInfo(error));
        return;
      }
    }
    const params = paramsFromForm();
    if (params.protocol === 'ftp' && !hasPlainFtpConsent(routeOf(params))) {
      setPendingPlainFtp(params);
      return;
    }
    await tabActions.connect(
      params.protocol === 'ftp' ? { ...params, plainFtpAcknowledged: true } : params,
    );
  }

  return {
    busy: connecting,
    connect,
    pendingPlainFtp,
    confirmPlainFtp: async () => {
      if (!pendingPlainFtp) return;
      rememberPlainFtpConsent(routeOf(pendingPlainFtp));
      setPendingPlainFtp(undefined);
      await tabActions.connect({ ...pendingPlainFtp, plainFtpAcknowledged: true });
    },
    cancelPlainFtp: () => setPendingPlainFtp(undefined),
    switchToFtps: () => {
      setPendingPlainFtp(undefined);
      useQuickConnect.getState().setProtocol('ftps-explicit');
    },
  };
}

/** The server and the way to it that a plain-FTP consent is for. */
function routeOf(params: { host: string; port: number; jump?: { host: string; port: number } }) {
  return plainFtpRouteKey(params.host, params.port, params.jump);
}
