import { describe, expect, it } from 'vitest';
import type { EventName } from '../../shared/contract';
import { LogHistory } from './log-history';

const line = (text: string, sessionId?: string) => ({
  level: 'info' as const,
  text,
  at: 1,
  ...(sessionId ? { sessionId } : {}),
});

describe('log history', () => {
  it('numbers the lines it passes on, and gives a reloaded page the same lines, oldest first', () => {
    const history = new LogHistory(3);
    const sent: Array<{ name: EventName; payload: unknown }> = [];
    const emit = history.tap((name, payload) => sent.push({ name, payload }));
    emit('log.line', line('Connecting', 's1'));
    emit('session.closed', { sessionId: 's1' });
    emit('log.line', line('Logged in', 's1'));
    expect(sent).toEqual([
      { name: 'log.line', payload: { ...line('Connecting', 's1'), seq: 1 } },
      { name: 'session.closed', payload: { sessionId: 's1' } },
      { name: 'log.line', payload: { ...line('Logged in', 's1'), seq: 2 } },
    ]);
    expect(history.recent().map((l) => [l.seq, l.text])).toEqual([
      [1, 'Connecting'],
      [2, 'Logged in'],
    ]);
  });

  it('keeps only the last lines, and those after a number the page already has', () => {
    const history = new LogHistory(3);
    for (let i = 1; i <= 20; i++) history.record(line(`line ${i}`));
    expect(history.recent().map((l) => l.text)).toEqual(['line 18', 'line 19', 'line 20']);
    expect(history.recent(19).map((l) => l.text)).toEqual(['line 20']);
    expect(history.recent(20)).toEqual([]);
    // A page cleared its log before lines that have fallen off since: it gets what is kept.
    expect(history.recent(2).map((l) => l.seq)).toEqual([18, 19, 20]);
  });
});
