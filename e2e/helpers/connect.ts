/** Connecting from the quick-connect bar, and answering the trust questions as a user does. */
import { expect, type Page } from '@playwright/test';
import type { TestServers } from '../harness/servers';

export interface QuickConnectForm {
  protocol: string;
  port: number;
  user: string;
  password: string;
}

/** Fills the quick-connect bar for a server on 127.0.0.1 and submits it with Enter. */
export async function quickConnect(page: Page, form: QuickConnectForm) {
  await page.getByRole('combobox', { name: 'Protocol' }).selectOption(form.protocol);
  await page.getByRole('textbox', { name: 'Host' }).fill('127.0.0.1');
  await page.getByRole('textbox', { name: 'Port' }).fill(String(form.port));
  await page.getByRole('textbox', { name: 'User' }).fill(form.user);
  await page.getByRole('textbox', { name: 'Password' }).fill(form.password);
  await page.getByRole('textbox', { name: 'Password' }).press('Enter');
}

type HarnessProtocol = 'sftp' | 'ftps-explicit' | 'ftps-implicit' | 'ftp';

/** The port of the harness server speaking `protocol`. */
function harnessPort(servers: TestServers, protocol: HarnessProtocol): number {
  const server = {
    sftp: servers.sftp,
    'ftps-explicit': servers.ftpsExplicit,
    'ftps-implicit': servers.ftpsImplicit,
    ftp: servers.ftp,
  }[protocol];
  if (!server) throw new Error(`The harness did not start a ${protocol} server.`);
  return server.port;
}

/**
 * Quick connect as the harness's test user, to the harness server of `protocol` or to `port`
 * (a relay in front of it).
 */
export async function quickConnectAsTestUser(
  page: Page,
  servers: TestServers,
  protocol: HarnessProtocol,
  port = harnessPort(servers, protocol),
) {
  await quickConnect(page, {
    protocol,
    port,
    user: servers.user.name,
    password: servers.user.password,
  });
}

/** First contact with an SSH server: the host-key question. */
export const hostKeyQuestion = (page: Page) =>
  page.getByRole('dialog', { name: 'Is this the right server?' });

/** A TLS certificate no authority vouches for: the certificate question. */
export const certificateQuestion = (page: Page) =>
  page.getByRole('dialog', { name: 'The server’s certificate is not trusted' });

/** The line that says a session is open. */
export const connectedStatus = (page: Page) =>
  page.getByRole('status').filter({ hasText: 'Connected to' });

type TrustedProtocol = 'sftp' | 'ftps-explicit';

/**
 * Quick connect to a harness server as its test user, trusting the server for good; resolves
 * once connected, to a function giving the server's path of a harness-relative `rel`.
 */
export async function connectTrusted(page: Page, servers: TestServers, protocol: TrustedProtocol) {
  await quickConnectAsTestUser(page, servers, protocol);
  if (protocol === 'sftp') {
    await hostKeyQuestion(page).getByRole('button', { name: 'Trust and remember' }).click();
  } else {
    await certificateQuestion(page).getByRole('button', { name: 'Always trust' }).click();
  }
  await expect(connectedStatus(page)).toBeVisible();
  // SFTP paths are absolute on the server; vsftpd roots FTP paths at the harness folder.
  return (rel: string) => (protocol === 'sftp' ? `${servers.root}/${rel}` : `/${rel}`);
}

/** Quick connect to the SFTP server through a relay on `port` (a new address: trusted once). */
export async function connectSftpThrough(page: Page, servers: TestServers, port: number) {
  await quickConnectAsTestUser(page, servers, 'sftp', port);
  await hostKeyQuestion(page).getByRole('button', { name: 'Connect once' }).click();
  await expect(connectedStatus(page)).toContainText(`127.0.0.1:${port}`);
}
