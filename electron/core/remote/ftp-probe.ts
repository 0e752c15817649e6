/**
 * Small look-ups used only after a connection attempt failed, to tell the user *why*: what the
 * port says first (an SSH banner, an FTP greeting, nothing), whether it speaks TLS at once, and
 * which certificate it shows. None of them sends credentials or any FTP command but AUTH TLS.
 */
import { Socket, isIP } from 'node:net';
import { TLSSocket, connect as tlsConnect } from 'node:tls';
import { Client } from 'basic-ftp';
import type { ProxySettings } from '../../../shared/proxy';
import type { CertificateFacts } from './connect-deps';
import { connectImplicitTlsThroughProxy, connectThroughProxy } from './ftp-proxy';
import { systemCode } from './net-errors';
import { proxyDialer } from './route';
import { certificateFacts, isVerificationCode } from './ftp-tls';
import type { Target } from './ftp-errors';

export type FirstWords = 'ssh' | 'ftp' | 'silent' | 'other' | 'unreachable';

/** Classifies what a server sends before the client says anything. */
export function sniffFirstWords(target: Target, waitMs: number): Promise<FirstWords> {
  return new Promise((resolve) => {
    const socket = new Socket();
    let settled = false;
    const finish = (words: FirstWords) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(words);
    };
    const timer = setTimeout(() => finish('silent'), Math.max(1, waitMs));
    socket.once('error', () => finish('unreachable'));
    socket.once('close', () => finish('other'));
    socket.once('data', (chunk: Buffer) => finish(classifyGreeting(chunk.toString('latin1'))));
    socket.connect({ host: target.host, port: target.port });
  });
}

export function classifyGreeting(text: string): FirstWords {
  if (text.startsWith('SSH-')) return 'ssh';
  if (/^\d{3}[ -]/.test(text)) return 'ftp';
  return 'other';
}

/**
 * True when the port completes (or gets as far as certificate verification in) a TLS handshake
 * right away, as an implicit-FTPS port does. Default verification stays on: a verification
 * failure still proves the port speaks TLS, and no data is ever sent on this socket.
 */
export function speaksTlsAtOnce(target: Target, waitMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (answer: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(answer);
    };
    const socket = tlsConnect({
      host: target.host,
      port: target.port,
      ...(isIP(target.host) === 0 ? { servername: target.host } : {}),
    });
    const timer = setTimeout(() => finish(false), Math.max(1, waitMs));
    socket.once('secureConnect', () => finish(true));
    socket.once('error', (error) => finish(isVerificationCode(systemCode(error))));
  });
}

/**
 * Fetches the certificate a server shows (through the connection's proxy, if any), to put in front of the user after normal
 * verification refused it. Verification is off for this one connection only because its sole
 * purpose is to read the certificate: it logs in to nothing, and is closed straight away.
 */
export async function fetchCertificate(
  target: Target,
  implicit: boolean,
  waitMs: number,
  proxy?: ProxySettings | null,
): Promise<CertificateFacts | undefined> {
  const client = new Client(waitMs);
  const inspectOnly = {
    host: target.host,
    rejectUnauthorized: false,
    ...(isIP(target.host) === 0 ? { servername: target.host } : {}),
  };
  const timer = setTimeout(() => client.close(), waitMs);
  try {
    if (implicit) {
      await (proxy
        ? connectImplicitTlsThroughProxy(client, proxyDialer(proxy), target, inspectOnly, waitMs)
        : client.connectImplicitTLS(target.host, target.port, inspectOnly));
    } else {
      await (proxy
        ? connectThroughProxy(client, proxyDialer(proxy), target, waitMs)
        : client.connect(target.host, target.port));
      await client.useTLS(inspectOnly);
    }
    const socket = client.ftp.socket;
    return socket instanceof TLSSocket ? certificateFacts(socket) : undefined;
  } catch {
    return undefined;
  } finally {
    clearTimeout(timer);
    client.close();
  }
}
