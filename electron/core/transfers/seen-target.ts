/**
 * What a synchronization's preview saw at a target, and whether the target is still that just
 * before it is replaced or deleted. A file someone changed after the preview is not the one the
 * user chose to overwrite: it is left as it is, in plain words.
 *
 * Times are compared within what each side can say (shared/compare): an FTP listing's time
 * stands for its whole minute (or day), MDTM and SFTP for their second; this computer's are
 * compared exactly. The preview read the
 * server's listing as listed; the check may read it another way (MDTM, on a connection that adds
 * the site's offset), so `shifts` holds every reading under which the two may be the same moment
 * (none, the site's offset, a time zone the comparison found).
 */
import { newerSide, type TimePrecision } from '../../../shared/compare/compare-times';

export interface SeenTarget {
  where: 'server' | 'local';
  /** What was there: null, nothing. */
  entry: { size: number; modified: number | null } | null;
  /** How precise the seen time is. */
  precision: TimePrecision;
  /** Amounts (ms) taken off the seen time before comparing; [0] when the clocks agree. */
  shifts: readonly number[];
}

/** What is at the target now (null: nothing). */
export interface TargetNow {
  kind: 'file' | 'folder' | 'symlink' | 'other';
  size: number;
  modified: number | null;
}

/** Thrown by a last look just before a transfer's bytes replace the target: left as it is. */
export class TargetChanged extends Error {
  constructor(readonly note: string) {
    super(note);
  }
}

const WHERE = { server: 'on the server', local: 'on this computer' } as const;

/**
 * Undefined when the target is still what the preview saw; else why not, as the note shown to
 * the user ("Changed on the server since the preview — not replaced.").
 */
export function changedSincePreview(
  seen: SeenTarget,
  now: TargetNow | null,
  verb: 'replaced' | 'deleted' = 'replaced',
): string | undefined {
  const where = WHERE[seen.where];
  if (seen.entry === null) {
    return now === null ? undefined : `Appeared ${where} since the preview — not replaced.`;
  }
  if (now === null) return undefined; // gone: nothing of anyone's to lose
  const changed = `Changed ${where} since the preview — not ${verb}.`;
  if (now.kind !== 'file' || now.size !== seen.entry.size) return changed;
  const then = seen.entry.modified;
  const current = now.modified;
  if (then === null || current === null) return undefined; // no time to tell by: the size did
  // This computer's times are read from one file system both times, to the fraction of a
  // millisecond: any difference is a change (a same-size save in the preview's second too).
  const same =
    seen.where === 'local'
      ? current === then
      : seen.shifts.some(
          (shift) => newerSide(current, 'exact', then, seen.precision, shift) === 'same',
        );
  return same ? undefined : changed;
}
