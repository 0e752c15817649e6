import { BookMarked } from 'lucide-react';
import { useEffect } from 'react';
import { SiteManager, type SiteManagerProps } from './SiteManager';
import { useSites, watchSitesEvents } from './sitesStore';

/** "Sites" in the header: opens the site manager (rendered here while open). */
export function SitesButton({ onConnected }: SiteManagerProps) {
  const open = useSites((s) => s.open);
  const openManager = useSites((s) => s.openManager);
  useEffect(() => watchSitesEvents(), []);
  return (
    <>
      <button type="button" className="sites-button" onClick={openManager} aria-haspopup="dialog">
        <BookMarked size={15} aria-hidden="true" /> Sites
      </button>
      {open && <SiteManager {...(onConnected ? { onConnected } : {})} />}
    </>
  );
}
