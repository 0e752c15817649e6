import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionClaims } from './session-claims';

const GRACE = 60_000;

/** Claims over a fake list of open sessions; `closed` records what the reaper ended. */
function setup(initial: string[]) {
  const open = new Set(initial);
  const busy = new Set<string>();
  const closed: string[] = [];
  const claims = new SessionClaims({
    openSessions: () => [...open],
    close: async (sessionId) => {
      open.delete(sessionId);
      closed.push(sessionId);
    },
    isBusy: (sessionId) => busy.has(sessionId),
    graceMs: GRACE,
  });
  return { claims, open, busy, closed };
}

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('which sessions a page shows again', () => {
  it('a reloading page gets its own sessions back, and not those another open page shows', () => {
    const { claims } = setup(['s1', 's2', 's3']);
    claims.pageOpened('page-a');
    claims.pageOpened('page-b');
    claims.claim('page-a', 's1');
    claims.claim('page-b', 's2');
    claims.claim('page-a', 's3');

    // Page A reloads: its socket closes, and the new one asks.
    claims.pageClosed('page-a');
    claims.pageOpened('page-a');
    expect(claims.reattach('page-a')).toEqual(['s1', 's3']);
    expect(claims.reattach('page-b')).toEqual(['s2']);
  });

  it('sessions of a page that is gone, or that no page claimed, go to the page that asks', () => {
    const { claims } = setup(['s1', 's2', 'unclaimed']);
    claims.pageOpened('page-a');
    claims.claim('page-a', 's1');
    claims.claim('page-a', 's2');
    claims.pageClosed('page-a');

    claims.pageOpened('page-new');
    expect(claims.reattach('page-new')).toEqual(['s1', 's2', 'unclaimed']);
    // They are its own now: the old page, coming back, does not take them twice.
    claims.pageOpened('page-a');
    expect(claims.reattach('page-a')).toEqual([]);
  });
});

describe('sessions of a page gone for good', () => {
  it('close after the grace period; a reload within it keeps them', async () => {
    const { claims, closed, open } = setup(['s1', 's2']);
    claims.pageOpened('page-a');
    claims.claim('page-a', 's1');
    claims.pageOpened('page-b');
    claims.claim('page-b', 's2');

    claims.pageClosed('page-a');
    await vi.advanceTimersByTimeAsync(GRACE - 1);
    claims.pageOpened('page-a'); // the reload's new socket
    await vi.advanceTimersByTimeAsync(GRACE * 2);
    expect(closed).toEqual([]);

    claims.pageClosed('page-a'); // the browser tab closed
    await vi.advanceTimersByTimeAsync(GRACE);
    expect(closed).toEqual(['s1']);
    expect([...open]).toEqual(['s2']);
  });

  it('a page with two sockets is away only when both have closed', async () => {
    const { claims, closed } = setup(['s1']);
    claims.pageOpened('page-a');
    claims.pageOpened('page-a');
    claims.claim('page-a', 's1');
    claims.pageClosed('page-a');
    await vi.advanceTimersByTimeAsync(GRACE * 2);
    expect(closed).toEqual([]);
    claims.pageClosed('page-a');
    await vi.advanceTimersByTimeAsync(GRACE);
    expect(closed).toEqual(['s1']);
  });

  it('stay open while their transfers run, and close once those are over', async () => {
    const { claims, closed, busy } = setup(['s1']);
    claims.pageOpened('page-a');
    claims.claim('page-a', 's1');
    busy.add('s1');
    claims.pageClosed('page-a');
    await vi.advanceTimersByTimeAsync(GRACE * 3);
    expect(closed).toEqual([]);
    busy.delete('s1');
    await vi.advanceTimersByTimeAsync(GRACE);
    expect(closed).toEqual(['s1']);
  });

  it('sessions no page claimed close with the last page, not while another page is there', async () => {
    const { claims, closed } = setup(['unclaimed', 's1']);
    claims.pageOpened('page-a');
    claims.pageOpened('page-b');
    claims.claim('page-a', 's1');
    claims.pageClosed('page-a');
    await vi.advanceTimersByTimeAsync(GRACE);
    expect(closed).toEqual(['s1']);
    claims.pageClosed('page-b');
    await vi.advanceTimersByTimeAsync(GRACE);
    expect(closed).toEqual(['s1', 'unclaimed']);
  });

  it('adopted by another page in the meantime, they stay open', async () => {
    const { claims, closed } = setup(['s1']);
    claims.pageOpened('page-a');
    claims.claim('page-a', 's1');
    claims.pageClosed('page-a');
    claims.pageOpened('page-b');
    expect(claims.reattach('page-b')).toEqual(['s1']);
    await vi.advanceTimersByTimeAsync(GRACE * 2);
    expect(closed).toEqual([]);
  });
});
