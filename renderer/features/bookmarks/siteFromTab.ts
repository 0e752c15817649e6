import type { NewSite } from '../sites/sitesStore';
import { newDraft } from '../sites/siteForm';
import { defaultPort } from '../../../shared/protocols';
import { endpointLabel } from '../tabs/tabRules';
import { quickLoginOf, tabById } from '../tabs/tabsStore';

/**
 * A quick connection's tab as a new, unsaved site: its server and login (the password only from
 * memory, as typed for this connection), ready for the site manager's form.
 */
export function siteFromTab(tabId: string): NewSite | undefined {
  const tab = tabById(tabId);
  const endpoint = tab?.endpoint;
  if (!endpoint) return undefined;
  const login = quickLoginOf(tabId);
  const auth = login?.privateKeyPath ? 'key' : login?.useAgent ? 'agent' : 'password';
  const draft = newDraft(null, {
    name: endpointLabel(endpoint),
    protocol: endpoint.protocol,
    host: endpoint.host,
    port: endpoint.port === defaultPort(endpoint.protocol) ? null : endpoint.port,
    user: endpoint.user,
    auth,
    keyFile: login?.privateKeyPath ?? '',
    ...(login?.passive !== undefined ? { passive: login.passive } : {}),
    ...(login?.minTlsVersion ? { minTlsVersion: login.minTlsVersion } : {}),
  });
  return {
    draft,
    linkTab: tabId,
    ...(login?.password && auth === 'password' ? { password: login.password } : {}),
  };
}
