/**
 * Window security rules, one small named piece each, with the Electron security-checklist item
 * it implements (https://www.electronjs.org/docs/latest/tutorial/security).
 */
import type { Session, WebContents, WebPreferences } from 'electron';

/** #2 no Node integration, #3 context isolation, #4 sandbox, #12 no <webview>. */
export function secureWebPreferences(preloadPath: string): WebPreferences {
  return {
    preload: preloadPath,
    contextIsolation: true,
    sandbox: true,
    nodeIntegration: false,
    nodeIntegrationInWorker: false,
    nodeIntegrationInSubFrames: false,
    webviewTag: false,
    webSecurity: true,
    allowRunningInsecureContent: false,
    experimentalFeatures: false,
    spellcheck: false,
  };
}

/** #7 a strict Content Security Policy for everything the window loads. */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

export function enforceContentSecurityPolicy(session: Session): void {
  session.webRequest.onHeadersReceived((details, callback) => {
    callback({
      responseHeaders: {
        ...details.responseHeaders,
        'Content-Security-Policy': [CONTENT_SECURITY_POLICY],
      },
    });
  });
}

/**
 * #5 deny every permission request (camera, notifications, geolocation, reading the
 * clipboard…). The one exception: the app's own page may write text to the clipboard ("Copy
 * path"; Chromium allows it only in a user gesture, sanitized), as any browser tab may.
 */
export function denyAllPermissions(
  session: Session,
  isAppUrl: (url: string) => boolean = () => false,
): void {
  const allowed = (permission: string, url: string | undefined) =>
    permission === 'clipboard-sanitized-write' && url !== undefined && isAppUrl(url);
  session.setPermissionRequestHandler((_contents, permission, callback, details) =>
    callback(allowed(permission, details?.requestingUrl)),
  );
  session.setPermissionCheckHandler((_contents, permission, origin) => allowed(permission, origin));
}

/** #13 no navigation away from the app, #14 no new windows; links open in the OS browser. */
export function lockNavigation(
  contents: WebContents,
  isAppUrl: (url: string) => boolean,
  openExternally: (url: string) => void,
): void {
  contents.on('will-navigate', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.on('will-redirect', (event, url) => {
    if (!isAppUrl(url)) event.preventDefault();
  });
  contents.setWindowOpenHandler(({ url }) => {
    if (/^https:\/\//i.test(url)) openExternally(url);
    return { action: 'deny' };
  });
  contents.on('will-attach-webview', (event) => event.preventDefault());
}
