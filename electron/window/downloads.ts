/**
 * Downloads in the desktop window. The page saves a file it made itself (site manager →
 * Export…) as a browser would: a download of a `blob:` URL of its own origin. Electron then shows
 * the OS save dialog, which this names and filters; a download of anything else (a link that
 * slipped through, content from elsewhere) is refused. Complements #13 (no navigation away).
 */
import type { DownloadItem, Event } from 'electron';

/** The part of a Session this rule needs. */
export interface DownloadSession {
  on(
    event: 'will-download',
    listener: (event: Event, item: DownloadItem, webContents: unknown) => void,
  ): unknown;
}

/** A blob the app's own page made: `blob:ferry://app/<uuid>`. */
export function isOwnBlob(url: string, isAppUrl: (url: string) => boolean): boolean {
  return url.startsWith('blob:') && isAppUrl(url.slice('blob:'.length));
}

export function saveOwnDownloadsWithDialog(
  session: DownloadSession,
  isAppUrl: (url: string) => boolean,
): void {
  session.on('will-download', (event, item) => {
    if (!isOwnBlob(item.getURL(), isAppUrl)) {
      event.preventDefault();
      return;
    }
    const name = item.getFilename();
    const json = name.toLowerCase().endsWith('.json');
    // No save path set: Electron asks the user where to save, with these options.
    item.setSaveDialogOptions({
      title: 'Save as',
      defaultPath: name,
      filters: json
        ? [
            { name: 'Ferry sites file', extensions: ['json'] },
            { name: 'All files', extensions: ['*'] },
          ]
        : [{ name: 'All files', extensions: ['*'] }],
    });
  });
}
