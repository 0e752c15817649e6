import { describe, expect, it } from 'vitest';
import { standIn, StandInWebContents } from '../testing/electron-stand-in';
import { askBeforeLeaving } from './unsaved-changes';

describe('askBeforeLeaving', () => {
  it.each([
    ['leaves when the user chooses to', true, true],
    ['stays when the user chooses to', false, false],
  ])('%s', (_, leave, closes) => {
    const contents = new StandInWebContents();
    let asked = 0;
    askBeforeLeaving(standIn.asWebContents(contents), () => {
      asked++;
      return leave;
    });
    // Electron's default keeps the page; prevented, the window closes or reloads after all.
    expect(contents.fire('will-prevent-unload').defaultPrevented).toBe(closes);
    expect(asked).toBe(1);
  });
});
