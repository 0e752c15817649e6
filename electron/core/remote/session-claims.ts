/**
 * Which page shows which session, so that a page that reloads finds its tabs again and a page
 * that is gone for good does not leave its connections open forever.
 *
 * A page is one browser tab (or the desktop window) across its reloads: it keeps a random id in
 * its sessionStorage and claims every session it shows. The browser edition's transport says
 * when a page's WebSocket opens and closes. A reload closes and reopens it within a second or
 * two; a page that stays away for the grace period has its sessions closed, except while they
 * still have transfers queued or moving (the user asked for those; they finish first).
 *
 * A page takes another page's session only once that page has been away longer than a reload
 * takes (`adoptAfterMs`): two tabs reloading together (a browser restart, "reload all") each get
 * their own back, whichever asks first, and a connected page's sessions are never taken.
 */

import { FerryError } from '../../../shared/errors';

export interface SessionClaimsOptions {
  /** The ids of the sessions open now, oldest first. */
  openSessions(): string[];
  /** Ends a session no page shows any more. */
  close(sessionId: string): Promise<void>;
  /** True while the session has transfers queued or moving. */
  isBusy(sessionId: string): boolean;
  /** How long a page may be away before its sessions close (a reload takes a second or two). */
  graceMs: number;
  /** How long a page must have been away before another page may take its sessions. */
  adoptAfterMs: number;
}

export class SessionClaims {
  /** session id → the page that shows it. */
  private readonly owners = new Map<string, string>();
  /** page id → its open WebSockets (a reloading page may briefly have two). */
  private readonly present = new Map<string, number>();
  /** page id → the timer that closes its sessions if it does not come back. */
  private readonly timers = new Map<string, ReturnType<typeof setTimeout>>();
  /** page id → when its last WebSocket closed (or when it claimed without one). */
  private readonly awaySince = new Map<string, number>();
  /** Pages whose socket has been seen (the desktop window never has one). */
  private readonly everPresent = new Set<string>();

  constructor(private readonly options: SessionClaimsOptions) {}

  /** `pageId` shows the session; refused while another page shows it (see mayTake). */
  claim(pageId: string, sessionId: string): void {
    if (!this.mayTake(pageId, sessionId)) {
      throw new FerryError(
        'forbidden',
        'This connection is shown in another Ferry tab.',
        'Use it in that tab, or connect again here.',
      );
    }
    // A page that claims without a socket (none yet) counts as away from now on.
    if (!this.present.has(pageId) && !this.awaySince.has(pageId))
      this.awaySince.set(pageId, Date.now());
    this.owners.set(sessionId, pageId);
    // Its page left while it connected (a question answered from another page): the session
    // closes after the grace period unless the page comes back, as its other sessions did.
    if (this.everPresent.has(pageId) && !this.present.has(pageId) && !this.timers.has(pageId))
      this.startTimer(pageId);
  }

  /**
   * The sessions `pageId` may show: its own, those no page claimed, and those whose page has
   * been away longer than a reload takes. They become its own. Oldest first.
   */
  reattach(pageId: string): string[] {
    const mine = this.options.openSessions().filter((sessionId) => this.mayTake(pageId, sessionId));
    for (const sessionId of mine) this.owners.set(sessionId, pageId);
    return mine;
  }

  /**
   * A page may take a session that is its own or no page's, or whose page has been away for
   * `adoptAfterMs`: a page still connected, or away for less (reloading, or its socket dropped
   * for a moment), keeps it.
   */
  private mayTake(pageId: string, sessionId: string): boolean {
    const owner = this.owners.get(sessionId);
    if (owner === undefined || owner === pageId) return true;
    if (this.present.has(owner)) return false;
    const since = this.awaySince.get(owner) ?? 0;
    return Date.now() - since >= this.options.adoptAfterMs;
  }

  /** Whether `pageId` shows the session now. */
  shows(pageId: string, sessionId: string): boolean {
    return this.owners.get(sessionId) === pageId;
  }

  /** A session ended: nobody owns it any more. */
  forget(sessionId: string): void {
    this.owners.delete(sessionId);
  }

  pageOpened(pageId: string): void {
    this.everPresent.add(pageId);
    this.present.set(pageId, (this.present.get(pageId) ?? 0) + 1);
    this.awaySince.delete(pageId);
    this.stopTimer(pageId);
  }

  /** True when that was the page's last socket: it is away now (reloading, or gone). */
  pageClosed(pageId: string): boolean {
    const left = (this.present.get(pageId) ?? 1) - 1;
    if (left > 0) {
      this.present.set(pageId, left);
      return false;
    }
    this.present.delete(pageId);
    this.awaySince.set(pageId, Date.now());
    this.startTimer(pageId);
    return true;
  }

  dispose(): void {
    for (const pageId of [...this.timers.keys()]) this.stopTimer(pageId);
  }

  private startTimer(pageId: string): void {
    this.stopTimer(pageId);
    const timer = setTimeout(() => this.reap(pageId), this.options.graceMs);
    // A pending reap must not keep the process alive.
    timer.unref?.();
    this.timers.set(pageId, timer);
  }

  private stopTimer(pageId: string): void {
    clearTimeout(this.timers.get(pageId));
    this.timers.delete(pageId);
  }

  /**
   * The page stayed away: its idle sessions close; busy ones are looked at again later. With no
   * page left at all, sessions no page claimed (one closed while connecting) close too.
   */
  private reap(pageId: string): void {
    this.timers.delete(pageId);
    if (this.present.has(pageId)) return;
    let waiting = false;
    for (const sessionId of this.options.openSessions()) {
      const owner = this.owners.get(sessionId);
      if (owner !== pageId && (owner !== undefined || this.present.size > 0)) continue;
      if (this.options.isBusy(sessionId)) {
        waiting = true;
      } else {
        this.owners.delete(sessionId);
        void this.options.close(sessionId).catch(() => undefined);
      }
    }
    if (waiting) this.startTimer(pageId);
    else this.awaySince.delete(pageId);
  }
}
