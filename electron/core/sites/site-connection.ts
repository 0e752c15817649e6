import type { SiteDraft } from '../../../shared/contract/sites';
import { FerryError } from '../../../shared/errors';
import { defaultPort } from '../../../shared/protocols';
import { siteIsFor } from '../../../shared/site-endpoint';
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
    if (site.nameEncoding !== 'auto') params.nameEncoding = site.nameEncoding;
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

/**
 * Whether the form still points at the server a site's secrets were saved for: same protocol,
 * host (any case), effective port and user. Saved secrets go nowhere else.
 */
export function sameServer(saved: SiteDraft, form: SiteDraft): boolean {
  return (
    saved.protocol === form.protocol &&
    saved.host.trim().toLowerCase() === form.host.trim().toLowerCase() &&
    (saved.port ?? defaultPort(saved.protocol)) === (form.port ?? defaultPort(form.protocol)) &&
    saved.user === form.user
  );
}

/** The form points elsewhere than the saved site: its saved password stays behind. */
export function savedSecretNotForThisServer(siteName: string): FerryError {
  return new FerryError(
    'secret_unavailable',
    `The saved password for “${siteName}” is only sent to the server it was saved for, and the form now points at another server, port, user or protocol.`,
    'Type the password in the form to test these settings.',
  );
}

/** The renderer reacts to this code by asking the user for the password. */
export function passwordNeeded(siteName: string): FerryError {
  return new FerryError(
    'secret_unavailable',
    `Ferry needs the password for "${siteName}".`,
    'Type it to connect.',
  );
}

/** The site describes the server and user this session is logged in to (shared/site-endpoint.ts). */
export const siteIsForSession = siteIsFor;
