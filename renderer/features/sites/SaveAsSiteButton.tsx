import { Save } from 'lucide-react';
import { defaultPort } from '../../../shared/protocols';
import { useQuickConnect } from '../connect/quickConnectStore';
import { newDraft } from './siteForm';
import { useSites } from './sitesStore';

/** Opens the site manager with the quick-connect form's server as a new, unsaved site. */
export function saveQuickConnectAsSite(): void {
  const form = useQuickConnect.getState();
  const host = form.host.trim();
  const typed = Number(form.port);
  const port =
    Number.isInteger(typed) && typed > 0 && typed !== defaultPort(form.protocol) ? typed : null;
  const user = form.user.trim();
  useSites.getState().openWithNewSite({
    draft: newDraft(null, {
      name: user ? `${user}@${host}` : host,
      protocol: form.protocol,
      host,
      port,
      user,
    }),
    ...(form.password ? { password: form.password } : {}),
  });
}

/** "Save as site…" beside quick connect. */
export function SaveAsSiteButton() {
  const host = useQuickConnect((s) => s.host);
  return (
    <button
      type="button"
      onClick={saveQuickConnectAsSite}
      disabled={host.trim() === ''}
      aria-haspopup="dialog"
    >
      <Save size={14} aria-hidden="true" /> Save as site…
    </button>
  );
}
