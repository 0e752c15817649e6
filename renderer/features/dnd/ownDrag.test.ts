import { describe, expect, it } from 'vitest';
import { movableInto } from './ownDrag';

describe('movableInto: where a pane’s own dragged items may be dropped', () => {
  const dragged = ['/srv/site/photos', '/srv/site/notes.txt'];
  it.each([
    ['a folder row beside them', '/srv/site/archive', true],
    ['a breadcrumb above them', '/srv', true],
    ['the folder they are in (the pane itself, its breadcrumb)', '/srv/site', false],
    ['one of the dragged folders itself', '/srv/site/photos', false],
    ['no folder (the pane’s background)', null, false],
  ] as const)('%s', (_what, folder, expected) => {
    expect(movableInto(dragged, folder)).toBe(expected);
  });

  it('takes Windows paths too', () => {
    expect(movableInto(['C:\\Users\\me\\a.txt'], 'C:\\Users\\me')).toBe(false);
    expect(movableInto(['C:\\Users\\me\\a.txt'], 'C:\\Users')).toBe(true);
  });
});
