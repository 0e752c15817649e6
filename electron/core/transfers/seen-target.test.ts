import { describe, expect, it } from 'vitest';
import { changedSincePreview, type SeenTarget } from './seen-target';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
/** 2026-11-26 14:05:00 UTC: how an FTP LIST shows "Nov 26 14:05". */
const LISTED = Date.UTC(2026, 10, 26, 14, 5);
const file = (size: number, modified: number | null) => ({ kind: 'file' as const, size, modified });
const ftp = (shifts: number[] = [0]): SeenTarget => ({
  where: 'server',
  entry: { size: 10, modified: LISTED },
  precision: 'listing',
  shifts,
});
const CHANGED = 'Changed on the server since the preview — not replaced.';

describe('changedSincePreview', () => {
  it('takes an FTP listing’s minute as any second in it (MDTM says the second)', () => {
    expect(changedSincePreview(ftp(), file(10, LISTED + 37_000))).toBeUndefined();
    expect(changedSincePreview(ftp(), file(10, LISTED + 59_999))).toBeUndefined();
    expect(changedSincePreview(ftp(), file(10, LISTED + MINUTE))).toBe(CHANGED);
    expect(changedSincePreview(ftp(), file(10, LISTED - 1000))).toBe(CHANGED);
  });

  it('compares SFTP times to the second, and this computer’s exactly', () => {
    const moment = LISTED + 12_345;
    const sftp: SeenTarget = {
      ...ftp(),
      precision: 'exact',
      entry: { size: 10, modified: moment },
    };
    expect(changedSincePreview(sftp, file(10, moment + 500))).toBeUndefined();
    expect(changedSincePreview(sftp, file(10, moment + 2000))).toBe(CHANGED);
    // A file here saved again in the second the preview read it, at the same size.
    const here: SeenTarget = { ...sftp, where: 'local' };
    const local = 'Changed on this computer since the preview — not replaced.';
    expect(changedSincePreview(here, file(10, moment))).toBeUndefined();
    expect(changedSincePreview(here, file(10, moment + 0.5))).toBe(local);
    expect(changedSincePreview(here, file(10, moment + 500))).toBe(local);
  });

  it('reads the time under any shift given (a time zone found, a site’s offset)', () => {
    expect(changedSincePreview(ftp([0, 2 * HOUR]), file(10, LISTED - 2 * HOUR + 5000))).toBe(
      undefined,
    );
    expect(changedSincePreview(ftp([0]), file(10, LISTED - 2 * HOUR))).toBe(CHANGED);
  });

  it('sees another size, another kind, and a file where there was none', () => {
    expect(changedSincePreview(ftp(), file(11, LISTED))).toBe(CHANGED);
    expect(changedSincePreview(ftp(), { kind: 'symlink', size: 10, modified: LISTED })).toBe(
      CHANGED,
    );
    expect(changedSincePreview(ftp(), file(11, LISTED), 'deleted')).toBe(
      'Changed on the server since the preview — not deleted.',
    );
    const nothing: SeenTarget = { ...ftp(), entry: null };
    expect(changedSincePreview(nothing, file(1, null))).toBe(
      'Appeared on the server since the preview — not replaced.',
    );
    expect(changedSincePreview(nothing, null)).toBeUndefined();
  });

  it('lets a target that is gone, or has no time to tell by, go by its size', () => {
    expect(changedSincePreview(ftp(), null)).toBeUndefined();
    expect(changedSincePreview(ftp(), file(10, null))).toBeUndefined();
  });
});
