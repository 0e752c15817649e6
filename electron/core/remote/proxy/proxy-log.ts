import { describeProxy, type ProxySettings } from '../../../../shared/proxy';
import type { SessionLog } from '../../log';

/** Says in the session's log that a proxy is in use, and keeps its password out of the log. */
export function logProxy(log: SessionLog, proxy: ProxySettings | null | undefined): void {
  if (!proxy) return;
  log.addSecret(proxy.password);
  log.write('info', `Connecting through ${describeProxy(proxy)}`);
}
