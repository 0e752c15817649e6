import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SessionClaims } from './session-claims';

const GRACE = 60_000;
const ADOPT = 10_000;

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
    adoptAfterMs: ADOPT,
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

  it('two pages reloading together each get their own back, whichever asks first', () => {
    const { claims } = setup(['s1', 's2', 's3']);
    claims.pageOpened('page-a');
    claims.pageOpened('page-b');
    claims.claim('page-a', 's1');
    claims.claim('page-b', 's2');
    claims.claim('page-a', 's3');

    // "Reload all": both sockets close, then both pages come back; B asks first.
    claims.pageClosed('page-a');
    claims.pageClosed('page-b');
    vi.advanceTimersByTime(1_000);
    claims.pageOpened('page-b');
    expect(claims.reattach('page-b')).toEqual(['s2']);
    vi.advanceTimersByTime(500);
    claims.pageOpened('page-a');
    expect(claims.reattach('page-a')).toEqual(['s1', 's3']);
  });

  it('a page whose socket dropped for a moment keeps its sessions from a page that asks', () => {
    const { claims } = setup(['s1']);
    claims.pageOpened('page-a');
    claims.claim('page-a', 's1');
    claims.pageClosed('page-a');
    vi.advanceTimersByTime(ADOPT - 1);
    claims.pageOpened('page-new');
    expect(claims.reattach('page-new')).toEqual([]);
    claims.pageOpened('page-a');
    expect(claims.reattach('page-a')).toEqual(['s1']);
  });

  it('a claim on a session another page shows is refused while that page is there', () => {
    const { claims } = setup(['s1']);
    claims.pageOpened('page-a');
    claims.pageOpened('page-b');
    claims.claim('page-a', 's1');
    expect(() => claims.claim('page-b', 's1')).toThrow(
      expect.objectContaining({ code: 'forbidden' }),
    );
    // Nor while it is reloading; once it has been away longer than that, the claim stands.
    claims.pageClosed('page-a');
    expect(() => claims.claim('page-b', 's1')).toThrow();
    vi.advanceTimersByTime(ADOPT);
    claims.claim('page-b', 's1');
    claims.pageOpened('page-a');
    expect(claims.reattach('page-a')).toEqual([]);
    expect(claims.reattach('page-b')).toEqual(['s1']);
  });

  it('sessions of a page gone past the short grace, or that no page claimed, go to the page that asks', () => {
    const { claims } = setup(['s1', 's2', 'unclaimed']);
    claims.pageOpened('page-a');
    claims.claim('page-a', 's1');
    claims.claim('page-a', 's2');
    claims.pageClosed('page-a');
    vi.advanceTimersByTime(ADOPT);

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
    await vi.advanceTimersByTimeAsync(ADOPT);
    claims.pageOpened('page-b');
    expect(claims.reattach('page-b')).toEqual(['s1']);
    await vi.advanceTimersByTimeAsync(GRACE * 2);
    expect(closed).toEqual([]);
  });

  it('a connect that finishes after its page left for good closes with the grace period', async () => {
    // Page A asked for a host key and was closed; another page answered; the connect ends now.
    const { claims, open, closed } = setup([]);
    claims.pageOpened('page-a');
    claims.pageOpened('page-b');
    claims.pageClosed('page-a');
    await vi.advanceTimersByTimeAsync(GRACE);
    open.add('s1');
    claims.claim('page-a', 's1');
    await vi.advanceTimersByTimeAsync(GRACE);
    expect(closed).toEqual(['s1']);
  });
});
