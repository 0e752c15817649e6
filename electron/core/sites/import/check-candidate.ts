/**
 * Makes an imported site fit Ferry's site form before anything is stored: free text that is only
 * too long (names, notes) is shortened, anything else the form would refuse (a host or user too
 * long, a bad folder) refuses that one site, with the reason shown in the preview and summary.
 * A key file or local folder on another computer is left out, said in the notes.
 */
import { siteDraft, type SiteDraft } from '../../../../shared/contract/sites';
import { DEFAULT_JUMP_PORT, describeJumpHost } from '../../../../shared/jump-host';
import { DEFAULT_PROXY_PORT, describeProxy } from '../../../../shared/proxy';
import { NAME_MAX } from '../document';
import { clampText, fieldProblem } from '../text-limits';
import { leaveOutNetworkPath } from './bookmark-check';
import type { ImportCandidate } from './candidate';

/** Room left for the " (2)" that makes a name unique in its folder. */
const IMPORTED_NAME_MAX = NAME_MAX - 10;
const NOTES_MAX = 10_000;

/** A folder name from a file as the import makes it: trimmed, never empty, short enough. */
export function fitFolderName(name: string): string {
  return clampText(name.trim() || 'Unnamed folder', IMPORTED_NAME_MAX);
}

export function checkCandidate(candidate: ImportCandidate): ImportCandidate {
  const name = clampText(candidate.name.trim() || 'Unnamed site', IMPORTED_NAME_MAX);
  const folderPath = candidate.folderPath.map(fitFolderName);
  const notes = [...candidate.notes];
  if (name.length < candidate.name.trim().length) notes.push('Its name was shortened to fit.');
  const checked: ImportCandidate = { ...candidate, name, folderPath, notes };
  if (candidate.refused !== undefined || !candidate.draft) return checked;

  const draft = { ...candidate.draft, notes: clampText(candidate.draft.notes, NOTES_MAX) };
  if (draft.notes !== candidate.draft.notes) notes.push('Its notes were shortened to fit.');
  // Every format's paths pass the same check (Ferry's own file has already had it).
  leaveOutNetworkPath(draft, 'keyFile', notes);
  leaveOutNetworkPath(draft, 'localDir', notes);
  leaveOutNetworkPath(draft, 'jumpKeyFile', notes);
  const parsed = siteDraft.safeParse({ ...draft, name, folderId: null });
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const problem = issue ? fieldProblem(issue) : 'settings are not valid';
    const { draft: _dropped, password: _unused, ...refused } = checked;
    return { ...refused, refused: `Its ${problem}.` };
  }
  const { id: _id, name: _name, folderId: _folder, ...settings } = parsed.data;
  const proxy = ownProxyNote(settings);
  if (proxy) notes.push(proxy);
  if (settings.jumpEnabled) {
    // As for a proxy: every byte would pass through that host, so a stranger's must stand out.
    const jump = describeJumpHost({
      host: settings.jumpHost,
      port: settings.jumpPort ?? DEFAULT_JUMP_PORT,
      user: settings.jumpUser,
    });
    notes.push(`Connects through the ${jump}: import it only if you know that host.`);
  }
  return { ...checked, draft: settings };
}

/**
 * Every byte of the site would pass through its own proxy, and its host key or certificate is
 * asked about anew after an import: the preview names the proxy so a stranger's stands out.
 */
function ownProxyNote(site: Pick<SiteDraft, 'proxyMode' | 'proxyHost' | 'proxyPort'>) {
  if (site.proxyMode === 'app' || site.proxyMode === 'none') return undefined;
  const port = site.proxyPort ?? DEFAULT_PROXY_PORT[site.proxyMode];
  const proxy = describeProxy({ kind: site.proxyMode, host: site.proxyHost, port });
  return `Connects through its own ${proxy}: import it only if you know that proxy.`;
}
