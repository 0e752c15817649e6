import { describe, expect, it } from 'vitest';
import { HISTORY_KEPT, readPaneView, viewOf, type PaneView } from './paneView';

const view: PaneView = {
  path: '/home/ann/docs',
  sort: { key: 'size', direction: 'descending' },
  filter: '.pdf',
  history: { back: ['/home/ann'], forward: ['/home/ann/docs/old'] },
};

describe('a pane view kept across a reload', () => {
  it('reads back what was saved', () => {
    expect(readPaneView(JSON.parse(JSON.stringify(view)))).toEqual(view);
  });

  it('is nothing before the pane showed a folder', () => {
    expect(viewOf({ ...view, path: null })).toBeUndefined();
  });

  it('keeps the latest steps of a long history', () => {
    const back = Array.from({ length: HISTORY_KEPT + 20 }, (_, i) => `/f${i}`);
    const kept = viewOf({ ...view, history: { back, forward: [] } });
    expect(kept?.history.back).toHaveLength(HISTORY_KEPT);
    expect(kept?.history.back.at(-1)).toBe(back.at(-1));
  });

  it.each([
    ['nothing', undefined],
    ['not an object', 'docs'],
    ['no path', { ...view, path: '' }],
    ['an unknown sort', { ...view, sort: { key: 'colour', direction: 'ascending' } }],
    ['a history that is not a list of folders', { ...view, history: { back: [3], forward: [] } }],
    ['no history', { ...view, history: undefined }],
  ])('is not read from %s', (_, value) => {
    expect(readPaneView(value)).toBeUndefined();
  });

  it('drops a filter that is not text, and keeps the rest', () => {
    expect(readPaneView({ ...view, filter: 42 })).toEqual({ ...view, filter: '' });
  });
});
