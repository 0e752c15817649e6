import { useId } from 'react';
import type { SyncDirection } from '../../../shared/contract/sync';
import { syncActions, useSync } from './syncStore';

const DIRECTIONS: { value: SyncDirection; label: string }[] = [
  { value: 'upload', label: 'Upload: the server matches this computer' },
  { value: 'download', label: 'Download: this computer matches the server' },
  { value: 'both', label: 'Both ways: the newer copy wins' },
];

/** Direction, deletion, how to compare, subfolders: WinSCP's Synchronize options. */
export function SyncOptionsForm({ disabled }: { disabled: boolean }) {
  const { options, localRoot, remoteRoot } = useSync();
  const deleteNote = useId();
  const mirrorNote = useId();
  const deletesOn =
    options.direction === 'upload'
      ? 'on the server'
      : options.direction === 'download'
        ? 'on this computer'
        : undefined;
  return (
    <div className="sync-form">
      <dl className="sync-folders">
        <dt>This computer</dt>
        <dd>{localRoot}</dd>
        <dt>Server</dt>
        <dd>{remoteRoot}</dd>
      </dl>
      <fieldset disabled={disabled}>
        <legend>Direction</legend>
        {DIRECTIONS.map(({ value, label }, index) => (
          <label key={value}>
            <input
              type="radio"
              name="sync-direction"
              value={value}
              checked={options.direction === value}
              onChange={() => syncActions.setOptions({ direction: value })}
              {...(index === 0 ? { 'data-autofocus': true } : {})}
            />
            {label}
          </label>
        ))}
      </fieldset>
      <fieldset disabled={disabled}>
        <legend>Options</legend>
        <label className="sync-delete">
          <input
            type="checkbox"
            checked={options.deleteExtra}
            disabled={deletesOn === undefined}
            aria-describedby={deleteNote}
            onChange={(event) => syncActions.setOptions({ deleteExtra: event.target.checked })}
          />
          Delete files that are not on the other side
        </label>
        <p id={deleteNote} className="sync-note">
          {deletesOn
            ? `Deletes ${deletesOn} what the other side does not have. You see every deletion before anything happens.`
            : 'Both ways deletes nothing: what is on one side only is copied to the other.'}
        </p>
        <label>
          <input
            type="checkbox"
            checked={options.mirror === true}
            disabled={deletesOn === undefined}
            aria-describedby={mirrorNote}
            onChange={(event) => syncActions.setOptions({ mirror: event.target.checked })}
          />
          Mirror: also replace files that are newer {deletesOn ?? 'on the side made to match'}
        </label>
        <p id={mirrorNote} className="sync-note">
          {deletesOn
            ? `Off, a newer file ${deletesOn} is kept and listed. On, it is replaced by the older copy, as WinSCP's “Mirror files” does.`
            : 'Both ways, the newer copy always wins.'}
        </p>
        <label>
          <input
            type="checkbox"
            checked={options.recursive}
            onChange={(event) => syncActions.setOptions({ recursive: event.target.checked })}
          />
          Include subfolders
        </label>
      </fieldset>
      <fieldset disabled={disabled}>
        <legend>Compare by</legend>
        <label>
          <input
            type="radio"
            name="sync-compare"
            checked={options.compareBy === 'timeAndSize'}
            onChange={() => syncActions.setOptions({ compareBy: 'timeAndSize' })}
          />
          Time and size
        </label>
        <label>
          <input
            type="radio"
            name="sync-compare"
            checked={options.compareBy === 'sizeOnly'}
            onChange={() => syncActions.setOptions({ compareBy: 'sizeOnly' })}
          />
          Size only
        </label>
      </fieldset>
    </div>
  );
}
