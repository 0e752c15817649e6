/**
 * The words a synchronization's plan is said in, by the app's dialog and by `ferry sync` alike:
 * why each item goes, what each action is, why something is left alone. Pure.
 */
import type { SyncAction, SyncLeftAloneWhy, SyncReason } from './contract/sync';

export const REASON_TEXT: Record<SyncReason, string> = {
  onlyLocal: 'only on this computer',
  onlyRemote: 'only on the server',
  newerLocal: 'newer here',
  newerRemote: 'newer on the server',
  sizeDiffers: 'other size',
  replacesNewerRemote: 'newer on the server — will be replaced by the older copy here',
  replacesNewerLocal: 'newer here — will be replaced by the older copy on the server',
};

/** "to upload": what the summary says after a count. */
export const ACTION_PHRASE: Record<SyncAction, string> = {
  upload: 'to upload',
  download: 'to download',
  deleteRemote: 'to delete on the server',
  deleteLocal: 'to delete on this computer',
};

export const LEFT_ALONE_TEXT: Record<SyncLeftAloneWhy, string> = {
  kind: 'a file on one side, a folder on the other',
  bothChanged: 'changed on both sides: no telling which is newer',
  newerThere: 'the copy being replaced is newer: kept',
  link: 'a link: never followed, replaced or deleted',
};
