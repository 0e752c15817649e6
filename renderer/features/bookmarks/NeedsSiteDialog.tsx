import { Dialog } from '../../ui/Dialog';
import { useSites } from '../sites/sitesStore';
import { siteFromTab } from './siteFromTab';

/**
 * Ctrl+B on a quick connection. Bookmarks are kept with a saved site rather than globally: a
 * folder on a server means something only on that server, and a global list would offer one
 * server's folders on every other (FileZilla, too, keeps server folders in a site's bookmarks).
 * So the way on is to save the connection as a site; the tab then belongs to it.
 */
export function NeedsSiteDialog({ tabId, onClose }: { tabId: string; onClose(): void }) {
  function saveAsSite() {
    const site = siteFromTab(tabId);
    onClose();
    if (site) useSites.getState().openWithNewSite(site);
  }
  return (
    <Dialog
      title="Save this connection as a site first"
      onDismiss={onClose}
      actions={
        <>
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button type="button" className="primary" onClick={saveAsSite} data-autofocus>
            Save as site…
          </button>
        </>
      }
    >
      <p>
        Bookmarks are kept with a saved site, since a folder on a server only means something on
        that server. Save this connection as a site; this tab then belongs to it, and Ctrl+B adds
        the folders shown as a bookmark.
      </p>
    </Dialog>
  );
}
