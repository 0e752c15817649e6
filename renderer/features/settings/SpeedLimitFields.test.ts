import { describe, expect, it } from 'vitest';
import { draftOf, keptOf, limitOf, type LimitDraft } from './SpeedLimitFields';

describe('a speed limit turned off and on again', () => {
  it('offers the value it had, not 1 MiB/s', () => {
    expect(draftOf(null, { value: 300, unit: 'KiB/s' })).toEqual({
      on: false,
      text: '300',
      unit: 'KiB/s',
    });
    expect(draftOf(null)).toEqual({ on: false, text: '1', unit: 'MiB/s' });
    expect(draftOf({ value: 2, unit: 'MiB/s' }, { value: 300, unit: 'KiB/s' })).toEqual({
      on: true,
      text: '2',
      unit: 'MiB/s',
    });
  });

  it('keeps the number in the form when the limit is switched off and saved', () => {
    const off: LimitDraft = { on: false, text: '512', unit: 'KiB/s' };
    expect(limitOf(off)).toBeNull();
    expect(keptOf(off)).toEqual({ value: 512, unit: 'KiB/s' });
    // Saved off, opened again, ticked: the same limit.
    const again = { ...draftOf(limitOf(off), keptOf(off)), on: true };
    expect(limitOf(again)).toEqual({ value: 512, unit: 'KiB/s' });
  });

  it('keeps the earlier value when the field holds no speed', () => {
    const before = { value: 3, unit: 'MiB/s' } as const;
    expect(keptOf({ on: false, text: '', unit: 'MiB/s' }, before)).toEqual(before);
    expect(keptOf({ on: false, text: '0', unit: 'KiB/s' }, before)).toEqual(before);
    expect(keptOf({ on: false, text: 'fast', unit: 'KiB/s' })).toBeUndefined();
  });

  it('follows a limit that is on', () => {
    expect(keptOf({ on: true, text: '1.5', unit: 'MiB/s' }, { value: 3, unit: 'MiB/s' })).toEqual({
      value: 1.5,
      unit: 'MiB/s',
    });
  });
});
