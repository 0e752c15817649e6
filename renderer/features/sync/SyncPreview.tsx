import { ArrowDown, ArrowUp, Trash2 } from 'lucide-react';
import { useId } from 'react';
import type { SyncAction, SyncItem } from '../../../shared/contract/sync';
import { formatSize } from '../pane/format';
import { syncActions, useSync } from './syncStore';
import { filesText, GROUP_TITLE, LEFT_ALONE_TEXT, REASON_TEXT, summaryText } from './syncWords';

/** Rows shown per group; the rest are counted (and run as ticked). */
const SHOWN_ROWS = 2_000;
const ORDER: SyncAction[] = ['upload', 'download', 'deleteRemote', 'deleteLocal'];

/** The plan: what will be uploaded, downloaded and (apart, in red) deleted, each with a tick. */
export function SyncPreview({ disabled }: { disabled: boolean }) {
  const { planned, unticked } = useSync();
  if (!planned) return null;
  const ticked = planned.items.filter((item) => !unticked.has(item.id));
  return (
    <div className="sync-preview">
      <p className="sync-summary" role="status">
        {planned.items.length === 0
          ? 'The folders already match: nothing to do.'
          : summaryText(ticked)}
      </p>
      {planned.unreadable.length > 0 && (
        <div className="warning-banner" role="note">
          {planned.unreadableCount === 1
            ? '1 folder could not be read'
            : `${planned.unreadableCount} folders could not be read`}{' '}
          and {planned.unreadableCount === 1 ? 'is' : 'are'} left out, with everything in{' '}
          {planned.unreadableCount === 1 ? 'it' : 'them'} (nothing there is copied or deleted):{' '}
          {planned.unreadable.join(', ')}
          {planned.unreadableCount > planned.unreadable.length && ', …'}
        </div>
      )}
      <div className="sync-groups">
        {ORDER.map((action) => (
          <Group
            key={action}
            action={action}
            items={planned.items.filter((item) => item.action === action)}
            disabled={disabled}
          />
        ))}
      </div>
      {planned.leftAlone.length > 0 && (
        <details className="sync-left-alone">
          <summary>Left as they are: {planned.leftAlone.length.toLocaleString()}</summary>
          <ul>
            {planned.leftAlone.map(({ path, why }) => (
              <li key={path}>
                {path} — {LEFT_ALONE_TEXT[why]}
              </li>
            ))}
          </ul>
        </details>
      )}
      {(planned.excluded > 0 || planned.refusedNames > 0) && (
        <p className="sync-note">
          {planned.excluded > 0 &&
            `${planned.excluded.toLocaleString()} left out by the exclusion list (Settings → Transfers). `}
          {planned.refusedNames > 0 &&
            `${planned.refusedNames.toLocaleString()} names from the server that are not usable names were left out.`}
        </p>
      )}
    </div>
  );
}

function Group({
  action,
  items,
  disabled,
}: {
  action: SyncAction;
  items: SyncItem[];
  disabled: boolean;
}) {
  const unticked = useSync((s) => s.unticked);
  const headingId = useId();
  if (items.length === 0) return null;
  const deleting = action === 'deleteRemote' || action === 'deleteLocal';
  const Icon = deleting ? Trash2 : action === 'upload' ? ArrowUp : ArrowDown;
  const tickedCount = items.filter((item) => !unticked.has(item.id)).length;
  const ids = items.map((item) => item.id);
  return (
    <section
      className={`sync-group${deleting ? ' sync-group-delete' : ''}`}
      aria-labelledby={headingId}
    >
      <h3 id={headingId}>
        <Icon size={14} aria-hidden="true" /> {GROUP_TITLE[action]}: {filesText(items)}
      </h3>
      <label className="sync-all">
        <input
          type="checkbox"
          disabled={disabled}
          checked={tickedCount === items.length}
          ref={(box) => {
            if (box) box.indeterminate = tickedCount > 0 && tickedCount < items.length;
          }}
          onChange={(event) => syncActions.toggle(ids, event.target.checked)}
        />
        All {items.length.toLocaleString()} {GROUP_TITLE[action].toLowerCase()}
      </label>
      <ul className="sync-items">
        {items.slice(0, SHOWN_ROWS).map((item) => (
          <li key={item.id}>
            <label>
              <input
                type="checkbox"
                disabled={disabled}
                checked={!unticked.has(item.id)}
                onChange={(event) => syncActions.toggle([item.id], event.target.checked)}
              />
              <span className="sync-path">
                {item.path}
                {item.kind === 'folder' && '/'}
              </span>
              <span className="sync-reason">
                {REASON_TEXT[item.reason]}
                {item.kind === 'folder'
                  ? ` · folder, ${filesText([item])}`
                  : ` · ${formatSize(item.bytes)}`}
              </span>
            </label>
          </li>
        ))}
      </ul>
      {items.length > SHOWN_ROWS && (
        <p className="sync-note">
          …and {(items.length - SHOWN_ROWS).toLocaleString()} more, ticked with “All” above.
        </p>
      )}
    </section>
  );
}
