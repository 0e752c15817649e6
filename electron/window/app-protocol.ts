/**
 * Serves the built renderer from a private `ferry://app/` origin instead of file://
 * (security checklist #18): file:// pages share one origin with every file on disk.
 */
import type { Protocol } from 'electron';
import { readFile } from 'node:fs/promises';
import { mimeTypeOf, resolveInside } from '../transport/static-files';
import { CONTENT_SECURITY_POLICY } from './security';

export const APP_SCHEME = 'ferry';
export const APP_ORIGIN = `${APP_SCHEME}://app`;

export const APP_SCHEME_PRIVILEGES = {
  scheme: APP_SCHEME,
  privileges: { standard: true, secure: true, supportFetchAPI: true },
};

export function serveRendererFrom(protocol: Protocol, rendererDir: string): void {
  protocol.handle(APP_SCHEME, async (request) => {
    const url = new URL(request.url);
    const file = url.host === 'app' ? resolveInside(rendererDir, url.pathname) : undefined;
    if (!file) return new Response('Not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, {
        // Electron fires no header events for custom schemes: the CSP goes on the response itself.
        headers: {
          'Content-Type': mimeTypeOf(file),
          'Content-Security-Policy': CONTENT_SECURITY_POLICY,
          'X-Content-Type-Options': 'nosniff',
        },
      });
    } catch {
      return new Response('Not found', { status: 404 });
    }
  });
}

export function isAppUrl(url: string): boolean {
  return url === APP_ORIGIN || url.startsWith(`${APP_ORIGIN}/`);
}
