import { describeJumpHost } from '../../../../shared/jump-host';
import { describeProxy, type ProxySettings } from '../../../../shared/proxy';
import type { ConnectionParams } from '../../../../shared/types';
import type { SessionLog } from '../../log';

/** Says in the session's log that a proxy is in use, and keeps its password out of the log. */
export function logProxy(log: SessionLog, proxy: ProxySettings | null | undefined): void {
  if (!proxy) return;
  log.addSecret(proxy.password);
  log.write('info', `Connecting through ${describeProxy(proxy)}`);
}

/**
 * Says how a connection goes: through a jump host (which itself may go through the proxy), or
 * through the proxy. Keeps every password and passphrase on the way out of the log.
 */
export function logRoute(log: SessionLog, params: ConnectionParams): void {
  const jump = params.jump;
  if (!jump) return logProxy(log, params.proxy);
  log.addSecret(params.proxy?.password);
  log.addSecret(jump.password);
  log.addSecret(jump.passphrase);
  log.write('info', `Connecting through ${describeJumpHost(jump)}`);
}
