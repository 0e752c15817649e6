import { JOBS_PER_SFTP_CONNECTION } from './connection-pool';

/**
 * Slots are counted in units: a job on its own connection takes a whole slot, a job on a shared
 * SFTP connection one unit of it, so the limits bound connections, not SFTP jobs.
 */
const UNITS_PER_SLOT = JOBS_PER_SFTP_CONNECTION;

export interface SlotRules {
  /** Whether the session's connections serve several jobs at once (known once one is open). */
  shared(sessionId: string): boolean;
  /** The most connections for the session (its site's limit, within the app's). */
  connections(sessionId: string): number;
  /** The most connections for all sessions together (the app's "parallel transfers"). */
  total(): number;
}

/** What the running work occupies, per session and in all, against the connection limits. */
export class TransferSlots {
  private used = 0;
  private readonly bySession = new Map<string, number>();

  constructor(private readonly rules: SlotRules) {}

  /** No pool yet (nothing connected, or an unknown session that will fail): a whole slot. */
  private unitsFor(sessionId: string): number {
    return this.rules.shared(sessionId) ? 1 : UNITS_PER_SLOT;
  }

  /** Whether one more task of the session stays within the session's own limit. */
  sessionHasRoom(sessionId: string): boolean {
    const used = this.bySession.get(sessionId) ?? 0;
    return used + this.unitsFor(sessionId) <= this.rules.connections(sessionId) * UNITS_PER_SLOT;
  }

  /** Whether one more task of the session stays within the app-wide limit. */
  totalHasRoom(sessionId: string): boolean {
    return this.used + this.unitsFor(sessionId) <= this.rules.total() * UNITS_PER_SLOT;
  }

  /** Counts one task of the session as running; the returned function counts it finished. */
  occupy(sessionId: string): () => void {
    const units = this.unitsFor(sessionId);
    this.used += units;
    this.bySession.set(sessionId, (this.bySession.get(sessionId) ?? 0) + units);
    return () => {
      this.used -= units;
      const left = (this.bySession.get(sessionId) ?? units) - units;
      if (left > 0) this.bySession.set(sessionId, left);
      else this.bySession.delete(sessionId);
    };
  }
}
