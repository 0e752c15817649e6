interface Place<T> {
  /** Position in the one overall order: smaller goes first. */
  order: number;
  item: T;
}

/**
 * Queued work in first-come order, kept as one line per session: when a session has no room
 * (a site that allows one connection), the work behind it for other servers still starts,
 * and finding it costs one look per session rather than a walk through the whole backlog.
 */
export class SessionLine<T> {
  private readonly lines = new Map<string, Place<T>[]>();
  private front = 0;
  private back = 0;
  private count = 0;

  constructor(private readonly sessionOf: (item: T) => string) {}

  get length(): number {
    return this.count;
  }

  /** Adds work at the end of the line. */
  push(...items: T[]): void {
    for (const item of items) this.lineOf(item).push({ order: ++this.back, item });
    this.count += items.length;
  }

  /** Puts work back at the front (a retry, a paused job, an answered question). */
  unshift(item: T): void {
    this.lineOf(item).unshift({ order: --this.front, item });
    this.count++;
  }

  /** The oldest work of the sessions `hasRoom` accepts, left in the line. */
  peek(hasRoom: (sessionId: string) => boolean): T | undefined {
    let best: Place<T> | undefined;
    for (const [sessionId, line] of this.lines) {
      const head = line[0];
      if (head && (best === undefined || head.order < best.order) && hasRoom(sessionId)) {
        best = head;
      }
    }
    return best?.item;
  }

  /** Takes out `item`, which `peek` returned. */
  take(item: T): void {
    const sessionId = this.sessionOf(item);
    const line = this.lines.get(sessionId);
    if (line?.[0]?.item !== item) return void this.removeWhere((queued) => queued === item);
    line.shift();
    this.count--;
    if (line.length === 0) this.lines.delete(sessionId);
  }

  /** Everything waiting, in no particular order. */
  items(): T[] {
    return [...this.lines.values()].flatMap((line) => line.map((place) => place.item));
  }

  removeWhere(predicate: (item: T) => boolean): void {
    for (const [sessionId, line] of this.lines) {
      const kept = line.filter((place) => !predicate(place.item));
      this.count -= line.length - kept.length;
      if (kept.length === 0) this.lines.delete(sessionId);
      else if (kept.length !== line.length) this.lines.set(sessionId, kept);
    }
  }

  private lineOf(item: T): Place<T>[] {
    const sessionId = this.sessionOf(item);
    let line = this.lines.get(sessionId);
    if (!line) {
      line = [];
      this.lines.set(sessionId, line);
    }
    return line;
  }
}
