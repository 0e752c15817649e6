import { describe, expect, it } from 'vitest';
import { SessionLine } from './session-line';

interface Work {
  session: string;
  name: string;
}

function line(...names: string[]): SessionLine<Work> {
  const queued = new SessionLine<Work>((work) => work.session);
  // "a1" is work 1 of session a.
  queued.push(...names.map((name) => ({ session: name.slice(0, 1), name })));
  return queued;
}

/** Takes everything in the order the line gives it to sessions `hasRoom` accepts. */
function drain(queued: SessionLine<Work>, hasRoom = (_session: string) => true): string[] {
  const taken: string[] = [];
  for (let next = queued.peek(hasRoom); next; next = queued.peek(hasRoom)) {
    queued.take(next);
    taken.push(next.name);
  }
  return taken;
}

describe('SessionLine', () => {
  it('gives work out first come, first served across sessions', () => {
    expect(drain(line('a1', 'b1', 'a2', 'c1', 'b2'))).toEqual(['a1', 'b1', 'a2', 'c1', 'b2']);
  });

  it('passes over a session with no room, keeping the order of the rest', () => {
    const queued = line('a1', 'a2', 'a3', 'b1', 'a4', 'b2');
    expect(drain(queued, (session) => session !== 'a')).toEqual(['b1', 'b2']);
    expect(queued.length).toBe(4);
    expect(drain(queued)).toEqual(['a1', 'a2', 'a3', 'a4']);
    expect(queued.length).toBe(0);
  });

  it('puts work back in front of everything (a retry, a paused job)', () => {
    const queued = line('a1', 'b1');
    queued.unshift({ session: 'b', name: 'b0' });
    expect(drain(queued)).toEqual(['b0', 'a1', 'b1']);
  });

  it('removes work wherever it waits', () => {
    const queued = line('a1', 'b1', 'a2', 'b2');
    queued.removeWhere((work) => work.name.endsWith('1'));
    expect(queued.length).toBe(2);
    expect(drain(queued)).toEqual(['a2', 'b2']);
  });
});
