import type { SiteDraft } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import { defaultPort } from '../../../shared/protocols';
import type { ConnectionParams } from '../../../shared/types';

export interface SiteSecrets {
  password?: string;
  passphrase?: string;
}

/** The connection a site describes, with the secrets it needs for its kind of login. */
export function connectionParamsFor(
  site: SiteDraft,
  secrets: SiteSecrets,
  plainFtpAcknowledged: boolean | undefined,
): ConnectionParams {
  const params: ConnectionParams = {
    protocol: site.protocol,
    host: site.host,
    port: site.port ?? defaultPort(site.protocol),
    user: site.user,
  };
  if (site.protocol !== 'sftp') {
    params.passive = site.passive;
    if (site.protocol !== 'ftp') params.minTlsVersion = site.minTlsVersion;
  }
  if (plainFtpAcknowledged) params.plainFtpAcknowledged = true;
  switch (site.auth) {
    case 'password':
    case 'ask':
      if (secrets.password === undefined) throw passwordNeeded(site.name);
      params.password = secrets.password;
      break;
    case 'key':
      if (site.keyFile === '') {
        throw new FerryError(
          'invalid_input',
          `"${site.name}" logs in with a key file, but no key file is chosen.`,
          'Edit the site and choose the private key file.',
        );
      }
      params.privateKeyPath = site.keyFile;
      if (secrets.passphrase !== undefined) params.passphrase = secrets.passphrase;
      break;
    case 'agent':
      params.useAgent = true;
      break;
  }
  return params;
}

/** The renderer reacts to this code by asking the user for the password. */
export function passwordNeeded(siteName: string): FerryError {
  return new FerryError(
    'secret_unavailable',
    `Ferry needs the password for "${siteName}".`,
    'Type it to connect.',
  );
}
