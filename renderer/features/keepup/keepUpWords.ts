/** The strip's words for a "keep up to date" while it runs, and why it stopped. */
import type { KeepUpState } from '../../../shared/contract/keepup';

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** "12:01" in the user's clock. */
export function clockTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit' });
}

/** "Keeping /var/www up to date with /home/me/site — 3 uploaded, last 12:01". */
export function runningText(state: KeepUpState): string {
  const parts = [`${state.uploaded} uploaded`];
  if (state.lastAt !== null) parts.push(`last ${clockTime(state.lastAt)}`);
  if (state.waiting > 0) parts.push(`${state.waiting} waiting`);
  if (state.deleted > 0) parts.push(`${state.deleted} deleted there`);
  if (state.failed > 0) parts.push(`${state.failed} failed (see the transfers and the log)`);
  return `Keeping ${state.remoteRoot} up to date with ${state.localRoot} — ${parts.join(', ')}`;
}

/** What else the strip says: deletions on or off, and how it watches. */
export function detailText(state: KeepUpState): string {
  const deletes = state.deleteOnServer
    ? 'Files deleted here are deleted on the server too.'
    : 'Nothing is deleted on the server.';
  return state.polling
    ? `${deletes} This computer gives no change notices here: Ferry looks every few seconds.`
    : deletes;
}

const WHY: Record<NonNullable<KeepUpState['stoppedBecause']>, string> = {
  user: 'you stopped it',
  disconnected: 'the connection to the server closed',
  folderGone: 'the folder on this computer is gone (deleted, moved or replaced by another)',
  page: 'the Ferry window or browser tab was closed',
  failed: 'something went wrong',
};

/** "Stopped keeping /var/www up to date: the connection to the server closed. 3 uploaded." */
export function stoppedText(state: KeepUpState): string {
  const why = state.stoppedBecause ? WHY[state.stoppedBecause] : WHY.failed;
  const detail = state.error ? ` (${state.error.message})` : '';
  const sent = plural(state.uploaded, 'file uploaded', 'files uploaded');
  return `Stopped keeping ${state.remoteRoot} up to date: ${why}${detail}. ${sent}.`;
}
